// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Certificate rollover on a real ServerApp over TLS: in-process agents with the agent's own
// CertificateRollover, and the real steward-agent process.
#include "agent/link/CertificateRollover.h"
#include "common/crypto/Certificate.h"
#include "server/services/CertificateReconciler.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>

using namespace steward;
using steward::protocol::CertificateSupport;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

const QString Base = QStringLiteral("/api/v1/certificates");
const QString AgentProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent");

QJsonObject entry(DeviceTestServer& server, const QString& alias)
{
    const auto reply = server.admin().get(Base);
    REQUIRE(reply.status == 200);
    for (const auto& item : reply.json()[QStringLiteral("items")].toArray()) {
        if (item[QStringLiteral("alias")] == alias) {
            return item.toObject();
        }
    }
    FAIL("no certificate " << alias.toStdString());
    return {};
}

/** Generates an EC P-256 certificate and moves it to the top; its entry. */
QJsonObject makeEcDefault(DeviceTestServer& server, const QString& alias)
{
    const auto made = server.admin().post(
        Base, QJsonObject{{QStringLiteral("alias"), alias},
                          {QStringLiteral("keySpec"), QStringLiteral("EC P-256")}});
    INFO(made.body.toStdString());
    REQUIRE(made.status == 201);
    const auto moved = server.admin().post(
        Base + QStringLiteral("/%1/move").arg(made.json()[QStringLiteral("id")].toInteger()),
        QJsonObject{{QStringLiteral("direction"), QStringLiteral("up")}});
    REQUIRE(moved.status == 200);
    return moved.json();
}

qint64 inUse(DeviceTestServer& server, qint64 deviceId)
{
    return server.device(deviceId)[QStringLiteral("certificateInUse")][QStringLiteral("id")]
        .toInteger();
}

/** An enrolled in-process agent: its link and the agent's rollover handler. */
struct Agent {
    QTemporaryDir dir;
    agent::AgentState state;
    std::unique_ptr<agent::ServerLink> link;
    std::unique_ptr<agent::CertificateRollover> rollover;

    Agent(DeviceTestServer& server, std::optional<CertificateSupport> support,
          bool unwritable = false)
    {
        auto enrolled = test::enrollAgent(server, dir.path(), server.createToken(), {}, support);
        INFO((enrolled.ok() ? std::string() : enrolled.error().message.toStdString()));
        REQUIRE(enrolled.ok());
        state = *enrolled;
        link = test::linkFor(state);
        rollover = std::make_unique<agent::CertificateRollover>(
            agent::StateDirectory(unwritable ? dir.filePath(QStringLiteral("gone/x")) : dir.path()),
            state.deviceId, state.deviceCommunication,
            support.value_or(CertificateSupport::legacy()));
        rollover->attach(*link);
    }
    void connect(DeviceTestServer& server)
    {
        link->start();
        REQUIRE(waitUntil(
            [&] { return server.device(state.deviceId)[QStringLiteral("online")] == true; },
            std::chrono::seconds(10)));
    }
};

} // namespace

TEST_CASE("online agents roll over to a new default at once, offline ones at their next hello",
          "[integration][certs][devices]")
{
    DeviceTestServer server;
    const qint64 tckey = entry(server, QStringLiteral("tckey"))[QStringLiteral("id")].toInteger();
    Agent modern(server, CertificateSupport::current());
    Agent rsaOnly(server,
                  CertificateSupport{{QStringLiteral("RSA")}, {QStringLiteral("SHA512withRSA")}});
    Agent refuser(server, CertificateSupport::current(), true);
    Agent offline(server, std::nullopt);
    for (Agent* each : {&modern, &rsaOnly, &refuser}) {
        each->connect(server);
        CHECK(inUse(server, each->state.deviceId) == tckey);
    }
    CHECK(entry(server, QStringLiteral("tckey"))[QStringLiteral("deviceCount")] == 4);

    const QJsonObject fleetEc = makeEcDefault(server, QStringLiteral("fleet-ec"));
    const qint64 fleetEcId = fleetEc[QStringLiteral("id")].toInteger();
    const QString sha = fleetEc[QStringLiteral("sha256")].toString();
    // The store change triggers the reconciliation: no waiting for the 5-minute cycle.
    REQUIRE(waitUntil([&] { return inUse(server, modern.state.deviceId) == fleetEcId; },
                      std::chrono::seconds(10)));
    CHECK(server.device(modern.state.deviceId)[QStringLiteral("certificateInUse")]
                                              [QStringLiteral("fingerprint")]
          == sha);
    CHECK(agent::pinFingerprint(modern.rollover->pinned())
          == sha.toLower().remove(QLatin1Char(':')));
    QFile pin(modern.dir.filePath(QStringLiteral("tckey.crt")));
    REQUIRE(pin.open(QIODevice::ReadOnly));
    CHECK(QSslCertificate(pin.readAll()) == modern.rollover->pinned());
    CHECK(modern.link->state() == agent::ServerLink::State::Up);

    // The refusal is reported, and that device stays where it was.
    REQUIRE(waitUntil(
        [&] {
            return server.audit(QStringLiteral("certificate.rollover"), QStringLiteral("denied"))
                       .size()
                   == 1;
        },
        std::chrono::seconds(10)));
    const auto denied =
        server.audit(QStringLiteral("certificate.rollover"), QStringLiteral("denied"));
    CHECK(denied[0][QStringLiteral("object")]
          == QStringLiteral("device:%1").arg(refuser.state.deviceId));
    CHECK(denied[0][QStringLiteral("details")].toString().contains(
        QStringLiteral("could not be stored")));
    CHECK(server.app().certificateReconciler().refusals().contains(refuser.state.deviceId));
    CHECK(inUse(server, refuser.state.deviceId) == tckey);
    // An agent that supports only RSA with SHA-512 keeps the next one it supports: tckey.
    CHECK(inUse(server, rsaOnly.state.deviceId) == tckey);
    CHECK(rsaOnly.rollover->pinned() == rsaOnly.state.deviceCommunication);

    // The device that was offline rolls over at its hello, on that same channel.
    CHECK(inUse(server, offline.state.deviceId) == tckey);
    offline.connect(server);
    REQUIRE(waitUntil([&] { return inUse(server, offline.state.deviceId) == fleetEcId; },
                      std::chrono::seconds(10)));
    CHECK(entry(server, QStringLiteral("fleet-ec"))[QStringLiteral("deviceCount")] == 2);
    CHECK(entry(server, QStringLiteral("tckey"))[QStringLiteral("deviceCount")] == 2);
    CHECK(server.audit(QStringLiteral("certificate.rollover"), QStringLiteral("ok")).size() == 2);

    // tckey back on top: the EC devices return to it, signed with fleet-ec, which they pin.
    REQUIRE(server.admin()
                .post(Base + QStringLiteral("/%1/move").arg(tckey),
                      QJsonObject{{QStringLiteral("direction"), QStringLiteral("up")}})
                .status
            == 200);
    REQUIRE(waitUntil([&] { return inUse(server, modern.state.deviceId) == tckey; },
                      std::chrono::seconds(10)));
    REQUIRE(waitUntil([&] { return inUse(server, offline.state.deviceId) == tckey; },
                      std::chrono::seconds(10)));
    CHECK(modern.rollover->pinned() == modern.state.deviceCommunication);
    // Nobody uses fleet-ec any more: it goes without force.
    CHECK(server.admin().send("DELETE", Base + QStringLiteral("/%1").arg(fleetEcId)).status == 204);
}

TEST_CASE("the real steward-agent rolls over and then verifies instructions with the new pin",
          "[integration][certs][devices]")
{
    DeviceTestServer server;
    QTemporaryDir dir;
    auto enrolled = test::enrollAgent(server, dir.path(), server.createToken(), {},
                                      CertificateSupport::current());
    REQUIRE(enrolled.ok());
    const qint64 id = enrolled->deviceId;
    QProcess agent;
    agent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    agent.start(AgentProgram, {QStringLiteral("--state-dir"), dir.path(), QStringLiteral("run")});
    REQUIRE(agent.waitForStarted());
    REQUIRE(waitUntil([&] { return server.device(id)[QStringLiteral("online")] == true; },
                      std::chrono::seconds(15)));

    const QJsonObject fleetEc = makeEcDefault(server, QStringLiteral("fleet-ec"));
    const qint64 fleetEcId = fleetEc[QStringLiteral("id")].toInteger();
    REQUIRE(waitUntil([&] { return inUse(server, id) == fleetEcId; }, std::chrono::seconds(15)));
    const auto pinned = agent::StateDirectory(dir.path()).load();
    REQUIRE(pinned.ok());
    CHECK(crypto::Certificate::fromQSslCertificate(pinned->deviceCommunication)
              .value()
              .fingerprintText(crypto::FingerprintAlgorithm::Sha256)
          == fleetEc[QStringLiteral("sha256")].toString());
    CHECK(server.device(id)[QStringLiteral("online")] == true);

    // A release is signed with fleet-ec now; the running agent verifies it with its new pin.
    const auto release =
        server.sendCommand(id, QJsonObject{{QStringLiteral("kind"), QStringLiteral("release")}});
    const bool exited =
        waitUntil([&] { return agent.state() == QProcess::NotRunning; }, std::chrono::seconds(20));
    if (!exited) {
        agent.kill();
        agent.waitForFinished();
    }
    REQUIRE(exited);
    CHECK(agent.exitCode() == 0);
    CHECK_FALSE(agent::StateDirectory(dir.path()).isEnrolled());
    CHECK(server.command(id, release[QStringLiteral("id")].toInteger())[QStringLiteral("state")]
          == QStringLiteral("succeeded"));
}
