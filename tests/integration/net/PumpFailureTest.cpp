// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/net/BytePump.h"
#include "common/tls/TlsConfig.h"

#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TestPki.h"
#include "tests/unit/common/net/SocketPair.h"

#include <QSslServer>
#include <QSslSocket>

#include <optional>

#include <unistd.h>

using steward::net::BytePump;
using steward::test::makeSocketPair;
using steward::test::TestPki;
using steward::test::waitUntil;
namespace tls = steward::tls;

TEST_CASE("a broken TLS stream on one leg closes both legs with a socket error",
          "[integration][net]")
{
    QSslServer server;
    server.setSslConfiguration(
        tls::serverConfiguration(TestPki::identity(TestPki::Entity::Server)));
    REQUIRE(server.listen(QHostAddress::LocalHost, 0));
    QSslSocket peer;
    peer.setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
    peer.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort(),
                                QStringLiteral("localhost"));
    REQUIRE(waitUntil([&] { return peer.isEncrypted() && server.hasPendingConnections(); }));
    auto* tlsSide = qobject_cast<QSslSocket*>(server.nextPendingConnection());
    REQUIRE(tlsSide != nullptr);

    auto plain = makeSocketPair();
    BytePump pump(*tlsSide, *plain.accepted);
    std::optional<BytePump::FinishReason> reason;
    QObject::connect(&pump, &BytePump::finished,
                     [&](BytePump::FinishReason finished) { reason = finished; });
    pump.start();
    QByteArray received;
    QObject::connect(plain.connector.get(), &QIODevice::readyRead,
                     [&] { received += plain.connector->readAll(); });

    peer.write("hello");
    REQUIRE(waitUntil([&] { return received == "hello"; }));
    REQUIRE(
        waitUntil([&] { return peer.bytesToWrite() == 0 && peer.encryptedBytesToWrite() == 0; }));
    // Bytes that are not a TLS record, written under Qt's feet: the pump's TLS side must fail.
    const QByteArray garbage(64, '\x17');
    REQUIRE(::write(int(peer.socketDescriptor()), garbage.constData(), std::size_t(garbage.size()))
            == garbage.size());

    REQUIRE(waitUntil([&] {
        return reason.has_value() && plain.connector->state() == QAbstractSocket::UnconnectedState;
    }));
    CHECK(*reason == BytePump::FinishReason::SocketError);
    CHECK_FALSE(pump.errorString().isEmpty());
    CHECK(received == "hello");
    CHECK(tlsSide->state() == QAbstractSocket::UnconnectedState);
    CHECK(plain.accepted->state() == QAbstractSocket::UnconnectedState);
}
