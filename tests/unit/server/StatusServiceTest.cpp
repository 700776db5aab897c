// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/StatusService.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QJsonArray>

using namespace std::chrono_literals;
using steward::server::services::CheckResult;
using steward::server::services::Health;
using steward::server::services::StatusService;
using steward::test::waitUntil;

TEST_CASE("status is init until ready, then the worst of its checks", "[unit][status]")
{
    StatusService status(20ms, 10s);
    Health database = Health::Ok;
    status.addCheck(QStringLiteral("database"), [&] { return CheckResult{database, {}}; });
    status.addCheck(QStringLiteral("certificate"), [] {
        return CheckResult{Health::Warn, QStringLiteral("name")};
    });
    status.start();
    status.recompute();
    CHECK(status.health() == Health::Init);
    CHECK(status.snapshot()[QStringLiteral("status")] == QStringLiteral("init"));
    status.markReady();
    CHECK(status.health() == Health::Warn);
    CHECK(status.snapshot()[QStringLiteral("checks")].toArray().size() == 2);
    database = Health::Err;
    REQUIRE(waitUntil([&] { return status.health() == Health::Err; }));
    database = Health::Ok;
    REQUIRE(waitUntil([&] { return status.health() == Health::Warn; }));
}

TEST_CASE("an init that outlasts its timeout becomes err", "[unit][status]")
{
    StatusService status(1h, 50ms);
    status.start();
    REQUIRE(waitUntil([&] { return status.health() == Health::Err; }));
    CHECK(status.snapshot()[QStringLiteral("checks")][0][QStringLiteral("message")]
              .toString()
              .contains(QStringLiteral("has not finished")));
}

TEST_CASE("status is cached between recomputations", "[unit][status]")
{
    StatusService status(1h, 1h);
    int runs = 0;
    status.addCheck(QStringLiteral("counted"), [&] {
        ++runs;
        return CheckResult{};
    });
    status.start();
    status.markReady();
    const int afterReady = runs;
    for (int i = 0; i < 100; ++i) {
        CHECK(status.snapshot()[QStringLiteral("status")] == QStringLiteral("ok"));
    }
    CHECK(runs == afterReady);
}
