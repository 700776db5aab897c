// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The CA rollover's per-device records (migration 20) on SQLite and PostgreSQL.
#include "server/db/TrustRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/db/records/Device.h"
#include "tests/support/server/MigratedDatabase.h"

using namespace steward;
using namespace steward::server;
using steward::test::MigratedDatabase;

namespace {

const QString OldRoot(64, QLatin1Char('a'));
const QString NewRoot(64, QLatin1Char('b'));

qint64 insertDevice(db::Database& database, const QString& fingerprint)
{
    db::Device device;
    device.name = QStringLiteral("TC-") + fingerprint;
    device.certFingerprint = fingerprint;
    device.certPem = QStringLiteral("pem-") + fingerprint;
    device.enrolledAt = 1;
    const auto id = db::DeviceRepository(database).insert(device);
    REQUIRE(id.ok());
    return *id;
}

} // namespace

TEST_CASE("devices trust their enrolment root until they confirm others, and renewed "
          "certificates become theirs when presented",
          "[integration][db][certs]")
{
    MigratedDatabase m(test::anyDatabaseKind());
    db::TrustRepository trust(m.db);
    const qint64 first = insertDevice(m.db, QStringLiteral("c1"));
    const qint64 second = insertDevice(m.db, QStringLiteral("c2"));

    // Only the greeting device at a hello; everybody at start-up; never twice.
    REQUIRE(trust.recordDefault(OldRoot, 10, first).ok());
    CHECK(trust.trusted(first).value() == QStringList{OldRoot});
    CHECK(trust.trusted(second).value().isEmpty());
    REQUIRE(trust.recordDefault(OldRoot, 10).ok());
    REQUIRE(trust.recordDefault(NewRoot, 11).ok());
    CHECK(trust.trusted(second).value() == QStringList{OldRoot});

    auto missing = trust.notTrusting(NewRoot);
    REQUIRE(missing.ok());
    CHECK(missing->size() == 2);
    REQUIRE(trust.replace(first, {OldRoot, NewRoot}, 12).ok());
    CHECK(trust.trusted(first).value() == (QStringList{OldRoot, NewRoot}));
    missing = trust.notTrusting(NewRoot);
    REQUIRE(missing->size() == 1);
    CHECK(missing->front().first == second);
    CHECK(missing->front().second == QStringLiteral("TC-c2"));
    CHECK(trust.notTrusting(OldRoot).value().empty());

    CHECK(trust.clientCertificates().value().size() == 2);
    const auto one = trust.clientCertificates(second).value();
    REQUIRE(one.size() == 1);
    CHECK(one.front().certPem == QStringLiteral("pem-c2"));

    // A renewed certificate waits until the device presents it.
    REQUIRE(trust.setNextCertificate(first, QStringLiteral("d1"), QStringLiteral("pem-d1")).ok());
    CHECK(trust.setNextCertificate(999, QStringLiteral("x"), QStringLiteral("x")).error().code
          == ErrorCode::NotFound);
    CHECK_FALSE(trust.promoteNext(QStringLiteral("zz")).value().has_value());
    CHECK(trust.promoteNext(QStringLiteral("d1")).value() == first);
    auto device = db::DeviceRepository(m.db).findByFingerprint(QStringLiteral("d1"));
    REQUIRE(device.ok());
    REQUIRE(device->has_value());
    CHECK((*device)->id == first);
    CHECK((*device)->certPem == QStringLiteral("pem-d1"));
    CHECK_FALSE(db::DeviceRepository(m.db).findByFingerprint(QStringLiteral("c1"))->has_value());
    CHECK_FALSE(trust.promoteNext(QStringLiteral("d1")).value().has_value()); // once
}
