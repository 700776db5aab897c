// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Discovery end to end: real steward-agent processes, a real ServerApp, UDP on loopback.
#include "agent/app/AgentSettings.h"
#include "agent/discovery/DiscoveryResponder.h"
#include "common/core/Version.h"
#include "common/crypto/PrivateKey.h"
#include "common/crypto/Signature.h"
#include "server/discovery/ScanService.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QNetworkDatagram>
#include <QProcess>
#include <QRegularExpression>
#include <QUdpSocket>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;
namespace wire = steward::protocol::discovery;

namespace {

const QString AgentProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent");
const QString TestMac = QStringLiteral("00:11:22:AA:BB:CC");

// A steward-agent `run` whose responder listens on 127.0.0.1 at a port it picks and logs.
class AgentProcess {
public:
    explicit AgentProcess(const QString& stateDir, const QStringList& extra = {})
    {
        QObject::connect(&m_process, &QProcess::readyReadStandardError,
                         [this] { m_err += QString::fromUtf8(m_process.readAllStandardError()); });
        m_process.start(AgentProgram,
                        QStringList{QStringLiteral("--state-dir"), stateDir, QStringLiteral("run"),
                                    QStringLiteral("--discovery-listen"),
                                    QStringLiteral("127.0.0.1:0")}
                            + extra);
        REQUIRE(m_process.waitForStarted());
        static const QRegularExpression listening(
            QStringLiteral("discovery responder listening address=127.0.0.1 port=([0-9]+)"));
        REQUIRE(waitUntil([&] { return listening.match(m_err).hasMatch(); }));
        m_port = quint16(listening.match(m_err).captured(1).toUInt());
    }
    ~AgentProcess()
    {
        m_process.terminate();
        (void)waitUntil([&] { return m_process.state() == QProcess::NotRunning; });
    }
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] const QString& log() const { return m_err; }

private:
    QProcess m_process;
    QString m_err;
    quint16 m_port = 0;
};

DeviceTestServer fastScans(bool autoRegister = false)
{
    return DeviceTestServer([&](server::ServerSettings& settings) {
        settings.scanWait = std::chrono::milliseconds(300);
        settings.autoRegister = autoRegister;
    });
}

// Scans 127.0.0.1:port and returns the scan once it found something.
QJsonObject scanLoopback(DeviceTestServer& server, quint16 port)
{
    const auto created =
        server.admin().post(QStringLiteral("/api/v1/scans"),
                            QJsonObject{{QStringLiteral("range"), QStringLiteral("127.0.0.1")},
                                        {QStringLiteral("port"), port}});
    INFO(created.body.toStdString());
    REQUIRE(created.status == 201);
    const qint64 id = created.json()[QStringLiteral("id")].toInteger();
    QJsonObject scan;
    REQUIRE(waitUntil([&] {
        scan = server.admin().get(QStringLiteral("/api/v1/scans/%1").arg(id)).json();
        return !scan[QStringLiteral("results")].toArray().isEmpty();
    }));
    return scan;
}

QJsonObject firstResult(const QJsonObject& scan)
{
    return scan[QStringLiteral("results")][0].toObject();
}

// A test's own "server side" of the offer exchange: sends offers, receives offer.reply.
class OfferSender {
public:
    OfferSender() { REQUIRE(m_socket.bind(QHostAddress::LocalHost, 0)); }

    wire::OfferReply send(const wire::Offer& offer, quint16 agentPort)
    {
        m_socket.writeDatagram(wire::encode(offer), QHostAddress::LocalHost, agentPort);
        std::optional<wire::OfferReply> reply;
        REQUIRE(waitUntil([&] {
            while (m_socket.hasPendingDatagrams()) {
                auto decoded = wire::decode(m_socket.receiveDatagram().data());
                if (decoded && std::holds_alternative<wire::OfferReply>(*decoded)) {
                    reply = std::get<wire::OfferReply>(*decoded);
                }
            }
            return reply.has_value();
        }));
        CHECK(reply->nonce == offer.nonce);
        return *reply;
    }
    [[nodiscard]] quint16 port() const { return m_socket.localPort(); }

private:
    QUdpSocket m_socket;
};

wire::OfferTerms termsFor(DeviceTestServer& server, const QByteArray& token)
{
    wire::OfferTerms terms;
    terms.server = QStringLiteral("https://127.0.0.1:%1").arg(server.port());
    terms.fingerprint = QString::fromLatin1(server.app()
                                                .identity()
                                                .webCertificate()
                                                .fingerprint(crypto::FingerprintAlgorithm::Sha256)
                                                .toHex()
                                                .toUpper());
    terms.token = token;
    terms.expires = QDateTime::currentSecsSinceEpoch() + 600;
    return terms;
}

bool enrolled(const QTemporaryDir& state)
{
    return QFile::exists(QDir(state.path()).filePath(QStringLiteral("agent.json")));
}

} // namespace

TEST_CASE("a UDP scan on loopback finds running agents, unenrolled and enrolled, and lists them",
          "[integration][devices][discovery]")
{
    auto server = fastScans();
    QTemporaryDir unenrolledState;
    AgentProcess unenrolledAgent(unenrolledState.path());

    QTemporaryDir enrolledState;
    const auto state = test::enrollAgent(server, enrolledState.path(), server.createToken(),
                                         agent::primaryMacAddress());
    REQUIRE(state.ok());
    AgentProcess enrolledAgent(enrolledState.path());

    const auto first = firstResult(scanLoopback(server, unenrolledAgent.port()));
    CHECK(first[QStringLiteral("address")] == QStringLiteral("127.0.0.1"));
    CHECK(first[QStringLiteral("port")] == unenrolledAgent.port());
    CHECK(first[QStringLiteral("enrolled")] == false);
    CHECK(first[QStringLiteral("deviceId")].isNull());
    CHECK(first[QStringLiteral("knownDeviceId")].isNull());
    CHECK(first[QStringLiteral("agentVersion")] == QLatin1String(ProductVersion));
    CHECK_FALSE(first[QStringLiteral("hostname")].toString().isEmpty());
    CHECK(first[QStringLiteral("unitId")] == agent::primaryMacAddress());

    const auto second = scanLoopback(server, enrolledAgent.port());
    const auto found = firstResult(second);
    CHECK(found[QStringLiteral("enrolled")] == true);
    CHECK(found[QStringLiteral("deviceId")] == state->deviceId);
    CHECK(found[QStringLiteral("knownDeviceId")] == state->deviceId);
    CHECK(found[QStringLiteral("server")].toString().contains(QString::number(server.port())));

    const qint64 id = second[QStringLiteral("id")].toInteger();
    REQUIRE(waitUntil([&] {
        return server.admin()
                   .get(QStringLiteral("/api/v1/scans/%1").arg(id))
                   .json()[QStringLiteral("state")]
               == QStringLiteral("finished");
    }));
    const auto list = server.admin().get(QStringLiteral("/api/v1/scans")).json();
    CHECK(list[QStringLiteral("items")].toArray().size() == 2);
    CHECK(server.audit(QStringLiteral("scan.create"), QStringLiteral("ok")).size() == 2);
}

TEST_CASE("scan ranges are validated with clear errors", "[integration][devices][discovery]")
{
    auto server = fastScans();
    const auto [range, expected] = GENERATE(table<const char*, const char*>({
        {"10.0.0.0/8", "at most 1024"},
        {"10.0.0.300", "not an IPv4 address"},
        {"10.0.0.9-10.0.0.1", "ends before it starts"},
    }));
    const auto reply =
        server.admin().post(QStringLiteral("/api/v1/scans"),
                            QJsonObject{{QStringLiteral("range"), QString::fromUtf8(range)}});
    INFO(reply.body.toStdString());
    CHECK(reply.status == 400);
    CHECK(reply.errorCode() == QStringLiteral("invalid_value"));
    CHECK(reply.body.contains(expected));
    CHECK(server.admin().post(QStringLiteral("/api/v1/scans"), QJsonObject{}).status == 400);
}

TEST_CASE("a signed register offer enrols an unenrolled agent that accepts offers, an enrolled "
          "agent refuses the next one",
          "[integration][devices][discovery]")
{
    auto server = fastScans();
    QTemporaryDir state;
    AgentProcess agentProcess(state.path(), {QStringLiteral("--accept-offers")});
    const auto scan = scanLoopback(server, agentProcess.port());
    const qint64 scanId = scan[QStringLiteral("id")].toInteger();
    const QString registerPath = QStringLiteral("/api/v1/scans/%1/results/1/register").arg(scanId);

    const auto offered = server.admin().post(registerPath, {});
    INFO(offered.body.toStdString());
    REQUIRE(offered.status == 202);
    CHECK(offered.json()[QStringLiteral("server")].toString().startsWith(
        QStringLiteral("https://127.0.0.1:")));

    QJsonArray devices;
    REQUIRE(waitUntil(
        [&] {
            devices = server.admin()
                          .get(QStringLiteral("/api/v1/devices"))
                          .json()[QStringLiteral("items")]
                          .toArray();
            return devices.size() == 1 && devices[0][QStringLiteral("online")] == true;
        },
        std::chrono::seconds(20)));
    CHECK(enrolled(state));
    const auto offerState = [&] {
        return firstResult(server.admin()
                               .get(QStringLiteral("/api/v1/scans/%1").arg(scanId))
                               .json())[QStringLiteral("offer")][QStringLiteral("state")];
    };
    REQUIRE(waitUntil([&] { return offerState() == QStringLiteral("accepted"); }));
    CHECK(server.audit(QStringLiteral("scan.register"), QStringLiteral("ok")).size() == 1);
    CHECK(server.audit(QStringLiteral("scan.offer-reply"), QStringLiteral("ok")).size() == 1);

    SECTION("a second offer reaches an enrolled agent, which refuses it (audited)")
    {
        REQUIRE(server.admin().post(registerPath, {}).status == 202);
        REQUIRE(waitUntil([&] { return offerState() == QStringLiteral("refused"); }));
        const auto denied =
            server.audit(QStringLiteral("scan.offer-reply"), QStringLiteral("denied"));
        REQUIRE(denied.size() == 1);
        CHECK(denied[0][QStringLiteral("details")].toString().contains(
            QStringLiteral("already enrolled")));
        CHECK(waitUntil(
            [&] { return agentProcess.log().contains(QStringLiteral("register offer refused")); }));
        CHECK(server.admin().get(QStringLiteral("/api/v1/devices")).json()[QStringLiteral("total")]
              == 1);
    }
    SECTION("a fresh scan shows it enrolled, and the server refuses to offer (audited)")
    {
        const auto rescan = scanLoopback(server, agentProcess.port());
        CHECK(firstResult(rescan)[QStringLiteral("knownDeviceId")]
              == devices[0][QStringLiteral("id")]);
        const auto refused =
            server.admin().post(QStringLiteral("/api/v1/scans/%1/results/1/register")
                                    .arg(rescan[QStringLiteral("id")].toInteger()),
                                {});
        CHECK(refused.status == 409);
        CHECK(server.audit(QStringLiteral("scan.register"), QStringLiteral("denied")).size() == 1);
    }
}

TEST_CASE("forged, unsigned, mispinned and unwanted offers are refused and nothing is enrolled",
          "[integration][devices][discovery]")
{
    auto server = fastScans();
    const auto& identity = server.app().identity();
    const QByteArray token = server.createToken();
    OfferSender sender;
    auto genuine = server::discovery::signedOffer(identity, termsFor(server, token),
                                                  wire::newNonce(), sender.port());
    REQUIRE(genuine.ok());

    QTemporaryDir state;
    AgentProcess agentProcess(state.path(), {QStringLiteral("--accept-offers")});

    SECTION("terms changed after signing")
    {
        auto forged = *genuine;
        auto terms = termsFor(server, token);
        terms.server = QStringLiteral("https://127.0.0.1:1");
        forged.terms = wire::encodeTerms(terms);
        const auto reply = sender.send(forged, agentProcess.port());
        CHECK_FALSE(reply.accepted);
        CHECK(reply.reason.contains(QStringLiteral("signature does not verify")));
    }
    SECTION("no real signature")
    {
        auto unsigned_ = *genuine;
        unsigned_.signature = QByteArray(512, '\0');
        const auto reply = sender.send(unsigned_, agentProcess.port());
        CHECK_FALSE(reply.accepted);
        CHECK(reply.reason.contains(QStringLiteral("signature does not verify")));
    }
    SECTION("signed by another key than the certificate's")
    {
        auto other = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
        REQUIRE(other.ok());
        auto forged = *genuine;
        forged.signature = *crypto::signData(*other, forged.terms);
        const auto reply = sender.send(forged, agentProcess.port());
        CHECK_FALSE(reply.accepted);
        CHECK(reply.reason.contains(QStringLiteral("signature")));
    }
    SECTION("expired")
    {
        auto terms = termsFor(server, token);
        terms.expires = QDateTime::currentSecsSinceEpoch() - 5;
        auto expired =
            server::discovery::signedOffer(identity, terms, wire::newNonce(), sender.port());
        const auto reply = sender.send(*expired, agentProcess.port());
        CHECK_FALSE(reply.accepted);
        CHECK(reply.reason.contains(QStringLiteral("expired")));
    }
    CHECK_FALSE(enrolled(state));
    CHECK(waitUntil(
        [&] { return agentProcess.log().contains(QStringLiteral("register offer refused")); }));
    const auto tokens = server.admin().get(QStringLiteral("/api/v1/enrollment-tokens"));
    CHECK(tokens.json()[QStringLiteral("items")][0][QStringLiteral("used")].isNull());
}

TEST_CASE("an agent refuses a genuine offer without --accept-offers or against its pin",
          "[integration][devices][discovery]")
{
    auto server = fastScans();
    OfferSender sender;
    auto genuine = server::discovery::signedOffer(server.app().identity(),
                                                  termsFor(server, server.createToken()),
                                                  wire::newNonce(), sender.port());
    REQUIRE(genuine.ok());
    QTemporaryDir state;
    SECTION("offers not accepted")
    {
        AgentProcess agentProcess(state.path());
        const auto reply = sender.send(*genuine, agentProcess.port());
        CHECK_FALSE(reply.accepted);
        CHECK(reply.reason.contains(QStringLiteral("does not accept register offers")));
    }
    SECTION("pinned to another server")
    {
        AgentProcess agentProcess(state.path(),
                                  {QStringLiteral("--accept-offers"),
                                   QStringLiteral("--fingerprint"), QString(64, QLatin1Char('0'))});
        const auto reply = sender.send(*genuine, agentProcess.port());
        CHECK_FALSE(reply.accepted);
        CHECK(reply.reason.contains(QStringLiteral("not the pinned")));
    }
    CHECK_FALSE(enrolled(state));
}

TEST_CASE("Wake-on-LAN sends the exact magic packet to the device's last IP (audited)",
          "[integration][devices][discovery]")
{
    QUdpSocket listener;
    REQUIRE(listener.bind(QHostAddress::LocalHost, 0));
    DeviceTestServer server([&](server::ServerSettings& settings) {
        settings.wolPort = listener.localPort();
        settings.wolBroadcast = false; // loopback only
        settings.wolSubnets = {QStringLiteral("192.0.2.0/24")};
    });
    QTemporaryDir stateDir;
    const auto state = test::enrollAgent(server, stateDir.path(), server.createToken(), TestMac);
    REQUIRE(state.ok());
    {
        auto link = test::linkFor(*state);
        link->start();
        REQUIRE(waitUntil(
            [&] { return server.device(state->deviceId)[QStringLiteral("online")] == true; }));
    }
    const auto woken =
        server.admin().post(QStringLiteral("/api/v1/devices/%1/wake").arg(state->deviceId), {});
    INFO(woken.body.toStdString());
    REQUIRE(woken.status == 202);
    CHECK(woken.json()[QStringLiteral("mac")] == TestMac);
    const auto targets = woken.json()[QStringLiteral("targets")].toArray();
    REQUIRE(targets.size() == 2);
    CHECK(targets[0][QStringLiteral("reason")] == QStringLiteral("last-ip"));
    CHECK(targets[0][QStringLiteral("address")] == QStringLiteral("127.0.0.1"));
    CHECK(targets[0][QStringLiteral("sent")] == true);
    CHECK(targets[1][QStringLiteral("address")] == QStringLiteral("192.0.2.255"));

    REQUIRE(waitUntil([&] { return listener.hasPendingDatagrams(); }));
    const QByteArray packet = listener.receiveDatagram().data();
    QByteArray expected(6, char(0xFF));
    for (int i = 0; i < 16; ++i) {
        expected += QByteArray::fromHex("001122AABBCC");
    }
    CHECK(packet.toHex() == expected.toHex());
    CHECK(server.audit(QStringLiteral("device.wake"), QStringLiteral("ok")).size() == 1);

    QTemporaryDir noMacDir;
    const auto noMac = test::enrollAgent(server, noMacDir.path(), server.createToken());
    REQUIRE(noMac.ok());
    const auto refused =
        server.admin().post(QStringLiteral("/api/v1/devices/%1/wake").arg(noMac->deviceId), {});
    CHECK(refused.status == 409);
    CHECK(refused.body.contains("no MAC address"));
    CHECK(server.admin().post(QStringLiteral("/api/v1/devices/999/wake"), {}).status == 404);
}

TEST_CASE("the online check marks a device without a channel reachable while it answers",
          "[integration][devices][discovery]")
{
    qint64 deviceId = 0;
    auto responder = std::make_unique<agent::DiscoveryResponder>(
        agent::ResponderSettings{QHostAddress::LocalHost, 0, 100}, [&] {
            wire::Identity identity;
            identity.unitId = TestMac;
            identity.hostname = QStringLiteral("thin-client-7");
            identity.agentVersion = QLatin1String(ProductVersion);
            identity.enrolled = true;
            identity.deviceId = deviceId;
            identity.server = QStringLiteral("https://localhost");
            return identity;
        });
    REQUIRE(responder->start().ok());
    DeviceTestServer server([&](server::ServerSettings& settings) {
        settings.discoveryAgentPort = responder->port();
        settings.onlineCheckInterval = std::chrono::milliseconds(100);
    });
    QTemporaryDir stateDir;
    const auto state = test::enrollAgent(server, stateDir.path(), server.createToken(), TestMac);
    REQUIRE(state.ok());
    deviceId = state->deviceId;
    CHECK(server.device(deviceId)[QStringLiteral("reachable")].isNull()); // no IP known yet
    {
        auto link = test::linkFor(*state);
        link->start();
        REQUIRE(
            waitUntil([&] { return server.device(deviceId)[QStringLiteral("online")] == true; }));
    }
    REQUIRE(waitUntil([&] { return server.device(deviceId)[QStringLiteral("online")] == false; }));
    REQUIRE(
        waitUntil([&] { return server.device(deviceId)[QStringLiteral("reachable")] == true; }));
    responder.reset(); // the device stops answering
    REQUIRE(
        waitUntil([&] { return server.device(deviceId)[QStringLiteral("reachable")] == false; }));
}

TEST_CASE("auto-registration enrols an agent only where the server allows it",
          "[integration][devices][discovery]")
{
    const bool allowed = GENERATE(true, false);
    auto server = fastScans(allowed);
    QTemporaryDir state;
    AgentProcess agentProcess(state.path(),
                              {QStringLiteral("--auto-register"), QStringLiteral("--server"),
                               server.url().toString(), QStringLiteral("--fingerprint"),
                               server.webFingerprint()});
    if (allowed) {
        REQUIRE(waitUntil(
            [&] {
                const auto list = server.admin().get(QStringLiteral("/api/v1/devices")).json();
                return list[QStringLiteral("total")] == 1
                       && list[QStringLiteral("items")][0][QStringLiteral("online")] == true;
            },
            std::chrono::seconds(20)));
        const auto audited = server.audit(QStringLiteral("enroll"), QStringLiteral("ok"));
        REQUIRE(audited.size() == 1);
        CHECK(audited[0][QStringLiteral("details")].toString().contains(
            QStringLiteral("auto-registration")));
    } else {
        QJsonArray denied;
        REQUIRE(waitUntil([&] {
            denied = server.audit(QStringLiteral("enroll"), QStringLiteral("denied"));
            return !denied.isEmpty();
        }));
        CHECK(denied[0][QStringLiteral("details")].toString().contains(
            QStringLiteral("does not accept auto-registration")));
        CHECK_FALSE(enrolled(state));
        CHECK(server.admin().get(QStringLiteral("/api/v1/devices")).json()[QStringLiteral("total")]
              == 0);
    }
}

TEST_CASE("run's discovery options are parsed strictly", "[integration][devices][discovery]")
{
    QBuffer input;
    QString help;
    const auto parse = [&](const QStringList& extra) {
        return agent::parseAgentArguments(QStringList{QStringLiteral("steward-agent"),
                                                      QStringLiteral("--state-dir"),
                                                      QStringLiteral("/s"), QStringLiteral("run")}
                                              + extra,
                                          {}, input, &help);
    };
    const auto defaults = parse({});
    REQUIRE(defaults.ok());
    CHECK(defaults->discoveryPort == 30005);
    CHECK(defaults->discoveryAddress == QHostAddress(QHostAddress::Any));
    CHECK_FALSE(defaults->acceptOffers);
    CHECK_FALSE(defaults->autoRegister);

    const auto set = parse({QStringLiteral("--discovery-listen"), QStringLiteral("127.0.0.1:0"),
                            QStringLiteral("--accept-offers"), QStringLiteral("--auto-register"),
                            QStringLiteral("--server"), QStringLiteral("https://steward:9443")});
    REQUIRE(set.ok());
    CHECK(set->discoveryAddress == QHostAddress(QHostAddress::LocalHost));
    CHECK(set->discoveryPort == 0);
    CHECK(set->acceptOffers);
    CHECK(set->autoRegister);
    CHECK(set->server == QUrl(QStringLiteral("https://steward:9443")));

    for (const char* bad : {"30005", "host:30005", "127.0.0.1:70000", "127.0.0.1:x"}) {
        INFO(bad);
        const auto refused = parse({QStringLiteral("--discovery-listen"), QString::fromUtf8(bad)});
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().message.contains(QStringLiteral("--discovery-listen")));
    }
    CHECK_FALSE(parse({QStringLiteral("--server"), QStringLiteral("http://steward")}).ok());
}

TEST_CASE("an agent whose discovery port is taken still runs and says so",
          "[integration][devices][discovery]")
{
    QUdpSocket taken;
    REQUIRE(taken.bind(QHostAddress::LocalHost, 0));
    QTemporaryDir state;
    QProcess run;
    QString err;
    QObject::connect(&run, &QProcess::readyReadStandardError,
                     [&] { err += QString::fromUtf8(run.readAllStandardError()); });
    run.start(AgentProgram, {QStringLiteral("--state-dir"), state.path(), QStringLiteral("run"),
                             QStringLiteral("--discovery-listen"),
                             QStringLiteral("127.0.0.1:%1").arg(taken.localPort())});
    REQUIRE(run.waitForStarted());
    REQUIRE(
        waitUntil([&] { return err.contains(QStringLiteral("discovery responder disabled")); }));
    CHECK(run.state() == QProcess::Running);
    run.terminate();
    REQUIRE(waitUntil([&] { return run.state() == QProcess::NotRunning; }));
    CHECK(run.exitCode() == 0);
}

TEST_CASE("scans, register offers and Wake-on-LAN need rights on the devices",
          "[integration][devices][discovery]")
{
    auto server = fastScans();
    REQUIRE(server.admin()
                .post(QStringLiteral("/api/v1/admins"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")},
                                  {QStringLiteral("password"), QStringLiteral("battery staple")}})
                .status
            == 201);
    test::RestClient bob(server.port(), {server.app().identity().rootCa().toQSslCertificate()});
    REQUIRE(bob.login(QStringLiteral("bob"), QStringLiteral("battery staple")).status == 200);
    const auto scan = bob.post(QStringLiteral("/api/v1/scans"),
                               QJsonObject{{QStringLiteral("range"), QStringLiteral("127.0.0.1")}});
    CHECK(scan.status == 403);
    CHECK(scan.body.contains("missing right Write on /Devices"));
    CHECK(bob.get(QStringLiteral("/api/v1/scans")).body.contains("missing right Read on /Devices"));
    CHECK(bob.post(QStringLiteral("/api/v1/scans/1/results/1/register"), {}).status == 403);
    const auto wake = bob.post(QStringLiteral("/api/v1/devices/1/wake"), {});
    CHECK(wake.status == 403);
    CHECK(wake.body.contains("missing right Commands on /Devices"));
    CHECK(server.audit(QStringLiteral("scan.create"), QStringLiteral("ok")).isEmpty());
}
