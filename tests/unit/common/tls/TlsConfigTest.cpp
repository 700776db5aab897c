// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/TlsConfig.h"

#include "tests/support/CatchQt.h"
#include "tests/support/TestPki.h"

#include <QSslCipher>
#include <QSslSocket>

using steward::test::TestPki;
namespace tls = steward::tls;

namespace {

void checkCommonPolicy(const QSslConfiguration& configuration)
{
    CHECK(configuration.protocol() == QSsl::TlsV1_2OrLater);
    CHECK_FALSE(configuration.testSslOption(QSsl::SslOptionDisableSessionTickets));
    CHECK_FALSE(configuration.testSslOption(QSsl::SslOptionDisableSessionPersistence));
    CHECK_FALSE(configuration.ciphers().isEmpty());
}

} // namespace

TEST_CASE("the optional-client-certificate server queries the peer and trusts only given CAs",
          "[unit][tls]")
{
    const auto identity = TestPki::identity(TestPki::Entity::Server);
    const auto configuration = tls::serverConfiguration(identity, TestPki::testCa());
    checkCommonPolicy(configuration);
    CHECK(configuration.peerVerifyMode() == QSslSocket::QueryPeer);
    CHECK(configuration.localCertificate() == identity.certificate);
    CHECK(configuration.privateKey() == identity.privateKey);
    CHECK(configuration.caCertificates() == TestPki::testCa());

    const auto withoutCas = tls::serverConfiguration(identity);
    CHECK(withoutCas.caCertificates().isEmpty());
}

TEST_CASE("the mutual TLS server verifies the peer against the client CAs only", "[unit][tls]")
{
    const auto identity = TestPki::identity(TestPki::Entity::Server);
    const auto configuration = tls::mutualTlsServerConfiguration(identity, TestPki::testCa());
    checkCommonPolicy(configuration);
    CHECK(configuration.peerVerifyMode() == QSslSocket::VerifyPeer);
    CHECK(configuration.caCertificates() == TestPki::testCa());
    CHECK(configuration.localCertificate() == identity.certificate);
}

TEST_CASE("a server identity with intermediates sends the whole chain", "[unit][tls]")
{
    auto identity = TestPki::identity(TestPki::Entity::Server);
    identity.intermediates = TestPki::testCa();
    const auto configuration = tls::serverConfiguration(identity);
    CHECK(
        configuration.localCertificateChain()
        == QList<QSslCertificate>{identity.certificate, TestPki::certificate(TestPki::Entity::Ca)});
}

TEST_CASE("the client trusts exactly the given CAs and presents a certificate only if given",
          "[unit][tls]")
{
    const auto anonymous = tls::clientConfiguration(TestPki::testCa());
    checkCommonPolicy(anonymous);
    CHECK(anonymous.peerVerifyMode() == QSslSocket::VerifyPeer);
    CHECK(anonymous.caCertificates() == TestPki::testCa());
    CHECK(anonymous.localCertificate().isNull());
    CHECK(anonymous.privateKey().isNull());

    const auto client = TestPki::identity(TestPki::Entity::Client);
    const auto withCertificate = tls::clientConfiguration(TestPki::testCa(), client);
    CHECK(withCertificate.localCertificate() == client.certificate);
    CHECK(withCertificate.privateKey() == client.privateKey);

    // An empty list means "trust nothing", never "fall back to the system store".
    CHECK(tls::clientConfiguration({}).caCertificates().isEmpty());
}

TEST_CASE("the pinned client trusts only the pinned certificate and may ignore only its name",
          "[unit][tls]")
{
    const auto pinned = TestPki::certificate(TestPki::Entity::ShadowA);
    const auto configuration = tls::pinnedClientConfiguration(pinned);
    checkCommonPolicy(configuration);
    CHECK(configuration.peerVerifyMode() == QSslSocket::VerifyPeer);
    CHECK(configuration.caCertificates() == QList<QSslCertificate>{pinned});

    const auto ignorable = tls::pinnedPeerIgnorableErrors(pinned);
    REQUIRE(ignorable.size() == 1);
    CHECK(ignorable.first().error() == QSslError::HostNameMismatch);
    CHECK(ignorable.first().certificate() == pinned);
}
