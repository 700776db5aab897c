// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/TlsStream.h"

#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/unit/common/tls/NativePair.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <optional>

#include <unistd.h>

using steward::ErrorCode;
using steward::test::startStreamPair;
using steward::test::TestPki;
using steward::test::waitUntil;
using steward::tls::TlsStream;

TEST_CASE("a native TLS stream pair handshakes TLS 1.3 with the pinned certificate and carries "
          "bytes both ways",
          "[tls][native]")
{
    auto pair = startStreamPair();
    REQUIRE(waitUntil([&] { return pair.server->isEncrypted() && pair.client->isEncrypted(); }));
    CHECK(pair.client->sessionDescription() == QStringLiteral("TLSv1.3 TLS_AES_128_GCM_SHA256"));
    CHECK(pair.server->sessionDescription() == pair.client->sessionDescription());
    CHECK(pair.server->peerAddress().toString() == QStringLiteral("127.0.0.1"));

    CHECK(pair.client->write("preamble") == 8);
    REQUIRE(waitUntil([&] { return pair.server->bytesAvailable() == 8; }));
    // Unbuffered: read() takes exactly what is asked, the rest stays in the stream.
    CHECK(pair.server->read(3) == "pre");
    CHECK(pair.server->bytesAvailable() == 5);
    CHECK(pair.server->read(5) == "amble");
    CHECK(pair.server->write("reply") == 5);
    REQUIRE(waitUntil([&] { return pair.client->bytesAvailable() == 5; }));
    CHECK(pair.client->readAll() == "reply");
}

TEST_CASE("a pinned native client fails the handshake on another certificate and never sends a "
          "byte",
          "[tls][native]")
{
    auto pair = startStreamPair(TestPki::Entity::ShadowB, TestPki::Entity::ShadowA);
    std::optional<steward::Error> clientError;
    bool serverFailed = false;
    bool serverRead = false;
    QObject::connect(pair.client.get(), &TlsStream::handshakeFailed,
                     [&](const steward::Error& error) { clientError = error; });
    QObject::connect(pair.server.get(), &TlsStream::handshakeFailed,
                     [&](const steward::Error&) { serverFailed = true; });
    QObject::connect(pair.server.get(), &QIODevice::readyRead, [&] { serverRead = true; });
    // Nothing can be written before the handshake succeeded.
    CHECK(pair.client->write("ticket") == -1);
    REQUIRE(waitUntil([&] { return clientError.has_value() && serverFailed; }));
    CHECK(clientError->code == ErrorCode::PeerCertificateMismatch);
    CHECK_FALSE(pair.client->isEncrypted());
    CHECK_FALSE(pair.server->isEncrypted());
    CHECK_FALSE(serverRead);
    CHECK(pair.server->bytesAvailable() == 0);
}

TEST_CASE("a native stream delivers the bytes sent before the peer's close, then reports the close",
          "[tls][native]")
{
    auto pair = startStreamPair();
    REQUIRE(waitUntil([&] { return pair.server->isEncrypted() && pair.client->isEncrypted(); }));
    bool closed = false;
    QObject::connect(pair.server.get(), &TlsStream::disconnected, [&] { closed = true; });
    pair.client->write("bye");
    pair.client->close();
    REQUIRE(waitUntil([&] { return closed; }));
    CHECK(pair.server->state() == TlsStream::State::Closed);
    CHECK(pair.server->readAll() == "bye");
    CHECK(pair.server->write("late") == -1);
}

TEST_CASE("a native server stream whose client never speaks stays in the handshake",
          "[tls][native]")
{
    auto context = steward::tls::NativeContext::server(TestPki::identity(TestPki::Entity::ShadowA));
    REQUIRE(context.ok());
    const auto [accepted, connected] = steward::test::tcpPair();
    TlsStream server(accepted, *context);
    bool ended = false;
    QObject::connect(&server, &TlsStream::encrypted, [&] { ended = true; });
    QObject::connect(&server, &TlsStream::handshakeFailed,
                     [&](const steward::Error&) { ended = true; });
    server.startHandshake();
    // The owner's timer decides when to give up (ShadowProxy's handshakeTimeout): nothing ends
    // the stream by itself, and the event loop stays free meanwhile.
    CHECK_FALSE(waitUntil([&] { return ended; }, std::chrono::milliseconds(200)));
    CHECK(server.state() == TlsStream::State::Handshaking);
    server.abort();
    CHECK(steward::test::seesEnd(connected));
    ::close(connected);
}

TEST_CASE("writing TLS records to a connection the peer reset fails with an error, not SIGPIPE",
          "[tls][native]")
{
    auto pair = startStreamPair();
    REQUIRE(waitUntil([&] { return pair.server->isEncrypted() && pair.client->isEncrypted(); }));
    steward::tls::TlsSession session = pair.server->detach();
    { // The peer goes away: its kernel answers the next segment with a reset.
        steward::tls::TlsSession gone = pair.client->detach();
    }
    // The first write reaches the closed peer, the second collects the reset, the third
    // writes to a dead connection: a plain write() would raise SIGPIPE and end this process.
    int result = 1;
    for (int attempt = 0; attempt < 5 && result > 0; ++attempt) {
        result = SSL_write(session.ssl, "x", 1);
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
        result = SSL_write(session.ssl, "x", 1);
    }
    CHECK(result <= 0);
    ERR_clear_error();
}
