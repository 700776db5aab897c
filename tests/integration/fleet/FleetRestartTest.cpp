// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/bench/fleet/Fleet.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/server/RestClient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

#include <set>

using namespace steward;
using steward::test::waitUntil;

TEST_CASE("after a server restart, 1,000 simulated agents all reconnect, with no duplicate "
          "devices",
          "[integration][fleet]")
{
    constexpr int Agents = 1000;
    fleet::raiseFileLimit(); // 1,000 agents and their 1,000 server ends in one test
    QTemporaryDir dir;
    const QString user = QStringLiteral("alice");
    const QString password = QStringLiteral("correct horse");
    REQUIRE(fleet::createAdministrator(dir.path(), user, password).ok());
    fleet::ServerProcess server(QStringLiteral(STEWARD_BINARY_DIR "/server/steward-server"),
                                dir.path());
    const auto started = server.start();
    INFO((started.ok() ? std::string() : started.error().message.toStdString()));
    REQUIRE(started.ok());
    const auto rootCa = fleet::serverRootCa(dir.path());
    REQUIRE(rootCa.ok());
    test::RestClient rest(server.port(), {*rootCa});
    REQUIRE(rest.login(user, password).status == 200);

    QElapsedTimer clock;
    clock.start();
    auto members = fleet::enrollFleet({server.url(), *rootCa, rest.token()}, Agents,
                                      dir.filePath(QStringLiteral("fleet")));
    INFO((members.ok() ? std::string() : members.error().message.toStdString()));
    REQUIRE(members.ok());
    REQUIRE(int(members->size()) == Agents);
    WARN("enrolled " << Agents << " agents over REST in " << clock.elapsed() << " ms");
    std::set<qint64> enrolledIds;
    for (const auto& member : *members) {
        enrolledIds.insert(member.deviceId);
    }
    REQUIRE(int(enrolledIds.size()) == Agents);

    fleet::Fleet::Options options;
    options.server = server.url();
    options.rootCa = *rootCa;
    fleet::Fleet agents(options, std::move(*members));
    clock.restart();
    agents.start();
    REQUIRE(waitUntil([&] { return agents.counts().up == Agents; }, std::chrono::seconds(150)));
    WARN("all " << Agents << " agents up in " << clock.elapsed() << " ms");

    server.stop();
    REQUIRE(waitUntil([&] { return agents.counts().up == 0; }, std::chrono::seconds(30)));
    clock.restart();
    REQUIRE(server.start(server.port()).ok());
    REQUIRE(waitUntil([&] { return agents.counts().up == Agents; }, std::chrono::seconds(150)));
    WARN("all " << Agents << " agents back " << clock.elapsed() << " ms after the restart ("
                << agents.counts().connects << " connection attempts in all)");

    // The server restarted: a new session (sessions are in the database, but do not rely on it).
    test::RestClient after(server.port(), {*rootCa});
    REQUIRE(after.login(user, password).status == 200);
    const auto listed = after.get(QStringLiteral("/api/v1/devices?limit=1000"));
    REQUIRE(listed.status == 200);
    const QJsonObject page = listed.json();
    CHECK(page.value(QStringLiteral("total")).toInteger() == Agents);
    const QJsonArray items = page.value(QStringLiteral("items")).toArray();
    REQUIRE(items.size() == Agents);
    std::set<qint64> ids;
    std::set<QString> names;
    int online = 0;
    for (const auto& item : items) {
        const QJsonObject device = item.toObject();
        ids.insert(device.value(QStringLiteral("id")).toInteger());
        names.insert(device.value(QStringLiteral("name")).toString());
        online += device.value(QStringLiteral("online")).toBool() ? 1 : 0;
    }
    CHECK(ids == enrolledIds); // every agent is one device, and no device is there twice
    CHECK(int(names.size()) == Agents);
    CHECK(online == Agents);
    const QByteArray metrics = after.get(QStringLiteral("/metrics")).body;
    INFO(metrics.toStdString());
    CHECK(metrics.contains("steward_device_connections 1000\n"));
    CHECK(metrics.contains("steward_tls_handshakes_refused_total 0\n"));
    // Not GLib's dispatcher, which stalls with thousands of sockets (docs/benchmarks.md).
    QFile log(dir.filePath(QStringLiteral("server.log")));
    REQUIRE(log.open(QIODevice::ReadOnly));
    CHECK(log.readAll().contains("event dispatcher=QEventDispatcherUNIX"));
    agents.stop();
}
