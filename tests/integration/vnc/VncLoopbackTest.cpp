// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/vnc/SyntheticScreenSource.h"
#include "agent/vnc/VncServer.h"
#include "console/vnc/VncClient.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>

using steward::ErrorCode;
using steward::agent::vnc::SyntheticPattern;
using steward::agent::vnc::SyntheticScreenSource;
using steward::agent::vnc::VncServer;
using steward::agent::vnc::VncServerOptions;
using steward::console::vnc::KeyEvent;
using steward::console::vnc::PointerEvent;
using steward::console::vnc::VncClient;
using steward::test::waitUntil;

namespace {

VncServerOptions loopbackOptions(bool viewOnly = false)
{
    VncServerOptions options;
    options.port = 0;
    options.viewOnly = viewOnly;
    return options;
}

bool connected(const VncClient& client)
{
    return client.state() == VncClient::State::Connected;
}

bool finished(const VncClient& client)
{
    return client.state() == VncClient::State::Failed
           || client.state() == VncClient::State::Disconnected;
}

// A square's pixels have all arrived when its centre shows the square colour.
bool showsSquareAt(const VncClient& client, const SyntheticScreenSource& source, int tick)
{
    const QPoint centre = source.squareAt(tick).center();
    return client.framebuffer().pixel(centre) == source.pixelAt(centre, tick);
}

// A one-shot fake server: accepts one connection and answers it with the given bytes.
class ScriptedPeer {
public:
    explicit ScriptedPeer(QByteArray reply) : m_reply(std::move(reply))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, [this] {
            m_socket = m_server.nextPendingConnection();
            m_socket->write(m_reply);
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    bool waitForConnection()
    {
        return waitUntil([this] { return m_socket != nullptr && m_socket->bytesAvailable() > 0; });
    }

private:
    QTcpServer m_server;
    QTcpSocket* m_socket = nullptr; // owned by m_server
    QByteArray m_reply;
};

} // namespace

TEST_CASE("viewer sees the synthetic screen's pixels and the square's move", "[integration][vnc]")
{
    SyntheticScreenSource source;
    VncServer server(source, loopbackOptions());
    REQUIRE(server.start().ok());
    REQUIRE(server.port() != 0);

    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    REQUIRE(waitUntil([&] { return connected(client); }));
    CHECK(client.framebuffer().size() == source.size());
    REQUIRE(waitUntil(
        [&] { return client.framebuffer().pixel(QPoint(10, 10)) == source.pattern().background; }));
    REQUIRE(waitUntil([&] { return showsSquareAt(client, source, 0); }));
    CHECK(server.clientCount() == 1);

    source.advance();
    REQUIRE(source.squareAt(1) != source.squareAt(0));
    REQUIRE(waitUntil([&] { return showsSquareAt(client, source, 1); }));
    // Where the square was is background again, and the corner never changed.
    const QPoint oldCentre = source.squareAt(0).center();
    REQUIRE(!source.squareAt(1).contains(oldCentre));
    REQUIRE(waitUntil(
        [&] { return client.framebuffer().pixel(oldCentre) == source.pattern().background; }));
    CHECK(client.framebuffer().pixel(QPoint(10, 10)) == source.pattern().background);
    CHECK(client.framebuffer().image().pixel(source.squareAt(1).topLeft())
          == (0xff000000u | source.pattern().square));
}

TEST_CASE("a timer-driven source keeps the viewer current", "[integration][vnc]")
{
    SyntheticPattern pattern;
    pattern.interval = std::chrono::milliseconds(20); // injected; a demo would use ~1 s
    SyntheticScreenSource source(pattern);
    VncServer server(source, loopbackOptions());
    REQUIRE(server.start().ok());

    VncClient client;
    int frames = 0;
    QObject::connect(&client, &VncClient::frameUpdated, [&frames] { ++frames; });
    client.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    REQUIRE(waitUntil([&] { return source.tick() >= 3 && frames >= 3; }));
    const int target = source.tick() + 2;
    REQUIRE(waitUntil([&] { return source.tick() >= target; }));
    REQUIRE(waitUntil([&] { return showsSquareAt(client, source, source.tick()); }));
}

TEST_CASE("viewer pointer and key events reach the source", "[integration][vnc]")
{
    SyntheticScreenSource source;
    VncServer server(source, loopbackOptions());
    REQUIRE(server.start().ok());
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    REQUIRE(waitUntil([&] { return connected(client); }));

    client.sendInput(PointerEvent{QPoint(123, 45), 1});
    client.sendInput(KeyEvent{0x61, true}); // XK_a
    REQUIRE(
        waitUntil([&] { return !source.pointerEvents().empty() && !source.keyEvents().empty(); }));
    CHECK(source.pointerEvents().front().position == QPoint(123, 45));
    CHECK(source.pointerEvents().front().buttonMask == 1);
    CHECK(source.keyEvents().front().keysym == 0x61u);
    CHECK(source.keyEvents().front().down);
    CHECK(server.droppedInputEvents() == 0);
}

TEST_CASE("a view-only server drops every input event", "[integration][vnc]")
{
    SyntheticScreenSource source;
    VncServer server(source, loopbackOptions(true));
    REQUIRE(server.start().ok());
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    REQUIRE(waitUntil([&] { return connected(client); }));
    REQUIRE(waitUntil(
        [&] { return client.framebuffer().pixel(QPoint(10, 10)) == source.pattern().background; }));

    client.sendInput(PointerEvent{QPoint(5, 6), 1});
    client.sendInput(KeyEvent{0x61, true});
    // Proof that the server has read the input: RFB is ordered per socket, and the viewer asks
    // for each update after the last one arrived. The input may still trail the request for
    // tick 2, but the request for tick 3 is sent after it, so tick 3 shows only once the server
    // has read past the input.
    for (int tick = 1; tick <= 3; ++tick) {
        source.advance();
        REQUIRE(waitUntil([&] { return showsSquareAt(client, source, tick); }));
    }
    CHECK(source.pointerEvents().empty());
    CHECK(source.keyEvents().empty());
    CHECK(connected(client));
}

TEST_CASE("the VNC server refuses to bind anything but loopback", "[integration][vnc]")
{
    SyntheticScreenSource source;
    VncServerOptions options = loopbackOptions();
    for (const auto& address :
         {QHostAddress(QHostAddress::AnyIPv4), QHostAddress(QHostAddress::Any),
          QHostAddress(QStringLiteral("10.1.2.3"))}) {
        options.address = address;
        VncServer server(source, options);
        const auto started = server.start();
        REQUIRE_FALSE(started.ok());
        CHECK(started.error().code == ErrorCode::InvalidArgument);
        CHECK_FALSE(server.isRunning());
    }
}

TEST_CASE("the VNC server counts viewers and stops cleanly", "[integration][vnc]")
{
    SyntheticScreenSource source;
    VncServer server(source, loopbackOptions());
    REQUIRE(server.start().ok());
    const quint16 port = server.port();

    VncClient first;
    VncClient second;
    first.connectToHost(QStringLiteral("127.0.0.1"), port);
    second.connectToHost(QStringLiteral("127.0.0.1"), port);
    REQUIRE(waitUntil([&] { return connected(first) && connected(second); }));
    REQUIRE(waitUntil([&] { return server.clientCount() == 2; }));

    second.disconnectFromHost();
    CHECK(second.state() == VncClient::State::Disconnected);
    REQUIRE(waitUntil([&] { return server.clientCount() == 1; }));

    server.stop();
    CHECK(server.clientCount() == 0);
    REQUIRE(waitUntil([&] { return finished(first); }));
    CHECK(first.failure() == VncClient::Failure::ConnectionLost);
    CHECK(first.error().code == ErrorCode::ConnectionClosed);

    QTcpSocket probe;
    probe.connectToHost(QHostAddress::LocalHost, port);
    REQUIRE(waitUntil([&] { return probe.state() == QAbstractSocket::UnconnectedState; }));
    CHECK(probe.error() == QAbstractSocket::ConnectionRefusedError);
}

TEST_CASE("the viewer reports a refused connection for a closed port", "[integration][vnc]")
{
    quint16 closedPort = 0;
    {
        QTcpServer placeholder;
        REQUIRE(placeholder.listen(QHostAddress::LocalHost, 0));
        closedPort = placeholder.serverPort();
    }
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), closedPort);
    REQUIRE(waitUntil([&] { return finished(client); }));
    CHECK(client.state() == VncClient::State::Failed);
    CHECK(client.failure() == VncClient::Failure::ConnectionRefused);
    CHECK(client.error().code == ErrorCode::ConnectionFailed);
    CHECK(client.error().message.contains(QStringLiteral("refused")));
}

TEST_CASE("the viewer reports a protocol error for a peer that is not RFB", "[integration][vnc]")
{
    ScriptedPeer peer("HTTP/1.1 400 Bad Request\r\n\r\n");
    REQUIRE(peer.listen());
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), peer.port());
    REQUIRE(waitUntil([&] { return finished(client); }));
    CHECK(client.failure() == VncClient::Failure::ProtocolError);
    CHECK(client.error().code == ErrorCode::MalformedMessage);
}

TEST_CASE("the viewer reports that the server requires a password", "[integration][vnc]")
{
    // RFB 3.8 greeting, one security type offered (2: VNC authentication), a 16-byte challenge.
    ScriptedPeer peer(QByteArray("RFB 003.008\n") + QByteArray("\x01\x02", 2)
                      + QByteArray(16, 'c'));
    REQUIRE(peer.listen());
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), peer.port());
    REQUIRE(waitUntil([&] { return finished(client); }));
    CHECK(client.failure() == VncClient::Failure::AuthenticationRequired);
    CHECK(client.error().code == ErrorCode::Unauthenticated);
}

TEST_CASE("disconnecting from a server that stalls the handshake returns at once",
          "[integration][vnc]")
{
    ScriptedPeer peer("RFB 003.008\n"); // then silence
    REQUIRE(peer.listen());
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), peer.port());
    CHECK(client.state() == VncClient::State::Connecting);
    REQUIRE(peer.waitForConnection());
    QElapsedTimer elapsed;
    elapsed.start();
    client.disconnectFromHost();
    CHECK(elapsed.elapsed() < 2000);
    CHECK(client.state() == VncClient::State::Disconnected);
    CHECK(client.failure() == VncClient::Failure::None);
}

TEST_CASE("viewers coming and going leave no sockets behind on either side", "[integration][vnc]")
{
    const auto openDescriptors = [] {
        return QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size();
    };
    SyntheticScreenSource source;
    VncServer server(source, loopbackOptions());
    REQUIRE(server.start().ok());
    const auto before = openDescriptors();
    for (int round = 0; round < 10; ++round) {
        VncClient client;
        client.connectToHost(QStringLiteral("127.0.0.1"), server.port());
        REQUIRE(waitUntil([&] { return connected(client) && server.clientCount() == 1; }));
        client.disconnectFromHost();
        REQUIRE(waitUntil([&] { return server.clientCount() == 0; }));
    }
    CHECK(openDescriptors() == before);
}
