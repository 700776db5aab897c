// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A running ServerApp notices the real steward-admin changing its certificate store: consoles
// get the events and online devices roll over at once, not at the next periodic pass.
#include "agent/link/CertificateRollover.h"
#include "server/services/CertificateWatch.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QJsonArray>
#include <QProcess>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

const QString AdminProgram = QStringLiteral(STEWARD_BINARY_DIR "/server/steward-admin");

qint64 inUse(DeviceTestServer& server, qint64 deviceId)
{
    return server.device(deviceId)[QStringLiteral("certificateInUse")][QStringLiteral("id")]
        .toInteger();
}

test::Finished admin(DeviceTestServer& server, const QStringList& arguments)
{
    QProcess process;
    auto finished = test::runToEnd(
        process, AdminProgram,
        QStringList{QStringLiteral("--data-dir"), server.dataDir(), QStringLiteral("certificates")}
            + arguments);
    INFO(finished.err.toStdString());
    REQUIRE(finished.exitCode == 0);
    return finished;
}

} // namespace

TEST_CASE("steward-admin changes reach a running server's consoles and devices at once",
          "[integration][certs][admin]")
{
    // The periodic pass is an hour away: only the watch can explain a prompt rollover.
    DeviceTestServer server([](server::ServerSettings& settings) {
        settings.certificateReconcileInterval = std::chrono::hours(1);
        settings.certificateWatchInterval = std::chrono::milliseconds(200);
    });
    QTemporaryDir dir;
    auto enrolled = test::enrollAgent(server, dir.path(), server.createToken(), {},
                                      protocol::CertificateSupport::current());
    REQUIRE(enrolled.ok());
    const auto link = test::linkFor(*enrolled);
    agent::CertificateRollover rollover(agent::StateDirectory(dir.path()), enrolled->deviceId,
                                        enrolled->deviceCommunication,
                                        protocol::CertificateSupport::current());
    rollover.attach(*link);
    link->start();
    const qint64 device = enrolled->deviceId;
    REQUIRE(waitUntil([&] { return server.device(device)[QStringLiteral("online")] == true; },
                      std::chrono::seconds(10)));
    const qint64 tckey = inUse(server, device);
    test::EventWatcher console(server);

    const auto made = admin(server, {QStringLiteral("generate"), QStringLiteral("fleet-ec"),
                                     QStringLiteral("--key-spec"), QStringLiteral("EC P-256")});
    const qint64 fleetEc = made.out.section(QLatin1Char(' '), 0, 0).toLongLong();
    REQUIRE(fleetEc > tckey);
    REQUIRE(waitUntil(
        [&] {
            return console.saw(QStringLiteral("created"), fleetEc, QStringLiteral("certificate"));
        },
        std::chrono::seconds(10)));
    CHECK(console.latest(QStringLiteral("created"), QStringLiteral("certificate"),
                         fleetEc)[QStringLiteral("alias")]
          == QStringLiteral("fleet-ec"));
    CHECK(inUse(server, device) == tckey); // not the default yet: nothing to roll over

    admin(server, {QStringLiteral("move"), QStringLiteral("fleet-ec"), QStringLiteral("up")});
    REQUIRE(waitUntil([&] { return inUse(server, device) == fleetEc; }, std::chrono::seconds(10)));
    CHECK(
        agent::pinFingerprint(rollover.pinned())
        == server.device(device)[QStringLiteral("certificateInUse")][QStringLiteral("fingerprint")]
               .toString()
               .toLower()
               .remove(QLatin1Char(':')));
    // The consoles saw the new order and, after the confirmation, the new device counts.
    REQUIRE(waitUntil(
        [&] {
            const QJsonObject latest =
                console.latest(QStringLiteral("changed"), QStringLiteral("certificate"), fleetEc);
            return latest[QStringLiteral("default")] == true
                   && latest[QStringLiteral("deviceCount")] == 1;
        },
        std::chrono::seconds(10)));
    CHECK(console.latest(QStringLiteral("changed"), QStringLiteral("certificate"),
                         tckey)[QStringLiteral("deviceCount")]
          == 0);

    // A deletion made elsewhere reaches the consoles as "deleted".
    admin(server, {QStringLiteral("move"), QStringLiteral("fleet-ec"), QStringLiteral("down")});
    REQUIRE(waitUntil([&] { return inUse(server, device) == tckey; }, std::chrono::seconds(10)));
    admin(server, {QStringLiteral("delete"), QStringLiteral("fleet-ec")});
    REQUIRE(waitUntil(
        [&] {
            return console.saw(QStringLiteral("deleted"), fleetEc, QStringLiteral("certificate"));
        },
        std::chrono::seconds(10)));
    CHECK(link->state() == agent::ServerLink::State::Up); // the channel never dropped
}

TEST_CASE("the certificate watch tells its own changes from changes made elsewhere",
          "[integration][certs][admin]")
{
    DeviceTestServer server([](server::ServerSettings& settings) {
        settings.certificateWatchInterval = std::chrono::hours(1); // polled by hand below
    });
    auto& watch = server.app().certificateWatch();
    CHECK_FALSE(watch.poll());
    // This server's own change is no news to the watch.
    REQUIRE(server.admin()
                .post(QStringLiteral("/api/v1/certificates"),
                      QJsonObject{{QStringLiteral("alias"), QStringLiteral("own")},
                                  {QStringLiteral("keySpec"), QStringLiteral("EC P-256")}})
                .status
            == 201);
    CHECK_FALSE(watch.poll());
    // steward-admin's is, once.
    admin(server, {QStringLiteral("deactivate"), QStringLiteral("own")});
    CHECK(watch.poll());
    CHECK_FALSE(watch.poll());
}
