// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/admin/DataSource.h"

#include "server/db/Migrator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace steward::server::admin {

Result<db::DatabaseConfig> databaseConfig(const ServerSettings& settings, SecretSource& secrets,
                                          PasswordFallback fallback)
{
    auto config = settings.databaseConfig();
    if (config.kind != db::DatabaseKind::Postgres) {
        return config;
    }
    if (!settings.databasePasswordFile.isEmpty()) {
        QFile file(settings.databasePasswordFile);
        if (!file.open(QIODevice::ReadOnly)) {
            return makeError(ErrorCode::InvalidConfig,
                             QStringLiteral("database/passwordFile %1: %2")
                                 .arg(settings.databasePasswordFile, file.errorString()));
        }
        config.password = QString::fromUtf8(file.read(64 * 1024)).trimmed();
        return config;
    }
    const QString variable = QStringLiteral("STEWARD_DB_PASSWORD");
    if (fallback == PasswordFallback::Environment
        || (fallback == PasswordFallback::EnvironmentOrStdin
            && secrets.environment().contains(variable))) {
        config.password = secrets.environment().value(variable);
    } else if (fallback == PasswordFallback::EnvironmentOrStdin) {
        auto password =
            secrets.read(variable, QStringLiteral("the password of ") + config.describe());
        if (!password) {
            return password.error();
        }
        config.password = *password;
    }
    return config;
}

Result<std::unique_ptr<db::Database>> openDatabase(const db::DatabaseConfig& config, bool migrate)
{
    auto database = std::make_unique<db::Database>(config);
    if (auto opened = database->open(); !opened) {
        return opened.error();
    }
    if (migrate) {
        if (auto migrated = db::Migrator(*database).apply(); !migrated) {
            return migrated.error();
        }
    }
    return database;
}

Result<std::unique_ptr<db::Database>> openActiveDatabase(AdminContext& context, bool migrate)
{
    auto config = databaseConfig(context.settings, context.secrets, PasswordFallback::Environment);
    if (!config) {
        return config.error();
    }
    // A command that writes sets up the data dir as steward-server would: private to its owner.
    const QString dataDir = context.settings.dataDir;
    if (migrate && !QFileInfo::exists(dataDir)) {
        if (!QDir().mkpath(dataDir)) {
            return makeError(ErrorCode::IoError,
                             QStringLiteral("cannot create the data directory %1").arg(dataDir));
        }
        QFile::setPermissions(dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    return openDatabase(*config, migrate);
}

} // namespace steward::server::admin
