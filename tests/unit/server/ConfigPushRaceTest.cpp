// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ConfigPushService when a device goes back to values it had applied while a report is in
// flight (docs/settings.md, "Versioned push").
#include "server/db/AuditRepository.h"
#include "server/db/DeviceConfigRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/db/FolderRepository.h"
#include "server/db/ProfileRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/ConfigPushService.h"
#include "server/services/EventHub.h"
#include "server/services/FolderService.h"
#include "server/services/ProfileService.h"
#include "tests/support/EventLoop.h"
#include "tests/support/server/MigratedDatabase.h"

using namespace steward;
using namespace steward::server;

TEST_CASE("a report for an older bundle sends the desired one it left undelivered",
          "[integration][db][push]")
{
    test::MigratedDatabase m(db::DatabaseKind::Sqlite);
    db::FolderRepository folderRepository(m.db);
    db::DeviceRepository devices(m.db);
    db::ProfileRepository profileRepository(m.db);
    db::DeviceConfigRepository configs(m.db);
    db::AuditRepository auditRepository(m.db);
    const auto clock = [] { return qint64(7000); };
    services::AuditLog audit(auditRepository, clock);
    services::EventHub events;
    const auto online = [](qint64) { return true; };
    services::FolderService folders(m.db, folderRepository, devices, audit, events, clock, online);
    services::ProfileService profiles(m.db, profileRepository, devices, folders,
                                      settings::ParameterRegistry::standard(), audit, events,
                                      clock);
    const auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(key.ok());
    std::vector<protocol::SettingsBundle> sent;
    services::ConfigPushService push(services::ConfigPushDependencies{
        m.db, configs, profileRepository, profiles, folders,
        [&](qint64) -> Result<crypto::PrivateKey> { return *key; }, events, clock,
        [&](qint64, const protocol::SettingsBundle& bundle) {
            sent.push_back(bundle);
            return true;
        },
        online});

    db::Device device;
    device.name = QStringLiteral("tc");
    device.certFingerprint = QStringLiteral("fp");
    device.certPem = QStringLiteral("pem");
    const auto id = devices.insert(device);
    REQUIRE(id.ok());
    const services::Requester alice{QStringLiteral("alice"), {}};
    db::Profile profile;
    profile.name = QStringLiteral("p");
    const auto created = profiles.create(
        profile, {{QStringLiteral("system.timezone"), QStringLiteral("Asia/Tokyo")}}, alice);
    REQUIRE(created.ok());
    REQUIRE(profiles.assign(created->profile.id, *id, std::nullopt, alice).ok());
    const auto setZone = [&](const QString& zone) {
        services::ProfileChange change;
        change.values = {{QStringLiteral("system.timezone"), zone}};
        REQUIRE(profiles.update(created->profile.id, change, alice).ok());
        REQUIRE(push.refresh(*id, db::PushMode::Now).ok());
    };
    const auto report = [&](const protocol::SettingsBundle& bundle) {
        protocol::SettingsApplied applied;
        applied.bundle = bundle.version;
        applied.applied = true;
        applied.version = bundle.version;
        REQUIRE(push.handleApplied(*id, applied).ok());
    };

    REQUIRE(push.refresh(*id, db::PushMode::Now).ok());
    REQUIRE(sent.size() == 1);
    const QString tokyo = sent[0].version;
    report(sent[0]);
    setZone(QStringLiteral("Europe/Berlin"));
    REQUIRE(sent.size() == 2);             // Berlin is on its way; its report has not come back yet
    setZone(QStringLiteral("Asia/Tokyo")); // looks applied already: nothing is sent now
    CHECK(sent.size() == 2);
    report(sent[1]); // the device applied Berlin: Tokyo must follow
    REQUIRE(test::waitUntil([&] { return sent.size() == 3; }));
    CHECK(sent[2].version == tokyo);
    report(sent[2]);
    CHECK((*configs.find(*id))->state == db::ConfigState::Applied);
}
