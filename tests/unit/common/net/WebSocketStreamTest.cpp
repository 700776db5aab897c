// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/net/WebSocketStream.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QWebSocket>
#include <QWebSocketServer>

#include <memory>

using steward::net::WebSocketStream;
using steward::test::waitUntil;

namespace {

struct Pair {
    QWebSocketServer server{QStringLiteral("test"), QWebSocketServer::NonSecureMode};
    std::unique_ptr<QWebSocket> remote; // the sender
    std::unique_ptr<WebSocketStream> stream;

    Pair()
    {
        REQUIRE(server.listen(QHostAddress::LocalHost, 0));
        auto client = std::make_unique<QWebSocket>();
        QWebSocket* raw = client.get();
        raw->open(QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(server.serverPort())));
        REQUIRE(waitUntil([&] { return server.hasPendingConnections(); }));
        remote.reset(server.nextPendingConnection());
        REQUIRE(waitUntil([&] { return raw->state() == QAbstractSocket::ConnectedState; }));
        REQUIRE(steward::net::transportOf(*raw) != nullptr);
        QAbstractSocket* transport = steward::net::transportOf(*raw);
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
