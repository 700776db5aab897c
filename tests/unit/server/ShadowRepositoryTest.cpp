// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/ShadowRepository.h"
#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/MigratedDatabase.h"

using namespace steward;
using namespace steward::server::db;
using steward::test::MigratedDatabase;

namespace {

qint64 insertDevice(Database& db)
{
    Device device;
    device.name = QStringLiteral("thin-client-7");
    device.certFingerprint = QStringLiteral("ab01");
    device.certPem = QStringLiteral("pem");
    device.enrolledAt = 1;
    const auto id = DeviceRepository(db).insert(device);
    REQUIRE(id.ok());
    return *id;
}

ShadowSession pending(qint64 deviceId, const QString& id, qint64 expires)
{
    ShadowSession session;
    session.id = id;
    session.deviceId = deviceId;
    session.admin = QStringLiteral("alice");
    session.path = QStringLiteral("direct");
    session.nonce = QStringLiteral("bm9uY2U");
    session.created = 100;
    session.expires = expires;
    return session;
}

} // namespace

TEST_CASE("a shadow session is claimed exactly once, by its device, before expiry",
          "[integration][db][shadow]")
{
    MigratedDatabase m(test::anyDatabaseKind());
    ShadowRepository shadow(m.db);
    const qint64 device = insertDevice(m.db);
    const QString id = QStringLiteral("0b6d2f1e-8c1a-4d7e-9a53-2f4c8e1b7d90");
    REQUIRE(shadow.insertSession(pending(device, id, 200)).ok());

    CHECK(shadow.claimSession(id, device + 1, QStringLiteral("bm9uY2U"), 150, {}).error().code
          == ErrorCode::Conflict); // another device
    CHECK_FALSE(shadow.claimSession(id, device, QStringLiteral("other"), 150, {}).ok());
    CHECK_FALSE(
        shadow.claimSession(id, device, QStringLiteral("bm9uY2U"), 200, {}).ok()); // expired
    REQUIRE(
        shadow
            .claimSession(id, device, QStringLiteral("bm9uY2U"), 150, QStringLiteral("192.0.2.10"))
            .ok());
    CHECK_FALSE(shadow.claimSession(id, device, QStringLiteral("bm9uY2U"), 151, {}).ok()); // replay

    REQUIRE(shadow.endSession(id, device, 180, 5120, 84213).ok());
    CHECK_FALSE(shadow.endSession(id, device, 181, 0, 0).ok());
    const auto stored = shadow.findSession(id);
    REQUIRE(stored.ok());
    REQUIRE(stored->has_value());
    CHECK((*stored)->state == QStringLiteral("ended"));
    CHECK((*stored)->started == 150);
    CHECK((*stored)->ended == 180);
    CHECK((*stored)->bytesIn == 5120);
    CHECK((*stored)->bytesOut == 84213);
    CHECK((*stored)->peer == QStringLiteral("192.0.2.10"));

    REQUIRE(shadow
                .insertSession(
                    pending(device, QStringLiteral("1b6d2f1e-8c1a-4d7e-9a53-2f4c8e1b7d90"), 120))
                .ok());
    CHECK(shadow.expireSessions(130).value() == 1);
}

TEST_CASE("a shadow session claimed without a known peer address is stored with an empty peer",
          "[integration][db][shadow]")
{
    // A relayed stream has no socket peer of its own; PostgreSQL refuses a NULL in the NOT NULL
    // column, so an empty address must reach the database as '' on both back ends.
    MigratedDatabase m(test::anyDatabaseKind());
    ShadowRepository shadow(m.db);
    const qint64 device = insertDevice(m.db);
    const QString id = QStringLiteral("2b6d2f1e-8c1a-4d7e-9a53-2f4c8e1b7d90");
    REQUIRE(shadow.insertSession(pending(device, id, 200)).ok());
    REQUIRE(shadow.claimSession(id, device, QStringLiteral("bm9uY2U"), 150, QString()).ok());
    const auto stored = shadow.findSession(id);
    REQUIRE(stored.ok());
    REQUIRE(stored->has_value());
    CHECK((*stored)->state == QStringLiteral("used"));
    CHECK((*stored)->peer.isEmpty());
}

TEST_CASE("a device's shadow certificate and policy are stored and replaced",
          "[integration][db][shadow]")
{
    MigratedDatabase m(test::anyDatabaseKind());
    ShadowRepository shadow(m.db);
    const qint64 device = insertDevice(m.db);
    CHECK_FALSE(shadow.find(device)->has_value());
    REQUIRE(shadow.storePolicy(device, QStringLiteral("{\"allowed\":false}")).ok());
    REQUIRE(shadow.storeCertificate(device, QStringLiteral("pem-1"), QStringLiteral("f1"), 5900, 10)
                .ok());
    REQUIRE(shadow.storeCertificate(device, QStringLiteral("pem-2"), QStringLiteral("f2"), 5901, 20)
                .ok());
    const auto found = shadow.find(device);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    CHECK((*found)->certificatePem == QStringLiteral("pem-2"));
    CHECK((*found)->fingerprint == QStringLiteral("f2"));
    CHECK((*found)->port == 5901);
    CHECK((*found)->uploadedAt == 20);
    CHECK((*found)->policyJson == QStringLiteral("{\"allowed\":false}"));
}

TEST_CASE("only claimed sessions that have not ended are in use", "[integration][db][shadow]")
{
    MigratedDatabase m(test::anyDatabaseKind());
    ShadowRepository shadow(m.db);
    const qint64 device = insertDevice(m.db);
    const QString used = QStringLiteral("2b6d2f1e-8c1a-4d7e-9a53-2f4c8e1b7d90");
    const QString ended = QStringLiteral("3b6d2f1e-8c1a-4d7e-9a53-2f4c8e1b7d90");
    const QString waiting = QStringLiteral("4b6d2f1e-8c1a-4d7e-9a53-2f4c8e1b7d90");
    for (const QString& id : {used, ended, waiting}) {
        REQUIRE(shadow.insertSession(pending(device, id, 200)).ok());
    }
    CHECK(shadow.sessionsInUse()->empty());
    const QString peer = QStringLiteral("192.0.2.10");
    REQUIRE(shadow.claimSession(used, device, QStringLiteral("bm9uY2U"), 150, peer).ok());
    REQUIRE(shadow.claimSession(ended, device, QStringLiteral("bm9uY2U"), 150, peer).ok());
    REQUIRE(shadow.endSession(ended, device, 160, 1, 2).ok());
    const auto inUse = shadow.sessionsInUse();
    REQUIRE(inUse.ok());
    REQUIRE(inUse->size() == 1);
    CHECK(inUse->front().id == used);
    CHECK(inUse->front().admin == QStringLiteral("alice"));
    CHECK(inUse->front().deviceId == device);
    CHECK(inUse->front().state == QStringLiteral("used"));
}
