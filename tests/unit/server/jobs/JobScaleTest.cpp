// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Hidden (run with "[.jobs-scale]"): creating and dispatching a job over many devices on
// SQLite through the real command queue, timed for docs/jobs.md.
#include "tests/support/server/DeviceSeed.h"
#include "tests/unit/server/jobs/JobFixture.h"

#include <QElapsedTimer>

using namespace steward;
using namespace steward::server;
using namespace steward::test;

TEST_CASE("jobs: a job over 10000 devices is created, dispatched and cancelled", "[.jobs-scale]")
{
    constexpr int Count = 10000;
    Jobs t;
    REQUIRE(seedDevices(t.m.temp.config(), Count).ok());
    std::vector<qint64> ids;
    for (qint64 id = 1; id <= Count; ++id) {
        ids.push_back(id);
    }
    t.online = {1, 2, 3};
    t.service->setChunkSize(200);
    QElapsedTimer timer;
    timer.start();
    auto job = t.create(QStringLiteral("reboot"), devicesTarget(ids));
    REQUIRE(job.ok());
    WARN("create (checks, rights, storing " << Count << " devices): " << timer.elapsed() << " ms");
    timer.restart();
    t.service->dispatchAll();
    WARN("dispatch (" << Count << " device commands): " << timer.elapsed() << " ms");
    CHECK(t.sent.size() == 3);
    timer.restart();
    auto json = t.service->jobJson(*job, false);
    REQUIRE(json.ok());
    WARN("job with counts: " << timer.elapsed() << " ms");
    timer.restart();
    auto cancelled = t.service->cancel(job->id, Alice);
    REQUIRE(cancelled.ok());
    CHECK(cancelled->cancelled == Count - 3);
    WARN("cancel (" << Count - 3 << " queued commands): " << timer.elapsed() << " ms");
}
