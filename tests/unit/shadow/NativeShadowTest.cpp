// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The direct shadow path's proxies on their own (no server, no VNC server): ShadowProxy and
// ShadowTunnel over real TLS on loopback, an echo socket standing in for the VNC server.
#include "agent/shadow/ShadowProxy.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"
#include "common/shadow/ShadowTicket.h"
#include "console/shadow/ShadowTunnel.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TestPki.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUuid>

#include <vector>

using namespace steward;
using agent::shadow::ShadowProxy;
using agent::shadow::ShadowProxySettings;
using console::shadow::ShadowOffer;
using console::shadow::ShadowTunnel;
using test::TestPki;
using test::waitUntil;

namespace {

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

struct RecordingAuthority : agent::shadow::ShadowAuthority {
    void claim(const protocol::ShadowClaim&, std::function<void(Result<void>)> answer) override
    {
        answer({});
    }
    void ended(const protocol::ShadowEnded& report) override { endings.push_back(report); }
    void refused(const protocol::ShadowRefused& report) override { refusals.push_back(report); }
    std::vector<protocol::ShadowEnded> endings;
    std::vector<protocol::ShadowRefused> refusals;
};

// Echoes every byte, like a VNC server that answers everything.
struct EchoTarget {
    EchoTarget()
    {
        REQUIRE(server.listen(QHostAddress::LocalHost, 0));
        QObject::connect(&server, &QTcpServer::newConnection, [this] {
            QTcpSocket* socket = server.nextPendingConnection();
            QObject::connect(socket, &QIODevice::readyRead,
                             [socket] { socket->write(socket->readAll()); });
        });
    }
    QTcpServer server;
};

ShadowProxySettings
proxySettings(quint16 vncPort,
              std::chrono::milliseconds handshakeTimeout = std::chrono::seconds(10))
{
    ShadowProxySettings settings;
    settings.bindAddress = QHostAddress::LocalHost;
    settings.port = 0;
    settings.handshakeTimeout = handshakeTimeout;
    settings.gate.deviceId = 1;
    settings.gate.deviceName = QStringLiteral("native");
    settings.gate.signer =
        *crypto::Certificate::fromPem(readFile(TestPki::certificatePath(TestPki::Entity::Server)));
    settings.gate.vncPort = vncPort;
    return settings;
}

ShadowOffer directOffer(quint16 port)
{
    shadow::TicketPayload payload;
    payload.session = QUuid::createUuid().toString(QUuid::WithoutBraces);
    payload.device = 1;
    payload.admin = QStringLiteral("admin");
    payload.path = QStringLiteral("direct");
    payload.expires = QDateTime::currentSecsSinceEpoch() + 60;
    payload.nonce = *shadow::newNonce();
    const auto key =
        crypto::PrivateKey::fromPem(readFile(TestPki::keyPath(TestPki::Entity::Server)));
    REQUIRE(key.ok());
    ShadowOffer offer;
    offer.session = payload.session;
    offer.ticket = *shadow::signTicket(payload, *key);
    offer.deviceId = 1;
    offer.deviceName = QStringLiteral("native");
    offer.address = QStringLiteral("127.0.0.1");
    offer.port = port;
    offer.path = payload.path;
    offer.certificate = TestPki::certificate(TestPki::Entity::ShadowA);
    return offer;
}

} // namespace

TEST_CASE("a direct session carries the viewer's bytes both ways and reports them when ended",
          "[shadow][native]")
{
    EchoTarget target;
    RecordingAuthority authority;
    ShadowProxy proxy(proxySettings(target.server.serverPort()),
                      TestPki::identity(TestPki::Entity::ShadowA), authority);
    REQUIRE(proxy.start().ok());
    const ShadowOffer offer = directOffer(proxy.port());
    ShadowTunnel tunnel(offer);
    tunnel.start();
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Listening; }));
    CHECK(tunnel.ticketSent());

    QTcpSocket viewer;
    viewer.connectToHost(QHostAddress::LocalHost, tunnel.localPort());
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Streaming; }));
    const QByteArray message(100000, 'v');
    viewer.write(message);
    QByteArray echoed;
    REQUIRE(waitUntil([&] {
        echoed += viewer.readAll();
        return echoed.size() >= message.size();
    }));
    CHECK(echoed == message);
    CHECK(tunnel.bytesFromViewer() == quint64(message.size()));
    CHECK(tunnel.bytesToViewer() == quint64(message.size()));

    REQUIRE(proxy.endSession(offer.session, QStringLiteral("ended by the test")));
    REQUIRE(authority.endings.size() == 1);
    CHECK(authority.endings[0].session == offer.session);
    CHECK(authority.endings[0].bytesFromViewer == message.size());
    CHECK(authority.endings[0].bytesToViewer == message.size());
    CHECK(authority.endings[0].reason == QStringLiteral("ended by the test"));
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Finished; }));
    REQUIRE(waitUntil([&] { return viewer.state() == QAbstractSocket::UnconnectedState; }));
    REQUIRE(waitUntil([&] { return proxy.activeConnections() == 0; }));
}

TEST_CASE("the agent's proxy drops a connection that does not finish the TLS handshake in time",
          "[shadow][native]")
{
    RecordingAuthority authority;
    ShadowProxy proxy(proxySettings(1, std::chrono::milliseconds(300)),
                      TestPki::identity(TestPki::Entity::ShadowA), authority);
    REQUIRE(proxy.start().ok());
    QTcpSocket silent;
    silent.connectToHost(QHostAddress::LocalHost, proxy.port());
    REQUIRE(waitUntil([&] { return proxy.activeConnections() == 1; }));
    QElapsedTimer clock;
    clock.start();
    REQUIRE(waitUntil([&] { return silent.state() == QAbstractSocket::UnconnectedState; }));
    CHECK(clock.elapsed() >= 200);
    REQUIRE(waitUntil([&] { return proxy.activeConnections() == 0; }));
    CHECK(authority.refusals.empty());
    CHECK(authority.endings.empty());
}

TEST_CASE("the console's tunnel gives up on a device that never finishes the handshake, ticket "
          "unsent",
          "[shadow][native]")
{
    QTcpServer mute; // accepts, never answers the ClientHello
    REQUIRE(mute.listen(QHostAddress::LocalHost, 0));
    console::shadow::TunnelOptions options;
    options.connectTimeout = std::chrono::milliseconds(300);
    ShadowTunnel tunnel(directOffer(mute.serverPort()), options);
    tunnel.start();
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Failed; }));
    CHECK(tunnel.failure()->code == ErrorCode::Timeout);
    CHECK_FALSE(tunnel.ticketSent());
}

TEST_CASE("the console's tunnel refuses an agent with another certificate before the ticket",
          "[shadow][native]")
{
    EchoTarget target;
    RecordingAuthority authority;
    ShadowProxy proxy(proxySettings(target.server.serverPort()),
                      TestPki::identity(TestPki::Entity::ShadowB), authority);
    REQUIRE(proxy.start().ok());
    ShadowTunnel tunnel(directOffer(proxy.port()));
    tunnel.start();
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Failed; }));
    CHECK(tunnel.failure()->code == ErrorCode::PeerCertificateMismatch);
    CHECK_FALSE(tunnel.ticketSent());
    REQUIRE(waitUntil([&] { return proxy.activeConnections() == 0; }));
    CHECK(authority.refusals.empty()); // the agent never saw a preamble
}
