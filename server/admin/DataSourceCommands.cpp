// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/admin/DataSourceCommands.h"

#include "server/admin/DataSource.h"
#include "server/admin/SchemaSteps.h"
#include "server/db/DataCopier.h"
#include "server/db/Migrator.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace steward::server::admin {

Result<void> showDataSource(AdminContext& context)
{
    const auto config = context.settings.databaseConfig();
    context.out << QStringLiteral("kind: %1\n").arg(db::kindName(config.kind));
    if (config.kind == db::DatabaseKind::Sqlite) {
        context.out << QStringLiteral("file: %1\n").arg(config.sqliteFile);
    } else {
        context.out << QStringLiteral("host: %1\nport: %2\ndatabase: %3\nuser: %4\n")
                           .arg(config.host)
                           .arg(config.port)
                           .arg(config.name, config.user);
        context.out << QStringLiteral("password: %1\n")
                           .arg(context.settings.databasePasswordFile.isEmpty()
                                    ? QStringLiteral("from STEWARD_DB_PASSWORD (no passwordFile)")
                                    : QStringLiteral("from ")
                                          + context.settings.databasePasswordFile);
    }
    context.out << QStringLiteral("connection: %1\n").arg(config.describe());
    return {};
}

Result<void> testDataSource(AdminContext& context)
{
    QElapsedTimer timer;
    timer.start();
    auto database = openActiveDatabase(context, false);
    if (!database) {
        return database.error();
    }
    const double connectMs = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    if (auto alive = (*database)->ping(); !alive) {
        return alive;
    }
    const double pingMs = double(timer.nsecsElapsed()) / 1e6;
    db::Migrator migrator(**database);
    auto version = migrator.currentVersion();
    if (!version) {
        return version.error();
    }
    context.out << QStringLiteral("connected to %1\n").arg((*database)->config().describe());
    context.out << QStringLiteral("latency: connect %1 ms, round trip %2 ms\n")
                       .arg(connectMs, 0, 'f', 1)
                       .arg(pingMs, 0, 'f', 2);
    context.out << QStringLiteral("schema version: %1 (this build: %2)\n")
                       .arg(*version)
                       .arg(migrator.latestVersion());
    if (*version > migrator.latestVersion()) {
        return makeError(ErrorCode::DatabaseTooNew,
                         QStringLiteral("the database is newer than this build"));
    }
    return {};
}

Result<void> copyDataSource(AdminContext& context, const QString& targetConfigPath)
{
    auto targetSettings = loadServerSettings(targetConfigPath, context.settings.dataDir);
    if (!targetSettings) {
        return targetSettings.error();
    }
    auto targetConfig =
        databaseConfig(*targetSettings, context.secrets, PasswordFallback::EnvironmentOrStdin);
    if (!targetConfig) {
        return targetConfig.error();
    }
    // The source's password comes only from its passwordFile: STEWARD_DB_PASSWORD is the target's.
    auto sourceConfig = databaseConfig(context.settings, context.secrets, PasswordFallback::None);
    if (!sourceConfig) {
        return sourceConfig.error();
    }
    if (sourceConfig->describe() == targetConfig->describe()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the target %1 is the active data source itself")
                             .arg(targetConfig->describe()));
    }
    auto source = openDatabase(*sourceConfig, false);
    if (!source) {
        return source.error();
    }
    auto snapshot = db::readSnapshot(**source);
    if (!snapshot) {
        return snapshot.error();
    }
    auto target = openDatabase(*targetConfig, false);
    if (!target) {
        return target.error();
    }
    if (auto loaded = loadSnapshot(**target, *snapshot, false); !loaded) {
        return loaded;
    }
    qint64 rows = 0;
    for (const auto& table : snapshot->tables) {
        context.out << QStringLiteral("%1: %2 rows\n").arg(table.name).arg(table.rows.size());
        rows += qint64(table.rows.size());
    }
    context.out << QStringLiteral("copied %1 rows in %2 tables from %3 to %4 (schema version %5)\n")
                       .arg(rows)
                       .arg(snapshot->tables.size())
                       .arg(sourceConfig->describe(), targetConfig->describe())
                       .arg(snapshot->schemaVersion);
    context.out << QStringLiteral("to use it, put its [database] section into the server's "
                                  "settings file and restart steward-server\n");
    return {};
}

} // namespace steward::server::admin
