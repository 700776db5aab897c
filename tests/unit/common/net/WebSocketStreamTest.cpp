// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/net/WebSocketStream.h"
#include "common/tls/TlsConfig.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TestPki.h"

#include <QSslSocket>
#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using steward::net::WebSocketStream;
using steward::test::TestPki;
using steward::test::waitUntil;

namespace {

struct Pair {
    enum class Tls { Off, On }; // On: wss with the test PKI, the transport is a QSslSocket
    QWebSocketServer server;
    std::unique_ptr<QWebSocket> remote; // the sender
    std::unique_ptr<WebSocketStream> stream;
    QAbstractSocket* transport = nullptr;

    explicit Pair(Tls tls = Tls::Off)
        : server(QStringLiteral("test"),
                 tls == Tls::On ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode)
    {
        auto client = std::make_unique<QWebSocket>();
        QWebSocket* raw = client.get();
        QString url = QStringLiteral("ws://127.0.0.1:%1");
        if (tls == Tls::On) {
            server.setSslConfiguration(
                steward::tls::serverConfiguration(TestPki::identity(TestPki::Entity::Server)));
            raw->setSslConfiguration(steward::tls::clientConfiguration(TestPki::testCa()));
            url = QStringLiteral("wss://localhost:%1");
        }
        REQUIRE(server.listen(QHostAddress::LocalHost, 0));
        raw->open(QUrl(url.arg(server.serverPort())));
        REQUIRE(waitUntil([&] { return server.hasPendingConnections(); }));
        remote.reset(server.nextPendingConnection());
        REQUIRE(waitUntil([&] { return raw->state() == QAbstractSocket::ConnectedState; }));
        REQUIRE(steward::net::transportOf(*raw) != nullptr);
        transport = steward::net::transportOf(*raw);
        stream = std::make_unique<WebSocketStream>(std::move(client), transport);
        stream->setReadBufferSize(64 * 1024);
    }
};

} // namespace

TEST_CASE("a WebSocket stream carries bytes both ways, unchanged", "[unit][net]")
{
    Pair pair;
    QByteArray fromRemote;
    QObject::connect(pair.remote.get(), &QWebSocket::binaryMessageReceived,
                     [&](const QByteArray& message) { fromRemote += message; });
    CHECK(pair.stream->write("hello", 5) == 5);
    REQUIRE(waitUntil([&] { return fromRemote == "hello"; }));
    pair.remote->sendBinaryMessage("wor");
    pair.remote->sendBinaryMessage("ld");
    REQUIRE(waitUntil([&] { return pair.stream->bytesAvailable() == 5; }));
    CHECK(pair.stream->read(3) == "wor");
    CHECK(pair.stream->readAll() == "ld");
}

TEST_CASE("a WebSocket stream stops reading its transport when nobody reads it", "[unit][net]")
{
    Pair pair;
    const QByteArray block(64 * 1024, 'z');
    constexpr int Blocks = 64; // 4 MiB, far above the 64 KiB bound
    for (int i = 0; i < Blocks; ++i) {
        pair.remote->sendBinaryMessage(block);
    }
    REQUIRE(waitUntil([&] { return pair.stream->isPaused(); }));
    // Unread bytes stay bounded: the limit, plus at most what the transport had already read.
    qint64 received = 0;
    qint64 mostWaiting = 0;
    bool closed = false;
    QObject::connect(pair.stream.get(), &QAbstractSocket::disconnected, [&] { closed = true; });
    const bool all = waitUntil([&] {
        mostWaiting = std::max(mostWaiting, pair.stream->bytesAvailable());
        received += pair.stream->read(16 * 1024).size();
        return received == qint64(Blocks) * block.size();
    });
    INFO("received " << received << " waiting " << pair.stream->bytesAvailable());
    REQUIRE(all);
    CHECK(mostWaiting <= 64 * 1024 + block.size() + WebSocketStream::TransportBufferBytes);
    CHECK(mostWaiting > 0);
    // The remote's close arrives after the bytes, and ends the stream.
    pair.remote->close();
    REQUIRE(waitUntil([&] { return closed; }));
    CHECK(pair.stream->state() == QAbstractSocket::UnconnectedState);
}

TEST_CASE("a WebSocket stream over TLS reads on after its transport filled up while paused",
          "[unit][net]")
{
    Pair pair(Pair::Tls::On);
    REQUIRE(qobject_cast<QSslSocket*>(pair.transport) != nullptr);
    const QByteArray block(64 * 1024, 'y');
    constexpr int Blocks = 64; // 4 MiB
    for (int i = 0; i < Blocks; ++i) {
        pair.remote->sendBinaryMessage(block);
    }
    REQUIRE(waitUntil([&] { return pair.stream->isPaused(); }));
    // While paused the QSslSocket decrypts until its read buffer is full; what it holds when
    // reading resumes ends in part of a frame, which QWebSocket leaves there until more comes.
    REQUIRE(waitUntil([&] {
        return pair.transport->bytesAvailable() >= WebSocketStream::TransportBufferBytes - 16384;
    }));
    qint64 received = 0;
    const bool all = waitUntil(
        [&] {
            received += pair.stream->read(16 * 1024).size();
            return received == qint64(Blocks) * block.size();
        },
        std::chrono::seconds(30));
    INFO("received " << received << " of " << qint64(Blocks) * block.size());
    CHECK(all);
}

TEST_CASE("a text message on a WebSocket stream is a protocol error", "[unit][net]")
{
    Pair pair;
    bool failed = false;
    QObject::connect(pair.stream.get(), &QAbstractSocket::errorOccurred, [&] { failed = true; });
    pair.remote->sendTextMessage(QStringLiteral("not bytes"));
    REQUIRE(waitUntil([&] { return failed; }));
    CHECK(pair.stream->errorString().contains(QStringLiteral("text message")));
    CHECK(pair.stream->bytesAvailable() == 0);
}
