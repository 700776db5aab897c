// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/TlsConfig.h"

#include "tests/integration/tls/TlsTestServer.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TestPki.h"

#include <QSslSocket>

using steward::test::TestPki;
using steward::test::TlsTestServer;
using steward::test::waitUntil;
using Entity = TestPki::Entity;
namespace tls = steward::tls;

namespace {

bool isClosed(const QAbstractSocket& socket)
{
    return socket.state() == QAbstractSocket::UnconnectedState;
}

// The client writes right after connecting: QSslSocket holds the bytes until the handshake
// completes, so they reach the server's application only through an accepted handshake.
void connectAndSend(QSslSocket& client, const TlsTestServer& server)
{
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.port());
    client.write("application data");
}

} // namespace

TEST_CASE("mutual TLS accepts a client certificate issued by the test CA", "[integration][tls]")
{
    TlsTestServer server(
        tls::mutualTlsServerConfiguration(TestPki::identity(Entity::Server), TestPki::testCa()));
    QSslSocket client;
    client.setSslConfiguration(
        tls::clientConfiguration(TestPki::testCa(), TestPki::identity(Entity::Client)));
    connectAndSend(client, server);

    REQUIRE(waitUntil([&] { return server.received() == "application data"; }));
    CHECK(client.isEncrypted());
    CHECK(client.sslHandshakeErrors().isEmpty());
    CHECK(server.sslErrors().isEmpty());
    CHECK(server.firstPeerCertificate() == TestPki::certificate(Entity::Client));
    CHECK(client.sessionProtocol() >= QSsl::TlsV1_2);
}

TEST_CASE("mutual TLS refuses a client without a certificate before any data flows",
          "[integration][tls]")
{
    TlsTestServer server(
        tls::mutualTlsServerConfiguration(TestPki::identity(Entity::Server), TestPki::testCa()));
    QSslSocket client;
    client.setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
    connectAndSend(client, server);

    REQUIRE(waitUntil([&] { return isClosed(client) && !server.sslErrors().isEmpty(); }));
    CHECK(server.sslErrors().contains(QSslError(QSslError::NoPeerCertificate)));
    CHECK(server.handshakeErrors().contains(QAbstractSocket::SslHandshakeFailedError));
    CHECK(server.acceptedConnections() == 0);
    CHECK(server.received().isEmpty());
}

TEST_CASE("mutual TLS refuses a client certificate from a foreign CA before any data flows",
          "[integration][tls]")
{
    TlsTestServer server(
        tls::mutualTlsServerConfiguration(TestPki::identity(Entity::Server), TestPki::testCa()));
    QSslSocket client;
    client.setSslConfiguration(
        tls::clientConfiguration(TestPki::testCa(), TestPki::identity(Entity::ForeignClient)));
    connectAndSend(client, server);

    REQUIRE(waitUntil([&] { return isClosed(client) && !server.sslErrors().isEmpty(); }));
    const auto foreign = TestPki::certificate(Entity::ForeignClient);
    CHECK(server.sslErrors().contains(
        QSslError(QSslError::UnableToGetLocalIssuerCertificate, foreign)));
    CHECK(server.acceptedConnections() == 0);
    CHECK(server.received().isEmpty());
}

TEST_CASE("a server that queries the peer accepts clients with and without a certificate",
          "[integration][tls]")
{
    TlsTestServer server(
        tls::serverConfiguration(TestPki::identity(Entity::Server), TestPki::testCa()));
    const bool presentCertificate = GENERATE(false, true);
    QSslSocket client;
    client.setSslConfiguration(presentCertificate ? tls::clientConfiguration(
                                   TestPki::testCa(), TestPki::identity(Entity::Client))
                                                  : tls::clientConfiguration(TestPki::testCa()));
    connectAndSend(client, server);

    REQUIRE(waitUntil([&] { return server.received() == "application data"; }));
    // With QueryPeer the application decides; it sees exactly what the client presented.
    CHECK(server.firstPeerCertificate()
          == (presentCertificate ? TestPki::certificate(Entity::Client) : QSslCertificate()));
}

TEST_CASE("a client trusting only the test CA refuses a server certificate from elsewhere",
          "[integration][tls]")
{
    const auto [serverEntity, expectedError] =
        GENERATE(std::pair{Entity::ForeignServer, QSslError::UnableToGetLocalIssuerCertificate},
                 std::pair{Entity::ShadowA, QSslError::SelfSignedCertificate});
    TlsTestServer server(tls::serverConfiguration(TestPki::identity(serverEntity)));
    QSslSocket client;
    client.setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
    QList<QSslError> clientErrors;
    QObject::connect(&client, &QSslSocket::sslErrors,
                     [&](const QList<QSslError>& errors) { clientErrors += errors; });
    connectAndSend(client, server);

    REQUIRE(waitUntil([&] { return isClosed(client); }));
    CHECK(clientErrors.contains(QSslError(expectedError, TestPki::certificate(serverEntity))));
    CHECK(client.error() == QAbstractSocket::SslHandshakeFailedError);
    CHECK_FALSE(client.isEncrypted());
    CHECK(server.received().isEmpty());
}
