// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/Signature.h"
#include "server/db/AdminRepository.h"
#include "server/db/AuditRepository.h"
#include "server/db/Database.h"
#include "server/db/DeviceCommandRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/db/Migrator.h"
#include "server/db/SessionRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/CommandService.h"
#include "server/services/EventHub.h"
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

namespace {

// The command queue against a real database, with a movable clock and a fake channel.
struct CommandQueue {
    explicit CommandQueue(DatabaseKind kind)
        : m(kind), devices(m.db), commands(m.db), auditRepository(m.db),
          audit(auditRepository, [this] { return now; }),
          key(*crypto::PrivateKey::generate(crypto::KeySpec::ecP256())),
          service(
              commands, devices, [this](qint64) { return Result<crypto::PrivateKey>(key); }, audit,
              events, [this] { return now; }, std::chrono::seconds(100), std::chrono::hours(1))
    {
        Device device;
        device.name = QStringLiteral("TC-1");
        device.certFingerprint = QStringLiteral("ab");
        device.certPem = QStringLiteral("pem");
        device.enrolledAt = now;
        deviceId = *devices.insert(device);
        device.certFingerprint = QStringLiteral("cd");
        otherId = *devices.insert(device);
        service.setChannel({[this](qint64) { return online; },
                            [this](qint64 id, const protocol::CommandRun& run) {
                                sent.emplace_back(id, run);
                                return true;
                            },
                            [this](qint64 id, const QString&) { disconnected.push_back(id); }});
    }
    QString state(qint64 id) { return (*commands.findById(id))->state; }
    qint64 create(const QString& kind, const QJsonObject& args = {},
                  std::optional<std::chrono::seconds> ttl = std::nullopt, qint64 device = 0)
    {
        auto created = service.create(device ? device : deviceId, kind, args, ttl,
                                      QStringLiteral("alice"), QStringLiteral("127.0.0.1"));
        INFO((created.ok() ? std::string() : created.error().message.toStdString()));
        REQUIRE(created.ok());
        return created->id;
    }

    qint64 now = 1000;
    bool online = false;
    std::vector<std::pair<qint64, protocol::CommandRun>> sent;
    std::vector<qint64> disconnected;
    MigratedDatabase m;
    DeviceRepository devices;
    DeviceCommandRepository commands;
    AuditRepository auditRepository;
    server::services::AuditLog audit;
    server::services::EventHub events;
    crypto::PrivateKey key;
    server::services::CommandService service;
    qint64 deviceId = 0;
    qint64 otherId = 0;
};

} // namespace

TEST_CASE("device commands queue while offline, go out on connect, and expire on time",
          "[integration][db][commands]")
{
    CommandQueue q(anyKind());
    const qint64 lasting = q.create(QStringLiteral("reboot"));
    const qint64 brief = q.create(QStringLiteral("shutdown"), {}, std::chrono::seconds(10));
    CHECK(q.sent.empty());
    CHECK(q.state(lasting) == CommandState::Queued);

    q.now = 1010; // brief's expiry is 1010: due
    q.service.expireDue();
    CHECK(q.state(brief) == CommandState::Expired);
    CHECK((*q.commands.findById(brief))->message
          == QStringLiteral("expired before the device connected"));
    CHECK(q.state(lasting) == CommandState::Queued);

    q.online = true;
    q.service.deliverPending(q.deviceId);
    REQUIRE(q.sent.size() == 1);
    CHECK(q.sent[0].second.id == lasting);
    CHECK(q.sent[0].second.signature.isEmpty());
    CHECK(q.state(lasting) == CommandState::Sent);
    q.service.deliverPending(q.deviceId); // nothing is sent twice
    CHECK(q.sent.size() == 1);

    // A result from another device, or for a finished command, changes nothing.
    q.service.handleResult(q.otherId, {lasting, true, QStringLiteral("x")}, {});
    CHECK(q.state(lasting) == CommandState::Sent);
    q.service.handleResult(q.deviceId, {brief, true, QStringLiteral("late")}, {});
    CHECK(q.state(brief) == CommandState::Expired);

    q.service.handleResult(q.deviceId, {lasting, false, QStringLiteral("no hook")}, {});
    CHECK(q.state(lasting) == CommandState::Failed);
    CHECK((*q.commands.findById(lasting))->finishedAt == 1010);

    // Sent but never answered: expires too.
    const qint64 unanswered = q.create(QStringLiteral("reboot"), {}, std::chrono::seconds(5));
    CHECK(q.state(unanswered) == CommandState::Sent);
    q.now = 1015;
    q.service.expireDue();
    CHECK((*q.commands.findById(unanswered))->message
          == QStringLiteral("expired without a result from the device"));
    const auto listed = q.commands.listForDevice(q.deviceId, 0, 10);
    REQUIRE(listed.ok());
    CHECK(listed->total == 3);
    CHECK(listed->items.front().id == unanswered); // newest first
}

TEST_CASE("a release is signed for its device, and its success marks the device released",
          "[integration][db][commands]")
{
    CommandQueue q(anyKind());
    q.online = true;
    const qint64 release = q.create(QStringLiteral("release"));
    REQUIRE(q.sent.size() == 1);
    const auto& run = q.sent[0].second;
    CHECK(crypto::verifySignature(q.key.publicKey(),
                                  protocol::commandSigningPayload(run, q.deviceId), run.signature)
              .ok());
    CHECK_FALSE(crypto::verifySignature(q.key.publicKey(),
                                        protocol::commandSigningPayload(run, q.otherId),
                                        run.signature)
                    .ok());
    q.service.handleResult(q.deviceId, {release, true, QStringLiteral("released")}, {});
    CHECK(q.state(release) == CommandState::Succeeded);
    CHECK((*q.devices.findById(q.deviceId))->releasedAt == 1000);
    CHECK(q.disconnected == std::vector<qint64>{q.deviceId});
    const auto refused = q.service.create(q.deviceId, QStringLiteral("reboot"), {}, {}, {}, {});
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::Conflict);
}

TEST_CASE("device commands are validated by kind, arguments and lifetime",
          "[integration][db][commands]")
{
    CommandQueue q(anyKind());
    const auto refuse = [&](qint64 device, const QString& kind, const QJsonObject& args,
                            std::optional<std::chrono::seconds> ttl, ErrorCode code,
                            const QString& mentions) {
        const auto created = q.service.create(device, kind, args, ttl, {}, {});
        REQUIRE_FALSE(created.ok());
        CHECK(created.error().code == code);
        CHECK(created.error().message.contains(mentions));
    };
    refuse(q.deviceId, QStringLiteral("format-disk"), {}, {}, ErrorCode::InvalidValue,
           QStringLiteral("format-disk"));
    refuse(q.deviceId, QStringLiteral("reboot"), {{QStringLiteral("now"), true}}, {},
           ErrorCode::InvalidValue, QStringLiteral("args.now"));
    refuse(q.deviceId, QStringLiteral("rename"), {{QStringLiteral("name"), QStringLiteral("a b")}},
           {}, ErrorCode::InvalidValue, QStringLiteral("args.name"));
    refuse(q.deviceId, QStringLiteral("rename"),
           {{QStringLiteral("name"), QStringLiteral("ok")}, {QStringLiteral("network"), 1}}, {},
           ErrorCode::InvalidValue, QStringLiteral("args.network"));
    refuse(q.deviceId, QStringLiteral("reboot"), {}, std::chrono::seconds(0),
           ErrorCode::InvalidValue, QStringLiteral("ttl"));
    refuse(999, QStringLiteral("reboot"), {}, {}, ErrorCode::NotFound, QStringLiteral("999"));
    const auto listed = q.commands.listForDevice(q.deviceId, 0, 10);
    CHECK(listed->total == 0); // nothing half-created

    const qint64 renamed =
        q.create(QStringLiteral("rename"), {{QStringLiteral("name"), QStringLiteral("desk-3")}});
    CHECK(q.state(renamed) == CommandState::Succeeded);
    CHECK((*q.devices.findById(q.deviceId))->name == QStringLiteral("desk-3"));
    CHECK(q.sent.empty());
}
