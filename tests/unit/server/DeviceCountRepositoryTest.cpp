// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/DeviceCountRepository.h"
#include "server/services/DeviceCountSampler.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/MigratedDatabase.h"

using namespace steward;
using steward::server::db::DeviceCount;
using steward::server::db::DeviceCountRepository;
using steward::test::MigratedDatabase;

TEST_CASE("device counts are stored per second, read oldest first and pruned", "[integration][db]")
{
    MigratedDatabase m(test::anyDatabaseKind());
    DeviceCountRepository counts(m.db);
    for (qint64 at : {1000, 1300, 1600, 1900}) {
        REQUIRE(counts.record({at, at / 100, at / 300}).ok());
    }
    // The same second again replaces the sample.
    REQUIRE(counts.record({1900, 42, 7}).ok());
    auto all = counts.since(0, 100);
    REQUIRE(all.ok());
    CHECK(*all
          == std::vector<DeviceCount>{{1000, 10, 3}, {1300, 13, 4}, {1600, 16, 5}, {1900, 42, 7}});
    // since is inclusive; the limit keeps the newest.
    auto recent = counts.since(1300, 2);
    REQUIRE(recent.ok());
    CHECK(*recent == std::vector<DeviceCount>{{1600, 16, 5}, {1900, 42, 7}});
    auto pruned = counts.pruneBefore(1600);
    REQUIRE(pruned.ok());
    CHECK(*pruned == 2);
    CHECK(counts.since(0, 100)->size() == 2);
}

TEST_CASE("the sampler records the sources' counts and prunes past the retention",
          "[integration][db]")
{
    MigratedDatabase m(test::anyDatabaseKind());
    DeviceCountRepository counts(m.db);
    qint64 now = 10'000;
    qint64 total = 5;
    qint64 online = 2;
    server::services::DeviceCountSampler sampler(
        counts, {[&]() -> Result<qint64> { return total; }, [&] { return online; }},
        [&] { return now; }, std::chrono::seconds(60), std::chrono::seconds(3600));
    auto first = sampler.sampleNow();
    REQUIRE(first.ok());
    CHECK(*first == DeviceCount{10'000, 5, 2});
    now += 1800;
    total = 6;
    online = 6;
    REQUIRE(sampler.sampleNow().ok());
    now += 2000; // the first sample is now older than an hour
    online = 0;
    REQUIRE(sampler.sampleNow().ok());
    auto history = sampler.history(0);
    REQUIRE(history.ok());
    CHECK(*history == std::vector<DeviceCount>{{11'800, 6, 6}, {13'800, 6, 0}});

    // A source that fails stores nothing and says why.
    server::services::DeviceCountSampler broken(
        counts,
        {[]() -> Result<qint64> {
             return makeError(ErrorCode::DatabaseError, QStringLiteral("disk on fire"));
         },
         [] { return qint64(0); }},
        [&] { return now + 60; });
    auto failed = broken.sampleNow();
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.error().message == QStringLiteral("disk on fire"));
    CHECK(sampler.history(0)->size() == 2);
}
