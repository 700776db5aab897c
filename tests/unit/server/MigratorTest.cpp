// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/Migrator.h"
#include "server/db/Database.h"
#include "server/db/Transaction.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/TempDatabase.h"

#include <QSqlQuery>

using namespace steward;
using namespace steward::server::db;
using steward::test::TempDatabase;

namespace {

int scalar(Database& db, const QString& sql)
{
    QSqlQuery query(db.connection());
    if (!query.exec(sql) || !query.next()) {
        return -1;
    }
    return query.value(0).toInt();
}

const char* kindText(DatabaseKind kind)
{
    return kind == DatabaseKind::Sqlite ? "sqlite" : "postgresql";
}

// A fresh, opened database of either kind (each kind runs as its own GENERATE branch).
struct Opened {
    explicit Opened(DatabaseKind kind) : temp(kind), db(temp.config())
    {
        INFO(kindText(kind) << ": " << temp.setupError().toStdString());
        REQUIRE(temp.setupError().isEmpty());
        REQUIRE(db.open().ok());
    }
    TempDatabase temp;
    Database db;
};

DatabaseKind anyKind()
{
    return GENERATE(
        from_range(std::begin(test::AllDatabaseKinds), std::end(test::AllDatabaseKinds)));
}

} // namespace

TEST_CASE("a fresh database is migrated to the latest schema", "[integration][db]")
{
    Opened opened(anyKind());
    Database& db = opened.db;

    Migrator migrator(db);
    REQUIRE(migrator.currentVersion().value() == 0);
    const auto applied = migrator.apply();
    INFO((applied.ok() ? std::string() : applied.error().message.toStdString()));
    REQUIRE(applied.ok());
    CHECK(migrator.currentVersion().value() == migrator.latestVersion());
    CHECK(db.connection().tables().contains(QStringLiteral("admins")));
    CHECK(db.connection().tables().contains(QStringLiteral("audit_log")));

    SECTION("applying again changes nothing")
    {
        REQUIRE(migrator.apply().ok());
        CHECK(scalar(db, QStringLiteral("SELECT COUNT(*) FROM schema_version")) == 1);
    }
}

TEST_CASE("SQLite is opened with WAL, full sync and foreign keys", "[integration][db]")
{
    TempDatabase temp(DatabaseKind::Sqlite);
    Database db(temp.config());
    REQUIRE(db.open().ok());
    QSqlQuery query(db.connection());
    REQUIRE(query.exec(QStringLiteral("PRAGMA journal_mode")));
    REQUIRE(query.next());
    CHECK(query.value(0).toString() == QStringLiteral("wal"));
    CHECK(scalar(db, QStringLiteral("PRAGMA synchronous")) == 2); // FULL
    CHECK(scalar(db, QStringLiteral("PRAGMA foreign_keys")) == 1);
}

TEST_CASE("a database newer than the code is refused untouched", "[integration][db]")
{
    Opened opened(anyKind());
    Database& db = opened.db;
    REQUIRE(Migrator(db).apply().ok());
    QSqlQuery bump(db.connection());
    REQUIRE(bump.exec(QStringLiteral("UPDATE schema_version SET version = 999")));

    const auto refused = Migrator(db).apply();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::DatabaseTooNew);
    CHECK(refused.error().message.contains(QStringLiteral("999")));
    CHECK(scalar(db, QStringLiteral("SELECT version FROM schema_version")) == 999);
}

TEST_CASE("a failing migration step leaves the database at the previous version",
          "[integration][db]")
{
    Opened opened(anyKind());
    Database& db = opened.db;

    const std::vector<Migration> steps{
        {1, "good", {"CREATE TABLE first_table (id {ID}, note TEXT)"}},
        {2, "bad", {"CREATE TABLE second_table (id {ID})", "INSERT INTO no_such_table VALUES (1)"}},
    };
    Migrator migrator(db, steps);
    const auto result = migrator.apply();
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message.contains(QStringLiteral("migration 2 \"bad\"")));
    CHECK(migrator.currentVersion().value() == 1);
    CHECK(db.connection().tables().contains(QStringLiteral("first_table")));
    CHECK_FALSE(db.connection().tables().contains(QStringLiteral("second_table")));
}

TEST_CASE("a transaction rolls back unless committed", "[integration][db]")
{
    TempDatabase temp(DatabaseKind::Sqlite);
    Database db(temp.config());
    REQUIRE(db.open().ok());
    REQUIRE(db.execute(QStringLiteral("CREATE TABLE t (v INTEGER)"), QStringLiteral("t")).ok());
    {
        Transaction tx(db);
        REQUIRE(tx.started().ok());
        REQUIRE(db.execute(QStringLiteral("INSERT INTO t VALUES (1)"), QStringLiteral("i")).ok());
    }
    CHECK(scalar(db, QStringLiteral("SELECT COUNT(*) FROM t")) == 0);
    {
        Transaction tx(db);
        REQUIRE(db.execute(QStringLiteral("INSERT INTO t VALUES (2)"), QStringLiteral("i")).ok());
        REQUIRE(tx.commit().ok());
    }
    CHECK(scalar(db, QStringLiteral("SELECT COUNT(*) FROM t")) == 1);
}

TEST_CASE("an unreachable PostgreSQL gives a clear error naming the server", "[integration][db]")
{
    DatabaseConfig config;
    config.kind = DatabaseKind::Postgres;
    config.host = QStringLiteral("127.0.0.1");
    config.port = 1; // nothing listens on port 1
    config.name = QStringLiteral("steward");
    config.user = QStringLiteral("steward");
    config.password = QStringLiteral("secret-value");
    Database db(config);
    const auto result = db.open();
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::DatabaseUnavailable);
    CHECK(result.error().message.contains(QStringLiteral("127.0.0.1:1")));
    CHECK_FALSE(result.error().message.contains(QStringLiteral("secret-value")));
}
