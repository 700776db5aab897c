// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/DeviceConfigRepository.h"
#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/MigratedDatabase.h"

using namespace steward;
using namespace steward::server::db;
using steward::test::MigratedDatabase;

namespace {

qint64 insertDevice(Database& db, const QString& name)
{
    Device device;
    device.name = name;
    device.certFingerprint = name + QStringLiteral("-fp");
    device.certPem = QStringLiteral("pem");
    device.enrolledAt = 1;
    const auto id = DeviceRepository(db).insert(device);
    REQUIRE(id.ok());
    return *id;
}

DeviceConfig desired(qint64 device, qint64 revision, const QString& version)
{
    DeviceConfig config;
    config.deviceId = device;
    config.revision = revision;
    config.desiredVersion = version;
    config.desiredValues = QStringLiteral(R"({"screen.lock_timeout":300})");
    config.changedAt = 100 + revision;
    config.pushMode = PushMode::NextConnect;
    return config;
}

} // namespace

TEST_CASE("a device's configuration state is stored, delivered, reported and counted",
          "[integration][db][push]")
{
    MigratedDatabase fixture(test::anyDatabaseKind());
    Database& db = fixture.db;
    DeviceConfigRepository configs(db);
    const qint64 a = insertDevice(db, QStringLiteral("a"));
    const qint64 b = insertDevice(db, QStringLiteral("b"));
    const QString v1(64, QLatin1Char('1'));
    const QString v2(64, QLatin1Char('2'));

    REQUIRE(configs.find(a).ok());
    CHECK_FALSE(configs.find(a)->has_value());
    REQUIRE(configs.storeDesired(desired(a, 1, v1)).ok());
    REQUIRE(configs.storeDesired(desired(b, 1, v1)).ok());
    REQUIRE(configs.markDelivered(a, v1, 200).ok());

    DeviceConfig report = **configs.find(a);
    report.state = ConfigState::Failed;
    report.appliedVersion = QString();
    report.reportedAt = 210;
    report.failures = QStringLiteral(R"({"system.timezone":"no such zone"})");
    report.notApplied = QStringLiteral(R"(["desktop.wallpaper"])");
    REQUIRE(configs.storeReport(report).ok());

    // A new desired version keeps what was delivered and reported.
    DeviceConfig next = desired(a, 2, v2);
    REQUIRE(configs.storeDesired(next).ok());
    const auto found = configs.find(a);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    const DeviceConfig& row = **found;
    CHECK(row.revision == 2);
    CHECK(row.desiredVersion == v2);
    CHECK(row.desiredValues == QStringLiteral(R"({"screen.lock_timeout":300})"));
    CHECK(row.pushMode == PushMode::NextConnect);
    CHECK(row.state == ConfigState::Pending);
    CHECK(row.deliveredVersion == v1);
    CHECK(row.deliveredAt == 200);
    CHECK(row.reportedAt == 210);
    CHECK(row.failures == report.failures);
    CHECK(row.notApplied == report.notApplied);

    const auto versions = configs.desiredVersions({a, b, 999});
    REQUIRE(versions.ok());
    CHECK(versions->size() == 2);
    CHECK(versions->value(a).version == v2);
    CHECK(versions->value(a).revision == 2);
    CHECK(versions->value(a).deliveredVersion == v1);
    CHECK(versions->value(b).deliveredVersion.isEmpty());

    const auto counts = configs.countByState();
    REQUIRE(counts.ok());
    CHECK(counts->value(QStringLiteral("pending")) == 2);
    CHECK(configs.allDevices().valueOr(std::vector<qint64>{}) == std::vector<qint64>{a, b});

    // A released device is no longer reached by changes.
    REQUIRE(DeviceRepository(db).setReleased(b, 300).ok());
    CHECK(configs.allDevices().valueOr(std::vector<qint64>{}) == std::vector<qint64>{a});
}
