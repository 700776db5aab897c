// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/AuthService.h"
#include "server/db/AdminRepository.h"
#include "server/db/AuditRepository.h"
#include "server/db/Database.h"
#include "server/db/Migrator.h"
#include "server/db/SessionRepository.h"
#include "server/services/AuditLog.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/TempDatabase.h"

using namespace steward;
using namespace steward::server;
using steward::test::TempDatabase;

namespace {

// A real database and the service over it, with a clock the test moves.
struct AuthFixture {
    explicit AuthFixture(db::DatabaseKind kind)
        : temp(kind), database(temp.config()), admins(database), sessions(database),
          auditRepository(database), audit(auditRepository, [this] { return now; }),
          auth(admins, sessions, audit, policy(), [this] { return now; })
    {
        REQUIRE(temp.setupError().isEmpty());
        REQUIRE(database.open().ok());
        REQUIRE(db::Migrator(database).apply().ok());
        REQUIRE(auth.createAdmin(QStringLiteral("alice"), QStringLiteral("correct horse"), true,
                                 QStringLiteral("test"), {})
                    .ok());
    }
    static services::AuthPolicy policy()
    {
        services::AuthPolicy policy;
        policy.sessionLifetime = std::chrono::minutes(30);
        policy.maxFailedLogins = 5;
        policy.lockoutDuration = std::chrono::minutes(5);
        policy.passwordIterations = 1000;
        return policy;
    }
    qint64 now = 1'700'000'000;
    TempDatabase temp;
    db::Database database;
    db::AdminRepository admins;
    db::SessionRepository sessions;
    db::AuditRepository auditRepository;
    services::AuditLog audit;
    services::AuthService auth;
};

db::DatabaseKind anyKind()
{
    return GENERATE(
        from_range(std::begin(test::AllDatabaseKinds), std::end(test::AllDatabaseKinds)));
}

} // namespace

TEST_CASE("a session expires after 30 idle minutes and slides while used", "[integration][auth]")
{
    AuthFixture f(anyKind());
    const auto login = f.auth.login(QStringLiteral("alice"), QStringLiteral("correct horse"), {});
    REQUIRE(login.ok());
    CHECK(login->expiresAt == f.now + 30 * 60);

    f.now += 29 * 60;
    REQUIRE(f.auth.authenticate(login->token, {}).ok()); // used: slides to now + 30 min
    f.now += 29 * 60;
    REQUIRE(f.auth.authenticate(login->token, {}).ok());
    f.now += 30 * 60;
    const auto expired = f.auth.authenticate(login->token, {});
    REQUIRE_FALSE(expired.ok());
    CHECK(expired.error().code == ErrorCode::Unauthenticated);
    CHECK(expired.error().message.contains(QStringLiteral("expired")));
    CHECK_FALSE(f.auth.authenticate(login->token, {}).ok());
}

TEST_CASE("five failed logins lock the account for five minutes", "[integration][auth]")
{
    AuthFixture f(anyKind());
    for (int attempt = 0; attempt < 5; ++attempt) {
        const auto failed = f.auth.login(QStringLiteral("alice"), QStringLiteral("nope nope"), {});
        REQUIRE_FALSE(failed.ok());
        CHECK(failed.error().code == ErrorCode::Unauthenticated);
    }
    const auto locked = f.auth.login(QStringLiteral("alice"), QStringLiteral("correct horse"), {});
    REQUIRE_FALSE(locked.ok());
    CHECK(locked.error().code == ErrorCode::AccountLocked);
    CHECK(locked.error().message.contains(QStringLiteral("300 s")));

    f.now += 4 * 60;
    CHECK(f.auth.login(QStringLiteral("alice"), QStringLiteral("correct horse"), {}).error().code
          == ErrorCode::AccountLocked);
    f.now += 61;
    CHECK(f.auth.login(QStringLiteral("alice"), QStringLiteral("correct horse"), {}).ok());

    db::AuditFilter locks;
    locks.action = QStringLiteral("account.lock");
    CHECK(f.audit.query(locks, 0, 10)->total == 1);
}

TEST_CASE("a successful login resets the failure count", "[integration][auth]")
{
    AuthFixture f(db::DatabaseKind::Sqlite);
    for (int attempt = 0; attempt < 4; ++attempt) {
        REQUIRE_FALSE(f.auth.login(QStringLiteral("alice"), QStringLiteral("wrong one"), {}).ok());
    }
    REQUIRE(f.auth.login(QStringLiteral("alice"), QStringLiteral("correct horse"), {}).ok());
    for (int attempt = 0; attempt < 4; ++attempt) {
        REQUIRE_FALSE(f.auth.login(QStringLiteral("alice"), QStringLiteral("wrong one"), {}).ok());
    }
    CHECK(f.auth.login(QStringLiteral("alice"), QStringLiteral("correct horse"), {}).ok());
}

TEST_CASE("a password reset ends the account's sessions and unlocks it", "[integration][auth]")
{
    AuthFixture f(db::DatabaseKind::Sqlite);
    const auto login = f.auth.login(QStringLiteral("alice"), QStringLiteral("correct horse"), {});
    REQUIRE(login.ok());
    REQUIRE(f.auth
                .resetPassword(QStringLiteral("alice"), QStringLiteral("new secret 1"),
                               QStringLiteral("steward-admin"), {})
                .ok());
    CHECK_FALSE(f.auth.authenticate(login->token, {}).ok());
    CHECK_FALSE(f.auth.login(QStringLiteral("alice"), QStringLiteral("correct horse"), {}).ok());
    CHECK(f.auth.login(QStringLiteral("alice"), QStringLiteral("new secret 1"), {}).ok());
    CHECK(f.auth.resetPassword(QStringLiteral("nobody"), QStringLiteral("new secret 1"), {}, {})
              .error()
              .code
          == ErrorCode::NotFound);
}

TEST_CASE("tokens are stored only as hashes", "[integration][auth]")
{
    AuthFixture f(db::DatabaseKind::Sqlite);
    const auto login = f.auth.login(QStringLiteral("alice"), QStringLiteral("correct horse"), {});
    REQUIRE(login.ok());
    QFile file(f.temp.config().sqliteFile);
    f.database.close();
    REQUIRE(file.open(QIODevice::ReadOnly));
    QByteArray everything = file.readAll();
    QFile wal(f.temp.config().sqliteFile + QStringLiteral("-wal"));
    if (wal.open(QIODevice::ReadOnly)) {
        everything += wal.readAll();
    }
    CHECK_FALSE(everything.contains(login->token));
    CHECK_FALSE(everything.contains("correct horse"));
}

TEST_CASE("administrator names and passwords are validated with clear messages", "[unit][auth]")
{
    using services::AuthService;
    CHECK(AuthService::validateName(QStringLiteral("alice.smith@corp")).ok());
    CHECK_FALSE(AuthService::validateName(QString()).ok());
    CHECK_FALSE(AuthService::validateName(QStringLiteral("bad name")).ok());
    CHECK_FALSE(AuthService::validateName(QStringLiteral("-dash")).ok());
    CHECK_FALSE(AuthService::validateName(QString(65, QLatin1Char('a'))).ok());
    const auto weak = AuthService::validatePassword(QStringLiteral("short"));
    REQUIRE_FALSE(weak.ok());
    CHECK(weak.error().message.contains(QStringLiteral("8 characters")));
}
