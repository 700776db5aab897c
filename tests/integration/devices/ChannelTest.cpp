// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/app/AgentApp.h"
#include "agent/link/Backoff.h"
#include "common/crypto/CertificateIssuer.h"
#include "common/protocol/Message.h"
#include "common/protocol/ProtocolVersion.h"
#include "common/tls/TlsConfig.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TestPki.h"

#include <QJsonArray>
#include <QSslSocket>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::TestPki;
using steward::test::waitUntil;

namespace {

// A raw device socket with \a tls, to say things the real agent never would.
struct RawDevice {
    RawDevice(DeviceTestServer& server, const QSslConfiguration& tls)
    {
        QObject::connect(&socket, &QWebSocket::disconnected, [this] { closed = true; });
        QObject::connect(&socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
                         [this](QAbstractSocket::SocketError) { failed = true; });
        socket.setSslConfiguration(tls);
        QNetworkRequest request(
            QUrl(QStringLiteral("wss://localhost:%1/device/v1/ws").arg(server.port())));
        request.setSslConfiguration(tls);
        socket.open(request);
    }
    QWebSocket socket;
    bool closed = false;
    bool failed = false;
};

agent::AgentState enrolled(DeviceTestServer& server, const QTemporaryDir& dir)
{
    auto state = test::enrollAgent(server, dir.path(), server.createToken());
    REQUIRE(state.ok());
    return *state;
}

} // namespace

TEST_CASE("a client certificate from another CA is refused before the upgrade and audited",
          "[integration][devices]")
{
    DeviceTestServer server;
    const auto root = server.app().identity().rootCa().toQSslCertificate();
    RawDevice foreign(server, tls::clientConfiguration(
                                  {root}, TestPki::identity(TestPki::Entity::ForeignClient)));
    REQUIRE(waitUntil([&] { return foreign.closed || foreign.failed; }));
    CHECK(foreign.socket.state() != QAbstractSocket::ConnectedState);
    const auto denied = server.audit(QStringLiteral("device.connect"), QStringLiteral("denied"));
    REQUIRE(denied.size() == 1);
    CHECK(denied[0][QStringLiteral("details")].toString().contains(QStringLiteral("device CA")));

    RawDevice anonymous(server, tls::clientConfiguration({root}));
    REQUIRE(waitUntil([&] { return anonymous.closed || anonymous.failed; }));
    CHECK(server.audit(QStringLiteral("device.connect"), QStringLiteral("denied")).size() == 2);
    CHECK(server.app().identity().deviceCa().isCa()); // the server is still fine
}

TEST_CASE("a certificate from the device CA that no device holds is refused",
          "[integration][devices]")
{
    DeviceTestServer server;
    const auto& identity = server.app().identity();
    const auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(key.ok());
    const auto csr = crypto::CertificateRequest::create(*key, QStringLiteral("stray"));
    REQUIRE(csr.ok());
    crypto::CertificateOptions options;
    options.clientAuth = true;
    const auto stray =
        crypto::issueCertificate(*csr, identity.deviceCa(), identity.deviceCaKey(), options);
    REQUIRE(stray.ok());
    RawDevice raw(server, tls::clientConfiguration(
                              {identity.rootCa().toQSslCertificate()},
                              tls::TlsIdentity{stray->toQSslCertificate(), {}, key->toQSslKey()}));
    REQUIRE(waitUntil([&] { return raw.closed || raw.failed; }));
    const auto denied = server.audit(QStringLiteral("device.connect"), QStringLiteral("denied"));
    REQUIRE(denied.size() == 1);
    CHECK(denied[0][QStringLiteral("details")].toString().contains(QStringLiteral("no device")));
}

TEST_CASE("a device speaking another protocol version is told both and closed, one that never "
          "says hello is dropped",
          "[integration][devices]")
{
    DeviceTestServer server;
    QTemporaryDir dir;
    const auto state = enrolled(server, dir);
    RawDevice raw(server, agent::linkSettingsFor(state, {}).tls);
    QStringList frames;
    QObject::connect(&raw.socket, &QWebSocket::textMessageReceived,
                     [&](const QString& text) { frames.append(text); });
    REQUIRE(waitUntil([&] { return raw.socket.state() == QAbstractSocket::ConnectedState; }));

    SECTION("newer protocol")
    {
        raw.socket.sendTextMessage(
            QStringLiteral(R"({"type":"hello","id":1,"body":{"protocolVersion":99,)"
                           R"("programName":"steward-agent","programVersion":"9.0.0"}})"));
        REQUIRE(waitUntil([&] { return raw.closed; }));
        REQUIRE(frames.size() == 1);
        CHECK(frames[0].contains(QStringLiteral("incompatible_version")));
        CHECK(frames[0].contains(QStringLiteral("9.0.0")));
    }
    SECTION("no hello")
    {
        REQUIRE(waitUntil([&] { return raw.closed; }, std::chrono::seconds(3)));
    }
    CHECK(server.device(state.deviceId)[QStringLiteral("online")] == false);
}

TEST_CASE("a released device is refused with a clear error and an audit entry",
          "[integration][devices]")
{
    DeviceTestServer server;
    QTemporaryDir dir;
    const auto state = enrolled(server, dir);
    server.releaseDevice(state.deviceId);
    auto link = test::linkFor(state);
    link->start();
    REQUIRE(waitUntil([&] { return link->connectAttempts() >= 2; }));
    CHECK(link->state() != agent::ServerLink::State::Up);
    const auto denied = server.audit(QStringLiteral("device.connect"), QStringLiteral("denied"));
    REQUIRE_FALSE(denied.isEmpty());
    CHECK(denied[0][QStringLiteral("details")].toString().contains(QStringLiteral("released")));
    CHECK(server.device(state.deviceId)[QStringLiteral("released")] == true);
}

TEST_CASE("a malformed or oversized frame closes only that device's connection",
          "[integration][devices]")
{
    DeviceTestServer server;
    QTemporaryDir dirA;
    QTemporaryDir dirB;
    const auto a = enrolled(server, dirA);
    const auto b = enrolled(server, dirB);
    auto linkB = test::linkFor(b);
    linkB->start();
    REQUIRE(waitUntil([&] { return linkB->state() == agent::ServerLink::State::Up; }));

    const auto tls = agent::linkSettingsFor(a, {}).tls;
    RawDevice raw(server, tls);
    REQUIRE(waitUntil([&] { return raw.socket.state() == QAbstractSocket::ConnectedState; }));
    const protocol::Hello hello{protocol::CurrentProtocolVersion,
                                QStringLiteral("steward-agent"),
                                QStringLiteral("0.1.0"),
                                {}};
    raw.socket.sendTextMessage(QString::fromUtf8(protocol::encodeMessage(hello, 1)));
    REQUIRE(waitUntil([&] { return server.device(a.deviceId)[QStringLiteral("online")] == true; }));

    SECTION("malformed")
    {
        raw.socket.sendTextMessage(QStringLiteral("{\"type\": \"hello\", oops"));
        REQUIRE(waitUntil([&] { return raw.closed; }));
        CHECK(server.audit(QStringLiteral("device.frame"), QStringLiteral("denied")).size() == 1);
    }
    SECTION("oversized")
    {
        raw.socket.sendTextMessage(QString(protocol::MaxMessageBytes + 1, QLatin1Char('x')));
        REQUIRE(waitUntil([&] { return raw.closed; }));
    }
    REQUIRE(
        waitUntil([&] { return server.device(a.deviceId)[QStringLiteral("online")] == false; }));
    CHECK(linkB->state() == agent::ServerLink::State::Up);
    CHECK(server.device(b.deviceId)[QStringLiteral("online")] == true);
}

TEST_CASE("a device that stops answering pings goes offline after the idle timeout",
          "[integration][devices]")
{
    DeviceTestServer server;
    QTemporaryDir dir;
    const auto state = enrolled(server, dir);
    // A hand-made WebSocket client that says hello and then never reads again, so it never
    // answers a ping: a frozen peer whose TCP connection stays open.
    QSslSocket frozen;
    frozen.setSslConfiguration(agent::linkSettingsFor(state, {}).tls);
    frozen.connectToHostEncrypted(QStringLiteral("localhost"), server.port());
    REQUIRE(waitUntil([&] { return frozen.isEncrypted(); }));
    frozen.write("GET /device/v1/ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 "Sec-WebSocket-Version: 13\r\n\r\n");
    QByteArray response;
    REQUIRE(waitUntil([&] {
        response += frozen.readAll();
        return response.contains("\r\n\r\n");
    }));
    REQUIRE(response.startsWith("HTTP/1.1 101"));
    const protocol::Hello hello{protocol::CurrentProtocolVersion,
                                QStringLiteral("steward-agent"),
                                QStringLiteral("0.1.0"),
                                {}};
    const QByteArray payload = protocol::encodeMessage(hello, 1);
    REQUIRE(payload.size() < 126);
    const QByteArray mask("\x11\x22\x33\x44", 4);
    QByteArray frame;
    frame.append(char(0x81)).append(char(0x80 | payload.size())).append(mask);
    for (qsizetype i = 0; i < payload.size(); ++i) {
        frame.append(char(payload[i] ^ mask[i % 4]));
    }
    frozen.write(frame);
    REQUIRE(
        waitUntil([&] { return server.device(state.deviceId)[QStringLiteral("online")] == true; }));
    REQUIRE(
        waitUntil([&] { return server.device(state.deviceId)[QStringLiteral("online")] == false; },
                  std::chrono::seconds(3)));
}

TEST_CASE("reconnect delays grow exponentially with full jitter up to the cap",
          "[integration][devices]")
{
    double draw = 0.999;
    agent::Backoff backoff({std::chrono::milliseconds(1000), std::chrono::minutes(5)},
                           [&] { return draw; });
    CHECK(backoff.ceiling() == std::chrono::milliseconds(1000));
    CHECK(backoff.next() == std::chrono::milliseconds(999));
    CHECK(backoff.ceiling() == std::chrono::milliseconds(2000));
    for (int i = 0; i < 30; ++i) {
        (void)backoff.next();
    }
    CHECK(backoff.ceiling() == std::chrono::minutes(5));
    draw = 0.0;
    CHECK(backoff.next() == std::chrono::milliseconds(0));
    backoff.reset();
    CHECK(backoff.ceiling() == std::chrono::milliseconds(1000));
}

TEST_CASE("the agent keeps the server's TLS session ticket and offers it when it reconnects",
          "[integration][devices]")
{
    DeviceTestServer server;
    QTemporaryDir dir;
    const auto state = enrolled(server, dir);
    auto link = test::linkFor(state);
    link->start();
    REQUIRE(waitUntil([&] { return link->state() == agent::ServerLink::State::Up; }));
    CHECK_FALSE(link->offeredSessionTicket()); // nothing to offer on the first connection
    REQUIRE(waitUntil([&] { return !link->sessionTicket().isEmpty(); }));

    link->stop();
    link->start();
    CHECK(link->offeredSessionTicket());
    // steward-server cannot resume (docs/devices.md): the stale ticket must not cost the link.
    REQUIRE(waitUntil([&] { return link->state() == agent::ServerLink::State::Up; }));
    CHECK_FALSE(link->sessionTicket().isEmpty());
}
