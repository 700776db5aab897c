// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// GET /api/v1/stats/devices on a real server: counts of a real agent going online, the right.
#include "server/services/DeviceCountSampler.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QJsonArray>

using namespace steward;
using test::DeviceTestServer;
using test::waitUntil;

TEST_CASE("device counts over time: sampled from the real fleet, read with Read on Devices",
          "[integration][access][stats]")
{
    DeviceTestServer server;
    auto& alice = server.admin();
    QTemporaryDir state;
    const auto enrolled = test::enrollAgent(server, state.path(), server.createToken(),
                                            QStringLiteral("00:11:22:33:44:55"));
    REQUIRE(enrolled.ok());
    auto link = test::linkFor(*enrolled);
    link->start();
    REQUIRE(waitUntil(
        [&] { return server.device(enrolled->deviceId)[QStringLiteral("online")].toBool(); }));
    const auto sampled = server.app().deviceCounts().sampleNow();
    REQUIRE(sampled.ok());
    CHECK(sampled->total == 1);
    CHECK(sampled->online == 1);

    const auto reply = alice.get(QStringLiteral("/api/v1/stats/devices"));
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 200);
    const QJsonArray items = reply.json()[QStringLiteral("items")].toArray();
    REQUIRE_FALSE(items.isEmpty());
    // The first sample was taken at start (no devices); the newest is the one above. Samples are
    // kept per second, so on a fast machine the newest may have replaced the start one.
    if (items.size() > 1) {
        CHECK(items.first()[QStringLiteral("total")].toInteger() == 0);
    }
    CHECK(items.last()[QStringLiteral("total")].toInteger() == 1);
    CHECK(items.last()[QStringLiteral("online")].toInteger() == 1);
    CHECK(items.last()[QStringLiteral("offline")].toInteger() == 0);
    CHECK(reply.json()[QStringLiteral("intervalSeconds")].toInteger() == 300);

    // A since after the newest sample gives nothing; a bad one is named.
    CHECK(alice.get(QStringLiteral("/api/v1/stats/devices?since=2999-01-01T00:00:00Z"))
              .json()[QStringLiteral("items")]
              .toArray()
              .isEmpty());
    const auto bad = alice.get(QStringLiteral("/api/v1/stats/devices?since=yesterday"));
    CHECK(bad.status == 400);
    CHECK(QString::fromUtf8(bad.body).contains(QStringLiteral("since must be epoch seconds")));

    // Without Read on /Devices: refused, naming the right.
    const auto created =
        alice.post(QStringLiteral("/api/v1/admins"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")},
                               {QStringLiteral("password"), QStringLiteral("battery staple")}});
    REQUIRE(created.status == 201);
    test::RestClient bob(server.port(), {server.app().identity().rootCa().toQSslCertificate()});
    REQUIRE(bob.login(QStringLiteral("bob"), QStringLiteral("battery staple")).status == 200);
    const auto refused = bob.get(QStringLiteral("/api/v1/stats/devices"));
    CHECK(refused.status == 403);
    CHECK(refused.json()[QStringLiteral("error")][QStringLiteral("message")].toString()
          == QStringLiteral("missing right Read on /Devices"));
}
