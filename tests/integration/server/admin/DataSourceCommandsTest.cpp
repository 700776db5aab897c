// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/app/ServerApp.h"
#include "server/db/Database.h"
#include "server/db/Migrator.h"
#include "tests/integration/server/admin/AdminTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/TempDatabase.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace steward;
using namespace steward::test;
using server::db::DatabaseKind;

namespace {

// Administrators, sessions and audit rows, with NULLs, made through the real commands.
void fillWithData(const QString& dataDir, const QString& config,
                  const server::db::DatabaseConfig& database)
{
    for (const auto* name : {"alice", "bob", "carol"}) {
        const auto run = runAdmin(
            dataDir, config,
            {QStringLiteral("create-admin"), QStringLiteral("--user"), QLatin1String(name)},
            "a long password\n");
        REQUIRE(run.exitCode == 0);
    }
    REQUIRE(canLogIn(database, QStringLiteral("bob"), QStringLiteral("a long password")));
    REQUIRE_FALSE(canLogIn(database, QStringLiteral("carol"), QStringLiteral("wrong password")));
}

int rowCount(const QJsonObject& dump, const QString& table)
{
    for (const auto& entry : dump.value(QStringLiteral("tables")).toArray()) {
        if (entry.toObject().value(QStringLiteral("name")).toString() == table) {
            return int(entry.toObject().value(QStringLiteral("rows")).toArray().size());
        }
    }
    return -1;
}

} // namespace

TEST_CASE("datasource copy moves every row SQLite to PostgreSQL and back, ids and all",
          "[integration][admin]")
{
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    TempDatabase sqlite(DatabaseKind::Sqlite);
    TempDatabase postgres(DatabaseKind::Postgres);
    TempDatabase sqliteAgain(DatabaseKind::Sqlite);
    REQUIRE(postgres.setupError().isEmpty());
    const QString sqliteConfig = dir.filePath(QStringLiteral("sqlite.conf"));
    const QString postgresConfig = dir.filePath(QStringLiteral("postgres.conf"));
    const QString backConfig = dir.filePath(QStringLiteral("back.conf"));
    writeSettings(sqliteConfig, sqlite.config());
    writeSettings(postgresConfig, postgres.config());
    writeSettings(backConfig, sqliteAgain.config());
    fillWithData(dataDir, sqliteConfig, sqlite.config());
    const QJsonObject original = dumpTables(sqlite.config());
    REQUIRE(rowCount(original, QStringLiteral("admins")) == 3);
    REQUIRE(rowCount(original, QStringLiteral("sessions")) == 1);
    REQUIRE(rowCount(original, QStringLiteral("audit_log")) >= 5);

    const auto there = runAdmin(dataDir, sqliteConfig,
                                {QStringLiteral("datasource"), QStringLiteral("copy"),
                                 QStringLiteral("--to-config"), postgresConfig});
    INFO(there.err.toStdString());
    REQUIRE(there.exitCode == 0);
    CHECK(there.out.contains(QStringLiteral("admins: 3 rows")));
    CHECK(dumpTables(postgres.config()) == original);

    // Running on PostgreSQL: the server serves the copied accounts, and new rows get fresh ids.
    {
        makePki(dataDir);
        auto settings = server::loadServerSettings(postgresConfig, dataDir);
        REQUIRE(settings.ok());
        settings->listenAddress = QHostAddress::LocalHost;
        settings->port = 0;
        server::ServerApp app(*settings);
        REQUIRE(app.start().ok());
        const auto login =
            httpsRequest(dataDir, app.port(), "POST", QStringLiteral("/api/v1/login"),
                         {{QStringLiteral("user"), QStringLiteral("alice")},
                          {QStringLiteral("password"), QStringLiteral("a long password")}});
        REQUIRE(login.status == 200);
        const auto admins =
            httpsRequest(dataDir, app.port(), "GET", QStringLiteral("/api/v1/admins"), {},
                         login.body.value(QStringLiteral("token")).toString().toLatin1());
        REQUIRE(admins.status == 200);
        QStringList names;
        for (const auto& admin : admins.body.value(QStringLiteral("items")).toArray()) {
            names.append(QStringLiteral("%1:%2")
                             .arg(admin.toObject().value(QStringLiteral("id")).toInteger())
                             .arg(admin.toObject().value(QStringLiteral("name")).toString()));
        }
        CHECK(names
              == QStringList{QStringLiteral("1:alice"), QStringLiteral("2:bob"),
                             QStringLiteral("3:carol")});
    }
    const auto dave =
        runAdmin(dataDir, postgresConfig,
                 {QStringLiteral("create-admin"), QStringLiteral("--user"), QStringLiteral("dave")},
                 "a long password\n");
    INFO(dave.err.toStdString());
    CHECK(dave.exitCode == 0);
    CHECK(dave.out.contains(QStringLiteral("(id 4)")));

    const QJsonObject onPostgres = dumpTables(postgres.config());
    const auto back = runAdmin(dataDir, postgresConfig,
                               {QStringLiteral("datasource"), QStringLiteral("copy"),
                                QStringLiteral("--to-config"), backConfig});
    INFO(back.err.toStdString());
    REQUIRE(back.exitCode == 0);
    CHECK(dumpTables(sqliteAgain.config()) == onPostgres);
    CHECK(
        canLogIn(sqliteAgain.config(), QStringLiteral("dave"), QStringLiteral("a long password")));
}

TEST_CASE("datasource copy refuses a target that already holds data, naming the table",
          "[integration][admin]")
{
    const auto kind = GENERATE(DatabaseKind::Sqlite, DatabaseKind::Postgres);
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    TempDatabase source(DatabaseKind::Sqlite);
    TempDatabase target(kind);
    REQUIRE(target.setupError().isEmpty());
    const QString sourceConfig = dir.filePath(QStringLiteral("source.conf"));
    const QString targetConfig = dir.filePath(QStringLiteral("target.conf"));
    writeSettings(sourceConfig, source.config());
    writeSettings(targetConfig, target.config());
    fillWithData(dataDir, sourceConfig, source.config());
    REQUIRE(runAdmin(dataDir, targetConfig,
                     {QStringLiteral("create-admin"), QStringLiteral("--user"),
                      QStringLiteral("squatter")},
                     "a long password\n")
                .exitCode
            == 0);
    const QJsonObject before = dumpTables(target.config());

    const auto refused = runAdmin(dataDir, sourceConfig,
                                  {QStringLiteral("datasource"), QStringLiteral("copy"),
                                   QStringLiteral("--to-config"), targetConfig});
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.contains(QStringLiteral("not empty: table admins has rows")));
    CHECK(dumpTables(target.config()) == before);
}

TEST_CASE("datasource show and test describe the data source without its password",
          "[integration][admin]")
{
    const auto kind = GENERATE(DatabaseKind::Sqlite, DatabaseKind::Postgres);
    QTemporaryDir dir;
    TempDatabase database(kind);
    REQUIRE(database.setupError().isEmpty());
    const QString config = dir.filePath(QStringLiteral("server.conf"));
    writeSettings(config, database.config());
    const QString dataDir = dir.filePath(QStringLiteral("data"));

    const auto show =
        runAdmin(dataDir, config, {QStringLiteral("datasource"), QStringLiteral("show")});
    CHECK(show.exitCode == 0);
    CHECK(show.out.contains(database.config().describe()));
    const auto test =
        runAdmin(dataDir, config, {QStringLiteral("datasource"), QStringLiteral("test")});
    INFO(test.err.toStdString());
    CHECK(test.exitCode == 0);
    CHECK(test.out.contains(QStringLiteral("latency: connect")));
    CHECK(test.out.contains(QStringLiteral("schema version: 0")));
    if (kind == DatabaseKind::Postgres) {
        CHECK_FALSE(show.out.contains(database.config().password));
        CHECK_FALSE(test.out.contains(database.config().password));
    }
}

TEST_CASE("datasource copy reads a target password without passwordFile from stdin",
          "[integration][admin]")
{
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    TempDatabase source(DatabaseKind::Sqlite);
    TempDatabase target(DatabaseKind::Postgres);
    REQUIRE(target.setupError().isEmpty());
    const QString sourceConfig = dir.filePath(QStringLiteral("source.conf"));
    const QString targetConfig = dir.filePath(QStringLiteral("target.conf"));
    writeSettings(sourceConfig, source.config());
    writeSettings(targetConfig, target.config(), false);
    fillWithData(dataDir, sourceConfig, source.config());
    const QStringList copy{QStringLiteral("datasource"), QStringLiteral("copy"),
                           QStringLiteral("--to-config"), targetConfig};

    const auto noPassword = runAdmin(dataDir, sourceConfig, copy);
    CHECK(noPassword.exitCode == 2);
    CHECK(noPassword.err.contains(QStringLiteral("STEWARD_DB_PASSWORD")));

    const auto wrong = runAdmin(dataDir, sourceConfig, copy, "not the password\n");
    CHECK(wrong.exitCode == 1);
    CHECK(wrong.err.contains(target.config().describe()));

    const auto copied =
        runAdmin(dataDir, sourceConfig, copy, target.config().password.toUtf8() + '\n');
    INFO(copied.err.toStdString());
    REQUIRE(copied.exitCode == 0);
    CHECK_FALSE(copied.out.contains(target.config().password));
    CHECK(dumpTables(target.config()) == dumpTables(source.config()));
}
