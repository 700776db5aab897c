// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/Fingerprint.h"
#include "common/tls/PeerPinning.h"
#include "common/tls/TlsConfig.h"

#include "tests/integration/tls/TlsTestServer.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TestPki.h"

#include <QSslSocket>

using steward::ErrorCode;
using steward::test::TestPki;
using steward::test::TlsTestServer;
using steward::test::waitUntil;
using Entity = TestPki::Entity;
namespace tls = steward::tls;

namespace {

struct PinnedClient {
    QSslSocket socket;
    tls::PeerPinning* pinning = nullptr;
    int verifiedCount = 0;
    QList<steward::Error> rejections;

    PinnedClient(const QSslCertificate& pinned, quint16 port, const QString& peerName)
    {
        pinning = tls::PeerPinning::apply(socket, pinned);
        QObject::connect(pinning, &tls::PeerPinning::verified, [this] {
            ++verifiedCount;
            socket.write("TICKET"); // the ticket leaves only after verification
        });
        QObject::connect(pinning, &tls::PeerPinning::rejected,
                         [this](const steward::Error& error) { rejections += error; });
        socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port, peerName);
    }
};

} // namespace

TEST_CASE("a pinned client accepts exactly the pinned certificate under any host name",
          "[integration][tls]")
{
    TlsTestServer agent(tls::serverConfiguration(TestPki::identity(Entity::ShadowA)));
    // 127.0.0.1 is in the certificate; agent-42.invalid is not, and must not matter.
    const QString peerName =
        GENERATE(QStringLiteral("127.0.0.1"), QStringLiteral("agent-42.invalid"));
    PinnedClient console(TestPki::certificate(Entity::ShadowA), agent.port(), peerName);

    REQUIRE(waitUntil([&] { return agent.received() == "TICKET"; }));
    CHECK(console.verifiedCount == 1);
    CHECK(console.rejections.isEmpty());
    CHECK(console.pinning->isVerified());
    CHECK(tls::sha256Fingerprint(console.socket.peerCertificate())
          == tls::sha256Fingerprint(TestPki::certificate(Entity::ShadowA)));
}

TEST_CASE("a pinned client refuses another certificate and never sends the ticket",
          "[integration][tls]")
{
    // Another self-signed shadow certificate, or a certificate from a CA with valid names.
    const auto presented = GENERATE(Entity::ShadowB, Entity::Server);
    TlsTestServer agent(tls::serverConfiguration(TestPki::identity(presented)));
    PinnedClient console(TestPki::certificate(Entity::ShadowA), agent.port(),
                         QStringLiteral("127.0.0.1"));

    REQUIRE(waitUntil([&] {
        return !console.rejections.isEmpty()
               && console.socket.state() == QAbstractSocket::UnconnectedState;
    }));
    REQUIRE(console.rejections.size() == 1);
    CHECK(console.rejections.first().code == ErrorCode::PeerCertificateMismatch);
    CHECK(console.rejections.first().message.contains(
        tls::sha256Fingerprint(TestPki::certificate(presented))));
    CHECK(console.pinning->failure().has_value());
    CHECK(console.verifiedCount == 0);
    CHECK_FALSE(console.socket.isEncrypted());
    CHECK(agent.acceptedConnections() == 0);
    CHECK(agent.received().isEmpty());
    // Qt refused the handshake itself: the different certificate is not a trust anchor.
    CHECK(console.socket.sslHandshakeErrors().contains(
              QSslError(QSslError::SelfSignedCertificate, TestPki::certificate(Entity::ShadowB)))
          == (presented == Entity::ShadowB));
}

TEST_CASE("a pinned client reports a refused connection as a connection failure",
          "[integration][tls]")
{
    quint16 closedPort = 0;
    {
        TlsTestServer gone(tls::serverConfiguration(TestPki::identity(Entity::ShadowA)));
        closedPort = gone.port();
    }
    PinnedClient console(TestPki::certificate(Entity::ShadowA), closedPort,
                         QStringLiteral("127.0.0.1"));
    REQUIRE(waitUntil([&] { return !console.rejections.isEmpty(); }));
    CHECK(console.rejections.first().code == ErrorCode::ConnectionFailed);
    CHECK(console.verifiedCount == 0);
}
