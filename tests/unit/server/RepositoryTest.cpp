// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/AdminRepository.h"
#include "server/db/AuditRepository.h"
#include "server/db/Database.h"
#include "server/db/Migrator.h"
#include "server/db/SessionRepository.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/MigratedDatabase.h"

using namespace steward;
using namespace steward::server::db;

using steward::test::MigratedDatabase;

namespace {

DatabaseKind anyKind()
{
    return test::anyDatabaseKind();
}

} // namespace

TEST_CASE("administrators are created, found and listed", "[integration][db]")
{
    MigratedDatabase m(anyKind());
    AdminRepository admins(m.db);
    const auto id = admins.insert(QStringLiteral("alice"), QStringLiteral("hash-a"), true, 1000);
    REQUIRE(id.ok());
    REQUIRE(admins.insert(QStringLiteral("bob"), QStringLiteral("hash-b"), false, 1001).ok());

    const auto alice = admins.findByName(QStringLiteral("alice"));
    REQUIRE(alice.ok());
    REQUIRE(alice->has_value());
    CHECK((*alice)->id == *id);
    CHECK((*alice)->superuser);
    CHECK((*alice)->passwordHash == QStringLiteral("hash-a"));
    CHECK((*alice)->revision == 1);
    CHECK_FALSE((*alice)->lockedUntil.has_value());
    CHECK_FALSE(admins.findByName(QStringLiteral("carol"))->has_value());

    const auto page = admins.list(1, 10);
    REQUIRE(page.ok());
    CHECK(page->total == 2);
    REQUIRE(page->items.size() == 1);
    CHECK(page->items[0].name == QStringLiteral("bob"));

    const auto duplicate = admins.insert(QStringLiteral("alice"), QStringLiteral("x"), false, 1);
    REQUIRE_FALSE(duplicate.ok());
    CHECK(duplicate.error().code == ErrorCode::AlreadyExists);
}

TEST_CASE("a password change with a stale revision is a conflict", "[integration][db]")
{
    MigratedDatabase m(anyKind());
    AdminRepository admins(m.db);
    const auto id = *admins.insert(QStringLiteral("alice"), QStringLiteral("h1"), true, 1);
    REQUIRE(admins.setPassword(id, QStringLiteral("h2"), 1, 2).ok());
    const auto stale = admins.setPassword(id, QStringLiteral("h3"), 1, 3);
    REQUIRE_FALSE(stale.ok());
    CHECK(stale.error().code == ErrorCode::Conflict);
    CHECK((*admins.findById(id))->passwordHash == QStringLiteral("h2"));
    CHECK(admins.setPassword(9999, QStringLiteral("h"), 1, 3).error().code == ErrorCode::NotFound);
}

TEST_CASE("login state records failures and locks", "[integration][db]")
{
    MigratedDatabase m(anyKind());
    AdminRepository admins(m.db);
    const auto id = *admins.insert(QStringLiteral("alice"), QStringLiteral("h"), true, 1);
    REQUIRE(admins.setLoginState(id, 5, 500).ok());
    auto admin = **admins.findById(id);
    CHECK(admin.failedLogins == 5);
    CHECK(admin.lockedUntil == std::optional<qint64>(500));
    REQUIRE(admins.setLoginState(id, 0, std::nullopt).ok());
    admin = **admins.findById(id);
    CHECK(admin.failedLogins == 0);
    CHECK_FALSE(admin.lockedUntil.has_value());
}

TEST_CASE("sessions are found by token hash, extended and expired", "[integration][db]")
{
    MigratedDatabase m(anyKind());
    AdminRepository admins(m.db);
    SessionRepository sessions(m.db);
    const auto admin = *admins.insert(QStringLiteral("alice"), QStringLiteral("h"), true, 1);
    const QByteArray hashA(32, 'a');
    const QByteArray hashB(32, 'b');
    const auto id = sessions.insert(hashA, {0, admin, 100, 200, QStringLiteral("127.0.0.1")});
    REQUIRE(id.ok());
    REQUIRE(sessions.insert(hashB, {0, admin, 100, 150, {}}).ok());

    auto found = sessions.find(hashA);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->adminId == admin);
    CHECK((*found)->peer == QStringLiteral("127.0.0.1"));
    REQUIRE(sessions.extend(*id, 400).ok());
    CHECK((*sessions.find(hashA))->expiresAt == 400);

    CHECK(*sessions.removeExpired(300) == 1);
    CHECK_FALSE(sessions.find(hashB)->has_value());
    REQUIRE(sessions.remove(hashA).ok());
    CHECK_FALSE(sessions.find(hashA)->has_value());
}

TEST_CASE("the audit log filters and pages newest first", "[integration][db]")
{
    MigratedDatabase m(anyKind());
    AuditRepository audit(m.db);
    for (int i = 0; i < 25; ++i) {
        AuditEntry entry;
        entry.at = 1000 + i;
        entry.actor = i % 2 ? QStringLiteral("alice") : QStringLiteral("bob");
        entry.action = i % 5 == 0 ? QStringLiteral("login") : QStringLiteral("admin.create");
        entry.outcome = i % 5 == 0 ? QStringLiteral("denied") : QStringLiteral("ok");
        entry.peer = QStringLiteral("10.0.0.1");
        entry.object = QStringLiteral("device:%1").arg(i % 3);
        REQUIRE(audit.append(entry).ok());
    }
    const auto all = audit.query({}, 0, 10);
    REQUIRE(all.ok());
    CHECK(all->total == 25);
    REQUIRE(all->items.size() == 10);
    CHECK(all->items.front().at == 1024);

    AuditFilter filter;
    filter.actor = QStringLiteral("alice");
    filter.from = 1010;
    const auto alice = audit.query(filter, 0, 100);
    REQUIRE(alice.ok());
    CHECK(alice->total == 7); // 1011, 1013, ..., 1023
    for (const auto& entry : alice->items) {
        CHECK(entry.actor == QStringLiteral("alice"));
        CHECK(entry.at >= 1010);
    }
    AuditFilter denied;
    denied.outcome = QStringLiteral("denied");
    denied.to = 1010;
    CHECK(audit.query(denied, 0, 100)->total == 2); // 1000, 1005
    AuditFilter device;
    device.object = QStringLiteral("device:1");
    const auto one = audit.query(device, 0, 100);
    REQUIRE(one.ok());
    CHECK(one->total == 8); // 1, 4, ..., 22
    for (const auto& entry : one->items) {
        CHECK(entry.object == QStringLiteral("device:1"));
    }
}
