// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The job tables on SQLite and PostgreSQL: storing, counting, guarded transitions, cancelling
// queued device commands, resuming and deleting (docs/jobs.md).
#include "server/db/JobRepository.h"
#include "server/db/DeviceCommandRepository.h"
#include "server/db/DeviceRepository.h"
#include "tests/support/server/MigratedDatabase.h"

using namespace steward;
using namespace steward::server;
using steward::test::MigratedDatabase;

namespace {

qint64 addDevice(db::DeviceRepository& devices, const QString& name)
{
    db::Device device;
    device.name = name;
    device.certFingerprint = QStringLiteral("fp-") + name;
    device.certPem = QStringLiteral("pem");
    auto id = devices.insert(device);
    REQUIRE(id.ok());
    return *id;
}

qint64 addCommand(db::DeviceCommandRepository& commands, qint64 device)
{
    db::DeviceCommand command;
    command.deviceId = device;
    command.kind = QStringLiteral("reboot");
    command.state = db::CommandState::Queued;
    command.createdAt = 100;
    command.expiresAt = 10'000;
    auto id = commands.insert(command);
    REQUIRE(id.ok());
    return *id;
}

} // namespace

TEST_CASE("the job tables store jobs and follow their devices on either database", "[jobs][db]")
{
    MigratedDatabase m(test::anyDatabaseKind());
    db::DeviceRepository devices(m.db);
    db::DeviceCommandRepository commands(m.db);
    db::JobRepository jobs(m.db);
    const qint64 a = addDevice(devices, QStringLiteral("TC-A"));
    const qint64 b = addDevice(devices, QStringLiteral("TC-B"));
    const qint64 c = addDevice(devices, QStringLiteral("TC-C"));

    db::Job job;
    job.name = QStringLiteral("Reboot 3 devices");
    job.kind = QStringLiteral("reboot");
    job.target = QStringLiteral("{\"folder\":1,\"subfolders\":true}");
    job.runAt = 500;
    job.ttl = 3600;
    job.state = db::JobState::Scheduled;
    job.createdBy = QStringLiteral("alice");
    job.createdAt = 100;
    std::vector<db::JobDevice> rows;
    for (const qint64 id : {a, b, c}) {
        rows.push_back({0, id, QStringLiteral("TC"), db::JobDeviceState::Queued, {}, {}, 100});
    }
    auto id = jobs.insert(job, rows);
    REQUIRE(id.ok());

    CHECK(jobs.due(499)->empty());
    REQUIRE(jobs.due(500)->size() == 1);
    REQUIRE(jobs.setState(*id, {db::JobState::Scheduled}, db::JobState::Running, 500, {}).value());
    CHECK_FALSE(
        jobs.setState(*id, {db::JobState::Scheduled}, db::JobState::Running, 501, {}).value());
    auto stored = jobs.findById(*id);
    REQUIRE(stored->has_value());
    CHECK((*stored)->startedAt == 500);
    CHECK((*stored)->target == job.target);
    REQUIRE(jobs.withState(db::JobState::Running)->size() == 1);

    REQUIRE(jobs.undispatched(*id, 2)->size() == 2);
    const qint64 commandA = addCommand(commands, a);
    const qint64 commandB = addCommand(commands, b);
    REQUIRE(jobs.setDeviceState(*id, a, {db::JobDeviceState::Queued}, db::JobDeviceState::Sent,
                                commandA, {}, 510)
                .value());
    REQUIRE(jobs.setDeviceState(*id, b, {db::JobDeviceState::Queued}, db::JobDeviceState::Queued,
                                commandB, {}, 510)
                .value());
    REQUIRE(jobs.undispatched(*id, 10)->size() == 1);
    CHECK(jobs.findByCommand(commandB)->value().deviceId == b);
    REQUIRE(jobs.openCommands()->size() == 2);

    // Cancel: b's queued command and c (no command yet) are cancelled; a was reached.
    auto cancelled = jobs.cancelQueued(*id, 600, QStringLiteral("cancelled by alice"));
    REQUIRE(cancelled.ok());
    CHECK(*cancelled == std::vector<qint64>{commandB});
    CHECK(commands.findById(commandB)->value().state == QStringLiteral("cancelled"));
    CHECK(commands.findById(commandA)->value().state == db::CommandState::Queued);
    auto counts = jobs.counts(*id);
    REQUIRE(counts.ok());
    CHECK(counts->sent == 1);
    CHECK(counts->cancelled == 2);
    CHECK(counts->open() == 1);
    // A late event cannot revive a cancelled device.
    CHECK_FALSE(jobs.setDeviceState(*id, b, {db::JobDeviceState::Queued, db::JobDeviceState::Sent},
                                    db::JobDeviceState::Done, {}, {}, 700)
                    .value());

    auto page = jobs.list(0, 10, QStringLiteral("bob"));
    CHECK(page->total == 0);
    page = jobs.list(0, 10);
    CHECK(page->total == 1);
    REQUIRE(jobs.remove(*id).ok());
    CHECK(jobs.devices(*id)->empty());
    CHECK(jobs.remove(*id).error().code == ErrorCode::NotFound);
}
