// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/server/admin/AdminTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/TempDatabase.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

using namespace steward;
using namespace steward::test;
using server::db::DatabaseKind;

namespace {

// A data dir whose settings point at \a database (SQLite or PostgreSQL).
struct AdminSetup {
    explicit AdminSetup(DatabaseKind kind) : database(kind)
    {
        REQUIRE(database.setupError().isEmpty());
        config = QDir(dir.path()).filePath(QStringLiteral("server.conf"));
        writeSettings(config, database.config());
        dataDir = QDir(dir.path()).filePath(QStringLiteral("data"));
    }
    QTemporaryDir dir;
    TempDatabase database;
    QString config;
    QString dataDir;
};

} // namespace

TEST_CASE("create-admin makes a superuser who can log in, and refuses a taken name",
          "[integration][admin]")
{
    const auto kind = GENERATE(DatabaseKind::Sqlite, DatabaseKind::Postgres);
    AdminSetup setup(kind);

    const auto created = runAdmin(
        setup.dataDir, setup.config,
        {QStringLiteral("create-admin"), QStringLiteral("--user"), QStringLiteral("alice")},
        "correct horse battery\n");
    INFO(created.err.toStdString());
    REQUIRE(created.exitCode == 0);
    CHECK(created.out.contains(QStringLiteral("created superuser \"alice\"")));
    CHECK(canLogIn(setup.database.config(), QStringLiteral("alice"),
                   QStringLiteral("correct horse battery")));
    CHECK_FALSE(canLogIn(setup.database.config(), QStringLiteral("alice"),
                         QStringLiteral("wrong horse battery")));

    const auto audit = dumpTables(setup.database.config());
    CHECK(QJsonDocument(audit).toJson().contains("\"steward-admin\""));

    const auto again = runAdmin(
        setup.dataDir, setup.config,
        {QStringLiteral("create-admin"), QStringLiteral("--user"), QStringLiteral("alice")},
        "another password\n");
    CHECK(again.exitCode == 1);
    CHECK(again.err.startsWith(QStringLiteral("steward-admin: ")));
    CHECK(again.err.contains(QStringLiteral("\"alice\" already exists")));
}

TEST_CASE("reset-password lets the new password in and keeps the old one out",
          "[integration][admin]")
{
    const auto kind = GENERATE(DatabaseKind::Sqlite, DatabaseKind::Postgres);
    AdminSetup setup(kind);
    const QStringList user{QStringLiteral("--user"), QStringLiteral("bob")};
    REQUIRE(runAdmin(setup.dataDir, setup.config,
                     QStringList{QStringLiteral("create-admin")} + user, {},
                     {{QStringLiteral("STEWARD_PASSWORD"), QStringLiteral("first password")}})
                .exitCode
            == 0);

    const auto reset =
        runAdmin(setup.dataDir, setup.config, QStringList{QStringLiteral("reset-password")} + user,
                 "second password\n");
    INFO(reset.err.toStdString());
    REQUIRE(reset.exitCode == 0);
    CHECK(canLogIn(setup.database.config(), QStringLiteral("bob"),
                   QStringLiteral("second password")));
    CHECK_FALSE(
        canLogIn(setup.database.config(), QStringLiteral("bob"), QStringLiteral("first password")));

    const auto nobody = runAdmin(
        setup.dataDir, setup.config,
        {QStringLiteral("reset-password"), QStringLiteral("--user"), QStringLiteral("nobody")},
        "some password\n");
    CHECK(nobody.exitCode == 1);
    CHECK(nobody.err.contains(QStringLiteral("no administrator named \"nobody\"")));
}

TEST_CASE("steward-admin refuses bad invocations with usage and configuration exit codes",
          "[integration][admin]")
{
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    CHECK(runAdmin(dataDir, {}, {QStringLiteral("frobnicate")}).exitCode == 2);
    CHECK(runAdmin(dataDir, {}, {QStringLiteral("create-admin")}).exitCode == 2);
    CHECK(runAdmin(dataDir, {}, {QStringLiteral("--no-such-option")}).exitCode == 2);
    const auto tooShort = runAdmin(
        dataDir, {},
        {QStringLiteral("create-admin"), QStringLiteral("--user"), QStringLiteral("carol")},
        "short\n");
    CHECK(tooShort.exitCode == 1);
    CHECK(tooShort.err.contains(QStringLiteral("at least 8 characters")));

    const QString badConfig = dir.filePath(QStringLiteral("bad.conf"));
    QFile file(badConfig);
    REQUIRE(file.open(QIODevice::WriteOnly));
    file.write("[database]\ntype = oracle\n");
    file.close();
    const auto config = runAdmin(dataDir, badConfig, {QStringLiteral("status")});
    CHECK(config.exitCode == 78);
    CHECK(config.err.contains(QStringLiteral("database/type")));
}

TEST_CASE("the real steward-admin binary reads the password from stdin, never from argv",
          "[integration][admin]")
{
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    const QString password = QStringLiteral("stdin-only secret 42");
    const QStringList arguments{QStringLiteral("--data-dir"), dataDir,
                                QStringLiteral("create-admin"), QStringLiteral("--user"),
                                QStringLiteral("root")};
    for (const auto& argument : arguments) {
        CHECK_FALSE(argument.contains(password));
    }
    QProcess process;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("STEWARD_PASSWORD"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(STEWARD_BINARY_DIR "/server/steward-admin"), arguments);
    REQUIRE(process.waitForStarted(10000));
    process.write(password.toUtf8() + '\n');
    process.closeWriteChannel();
    REQUIRE(process.waitForFinished(60000));
    const QString err = QString::fromUtf8(process.readAllStandardError());
    INFO(err.toStdString());
    CHECK(process.exitCode() == 0);
    CHECK_FALSE(err.contains(password));
    CHECK_FALSE(QString::fromUtf8(process.readAllStandardOutput()).contains(password));

    server::db::DatabaseConfig sqlite;
    sqlite.sqliteFile = QDir(dataDir).filePath(QStringLiteral("steward.sqlite"));
    CHECK(canLogIn(sqlite, QStringLiteral("root"), password));
}
