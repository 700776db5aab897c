// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Jobs on a real SQLite database with the real command queue and a fake device channel and
// clock: scheduling, dispatch, results, cancel, access refusal, checks and resuming.
#include "server/services/JobService.h"
#include "tests/support/EventLoop.h"
#include "tests/unit/server/jobs/JobFixture.h"

using namespace steward;
using namespace steward::server;
using namespace steward::test;

TEST_CASE("jobs: a scheduled job waits for the clock, then every device reaches done", "[jobs]")
{
    Jobs t;
    const qint64 a = t.device(QStringLiteral("TC-A"));
    const qint64 b = t.device(QStringLiteral("TC-B"));
    const qint64 c = t.device(QStringLiteral("TC-C"));
    t.online = {a, b, c};
    auto job = t.create(QStringLiteral("reboot"), devicesTarget({a, b, c}), Start + 3600);
    REQUIRE(job.ok());
    CHECK(job->state == db::JobState::Scheduled);
    CHECK(job->name == QStringLiteral("Reboot 3 devices"));

    t.now = Start + 3599;
    t.service->runDue();
    t.service->dispatchAll();
    CHECK(t.sent.isEmpty());
    CHECK(t.read(job->id).value(QStringLiteral("state")).toString() == QStringLiteral("scheduled"));

    t.now = Start + 3600;
    t.service->runDue();
    t.service->dispatchAll();
    REQUIRE(t.sent.size() == 3);
    auto json = t.read(job->id);
    CHECK(json.value(QStringLiteral("state")).toString() == QStringLiteral("running"));
    CHECK(json.value(QStringLiteral("counts")).toObject().value(QStringLiteral("sent")).toInt()
          == 3);
    CHECK(json.value(QStringLiteral("progress")).toInt() == 0);

    t.answer(a, t.sent[0].second, true);
    t.answer(b, t.sent[1].second, true);
    CHECK(t.read(job->id).value(QStringLiteral("progress")).toInt() == 66);
    t.answer(c, t.sent[2].second, false);
    json = t.read(job->id);
    CHECK(json.value(QStringLiteral("state")).toString() == QStringLiteral("finished"));
    CHECK(json.value(QStringLiteral("progress")).toInt() == 100);
    CHECK(json.value(QStringLiteral("counts")).toObject().value(QStringLiteral("done")).toInt()
          == 2);
    CHECK(json.value(QStringLiteral("counts")).toObject().value(QStringLiteral("failed")).toInt()
          == 1);
    CHECK(t.deviceState(job->id, c) == QStringLiteral("failed"));

    // The console sees it live: created, then changes up to the finished state.
    CHECK(test::waitUntil([&] {
        return !t.jobEvents.isEmpty()
               && t.jobEvents.last()
                          .value(QStringLiteral("object"))
                          .toObject()
                          .value(QStringLiteral("state"))
                      == QLatin1String("finished");
    }));
    CHECK(t.jobEvents.first().value(QStringLiteral("event")).toString()
          == QStringLiteral("created"));
}

TEST_CASE("jobs: offline devices stay queued until they connect", "[jobs]")
{
    Jobs t;
    const qint64 a = t.device(QStringLiteral("TC-A"));
    const qint64 b = t.device(QStringLiteral("TC-B"));
    t.online = {a};
    auto job = t.create(QStringLiteral("shutdown"), devicesTarget({a, b}));
    REQUIRE(job.ok());
    CHECK(job->state == db::JobState::Running);
    t.service->dispatchAll();
    CHECK(t.deviceState(job->id, a) == QStringLiteral("sent"));
    CHECK(t.deviceState(job->id, b) == QStringLiteral("queued"));
    t.online.insert(b);
    t.commandService.deliverPending(b);
    CHECK(t.deviceState(job->id, b) == QStringLiteral("sent"));
}

TEST_CASE("jobs: cancelling before the scheduled time leaves nothing sent", "[jobs]")
{
    Jobs t;
    const qint64 a = t.device(QStringLiteral("TC-A"));
    t.online = {a};
    auto job = t.create(QStringLiteral("reboot"), devicesTarget({a}), Start + 60);
    REQUIRE(job.ok());
    auto cancelled = t.service->cancel(job->id, Alice);
    REQUIRE(cancelled.ok());
    CHECK(cancelled->cancelled == 1);
    CHECK(cancelled->reached == 0);
    CHECK(cancelled->job.state == db::JobState::Cancelled);
    t.now = Start + 120;
    t.service->runDue();
    t.service->dispatchAll();
    CHECK(t.sent.isEmpty());
    CHECK(t.deviceState(job->id, a) == QStringLiteral("cancelled"));
    auto again = t.service->cancel(job->id, Alice);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::Conflict);
}

TEST_CASE("jobs: cancelling a running job cancels the devices not yet reached", "[jobs]")
{
    Jobs t;
    const qint64 a = t.device(QStringLiteral("TC-A"));
    const qint64 b = t.device(QStringLiteral("TC-B"));
    const qint64 c = t.device(QStringLiteral("TC-C"));
    t.online = {a};
    auto job = t.create(QStringLiteral("reboot"), devicesTarget({a, b, c}));
    REQUIRE(job.ok());
    t.service->dispatchAll();
    REQUIRE(t.sent.size() == 1);
    auto cancelled = t.service->cancel(job->id, Alice);
    REQUIRE(cancelled.ok());
    CHECK(cancelled->cancelled == 2);
    CHECK(cancelled->reached == 1);
    // b's command was cancelled too: it is not delivered when b connects.
    t.online.insert(b);
    t.commandService.deliverPending(b);
    CHECK(t.sent.size() == 1);
    // a's result still counts.
    t.answer(a, t.sent[0].second, true);
    CHECK(t.deviceState(job->id, a) == QStringLiteral("done"));
    CHECK(t.deviceState(job->id, b) == QStringLiteral("cancelled"));
    CHECK(t.read(job->id).value(QStringLiteral("state")).toString() == QStringLiteral("cancelled"));
    REQUIRE(t.service->remove(job->id, Alice).ok());
    CHECK_FALSE(t.jobs.findById(job->id)->has_value());
}

TEST_CASE("jobs: targets one may not command are refused by name and nothing is stored", "[jobs]")
{
    Jobs t;
    const qint64 a = t.device(QStringLiteral("TC-A"));
    const qint64 b = t.device(QStringLiteral("TC-Secret"));
    t.forbidden = {b};
    auto job = t.create(QStringLiteral("reboot"), devicesTarget({a, b}));
    REQUIRE_FALSE(job.ok());
    CHECK(job.error().code == ErrorCode::Forbidden);
    CHECK(job.error().message.contains(QStringLiteral("TC-Secret (%1)").arg(b)));
    CHECK_FALSE(job.error().message.contains(QStringLiteral("TC-A")));
    CHECK(t.jobs.list(0, 10)->total == 0);
    db::AuditFilter denied;
    denied.action = QStringLiteral("access.denied");
    auto audit = t.auditRepository.query(denied, 0, 10);
    REQUIRE(audit.ok());
    REQUIRE(audit->items.size() == 1);
    CHECK(audit->items.front().details.contains(QStringLiteral("TC-Secret")));
}

TEST_CASE("jobs: bad requests are refused with the problem named", "[jobs]")
{
    Jobs t;
    const qint64 a = t.device(QStringLiteral("TC-A"));
    const auto refused = [&](const QString& kind, const QJsonObject& target,
                             std::optional<qint64> runAt, const QString& words) {
        auto job = t.create(kind, target, runAt);
        REQUIRE_FALSE(job.ok());
        INFO(job.error().message.toStdString());
        CHECK(job.error().message.contains(words));
    };
    refused(QStringLiteral("rename"), devicesTarget({a}), {},
            QStringLiteral("cannot run as a job"));
    refused(QStringLiteral("reboot"), devicesTarget({a, 999}), {}, QStringLiteral("no device 999"));
    refused(QStringLiteral("reboot"), {}, {}, QStringLiteral("exactly one of"));
    refused(QStringLiteral("reboot"), {{QStringLiteral("folder"), 1}, {QStringLiteral("view"), 2}},
            {}, QStringLiteral("exactly one of"));
    refused(QStringLiteral("reboot"), {{QStringLiteral("folder"), 5}}, {},
            QStringLiteral("no folder 5"));
    refused(QStringLiteral("reboot"), {{QStringLiteral("view"), 3}}, {},
            QStringLiteral("no view 3"));
    refused(QStringLiteral("reboot"), devicesTarget({a}), Start - 3600,
            QStringLiteral("in the past"));
    refused(QStringLiteral("reboot"),
            {{QStringLiteral("devices"), QJsonArray{QStringLiteral("x")}}}, {},
            QStringLiteral("target.devices[0]"));
    refused(QStringLiteral("reboot"), {{QStringLiteral("group"), 1}}, {},
            QStringLiteral("target.group"));
    services::JobRequest withArgs;
    withArgs.kind = QStringLiteral("reboot");
    withArgs.args = {{QStringLiteral("force"), true}};
    withArgs.target = devicesTarget({a});
    auto job = t.service->create(withArgs, Admin, Alice);
    REQUIRE_FALSE(job.ok());
    CHECK(job.error().message.contains(QStringLiteral("args.force")));
    services::JobRequest longWait;
    longWait.kind = QStringLiteral("reboot");
    longWait.target = devicesTarget({a});
    longWait.ttl = 365LL * 24 * 3600;
    job = t.service->create(longWait, Admin, Alice);
    REQUIRE_FALSE(job.ok());
    CHECK(job.error().message.contains(QStringLiteral("ttl must be")));
    CHECK(t.jobs.list(0, 10)->total == 0);
}

TEST_CASE("jobs: a folder target takes its subfolders and wake needs no agent", "[jobs]")
{
    Jobs t;
    const qint64 a = t.device(QStringLiteral("TC-A"));
    const qint64 b = t.device(QStringLiteral("TC-B"));
    t.folderTree = {a, b};
    auto only = t.create(QStringLiteral("wake"),
                         {{QStringLiteral("folder"), 77}, {QStringLiteral("subfolders"), false}});
    REQUIRE(only.ok());
    auto all = t.create(QStringLiteral("wake"), {{QStringLiteral("folder"), 77}});
    REQUIRE(all.ok());
    t.service->dispatchAll();
    CHECK(t.woken == QList<qint64>{a, a, b});
    CHECK(t.read(only->id).value(QStringLiteral("total")).toInt() == 1);
    const auto json = t.read(all->id);
    CHECK(json.value(QStringLiteral("state")).toString() == QStringLiteral("finished"));
    CHECK(json.value(QStringLiteral("target"))
              .toObject()
              .value(QStringLiteral("subfolders"))
              .toBool());
}

TEST_CASE("jobs: a new service resumes scheduled and running jobs", "[jobs]")
{
    Jobs t;
    const qint64 a = t.device(QStringLiteral("TC-A"));
    const qint64 b = t.device(QStringLiteral("TC-B"));
    const qint64 c = t.device(QStringLiteral("TC-C"));
    t.online = {a, b, c};
    auto scheduled = t.create(QStringLiteral("reboot"), devicesTarget({a}), Start + 600);
    auto running = t.create(QStringLiteral("shutdown"), devicesTarget({a, b, c}));
    REQUIRE(scheduled.ok());
    REQUIRE(running.ok());
    // The server stops before the running job reached anybody.
    t.service.reset();
    CHECK(t.sent.isEmpty());

    t.now = Start + 600;
    t.service = t.makeService();
    t.service->start();
    t.service->dispatchAll();
    CHECK(t.sent.size() == 4);
    CHECK(t.read(scheduled->id).value(QStringLiteral("state")).toString()
          == QStringLiteral("running"));
    // A result that arrived while no service followed it is caught up at the next start.
    t.service.reset();
    for (const auto& [device, command] : t.sent) {
        t.answer(device, command, true);
    }
    t.service = t.makeService();
    t.service->start();
    CHECK(t.read(scheduled->id).value(QStringLiteral("state")).toString()
          == QStringLiteral("finished"));
    CHECK(t.read(running->id).value(QStringLiteral("progress")).toInt() == 100);
}

TEST_CASE("jobs: a running job cannot be deleted", "[jobs]")
{
    Jobs t;
    const qint64 a = t.device(QStringLiteral("TC-A"));
    auto job = t.create(QStringLiteral("reboot"), devicesTarget({a}));
    REQUIRE(job.ok());
    auto removed = t.service->remove(job->id, Alice);
    REQUIRE_FALSE(removed.ok());
    CHECK(removed.error().code == ErrorCode::Conflict);
    CHECK(removed.error().message.contains(QStringLiteral("cancel it")));
}
