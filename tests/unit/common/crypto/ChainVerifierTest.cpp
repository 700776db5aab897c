// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/ChainVerifier.h"
#include "common/crypto/CertificateIssuer.h"
#include "tests/support/CatchQt.h"

using steward::ErrorCode;
using steward::crypto::Certificate;
using steward::crypto::CertificateOptions;
using steward::crypto::CertificatePurpose;
using steward::crypto::CertificateRequest;
using steward::crypto::ChainVerifyOptions;
using steward::crypto::KeySpec;
using steward::crypto::PrivateKey;

namespace {

struct Pki {
    PrivateKey caKey;
    Certificate ca;
};

Pki makeCa(const QString& name)
{
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(key.ok());
    CertificateOptions options;
    options.commonName = name;
    options.notBefore = QDateTime::currentDateTimeUtc().addDays(-60);
    auto ca = steward::crypto::createCaCertificate(*key, options);
    REQUIRE(ca.ok());
    return {*key, *ca};
}

Certificate issue(const Pki& pki, CertificateOptions options)
{
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(key.ok());
    auto csr = CertificateRequest::create(*key, QStringLiteral("leaf"));
    REQUIRE(csr.ok());
    auto cert = steward::crypto::issueCertificate(*csr, pki.ca, pki.caKey, options);
    REQUIRE(cert.ok());
    return *cert;
}

} // namespace

TEST_CASE("a chain verifies only against the given CAs, purpose and time", "[unit][crypto]")
{
    const Pki pki = makeCa(QStringLiteral("Steward CA"));
    CertificateOptions options;
    options.serverAuth = true;
    options.dnsNames = {QStringLiteral("localhost")};
    options.ipAddresses = {QHostAddress(QHostAddress::LocalHost)};
    const Certificate server = issue(pki, options);

    SECTION("trusted, with the right purpose, host name and address")
    {
        ChainVerifyOptions verify;
        verify.purpose = CertificatePurpose::TlsServer;
        verify.hostName = QStringLiteral("localhost");
        CHECK(steward::crypto::verifyChain(server, {}, {pki.ca}, verify).ok());
        verify.hostName.clear();
        verify.ipAddress = QHostAddress(QHostAddress::LocalHost);
        CHECK(steward::crypto::verifyChain(server, {}, {pki.ca}, verify).ok());
        CHECK(steward::crypto::verifyChain(pki.ca, {}, {pki.ca}).ok());
    }
    SECTION("a foreign CA")
    {
        const Pki foreign = makeCa(QStringLiteral("Foreign CA"));
        auto result = steward::crypto::verifyChain(server, {}, {foreign.ca});
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::UntrustedCertificate);
        CHECK(result.error().message.contains(QStringLiteral("CN=leaf")));
        CHECK(result.error().message.contains(QStringLiteral("issuer certificate")));
        // The real CA offered as an untrusted intermediate does not help.
        auto offered = steward::crypto::verifyChain(server, {pki.ca}, {foreign.ca});
        REQUIRE_FALSE(offered.ok());
        CHECK(offered.error().code == ErrorCode::UntrustedCertificate);
        CHECK(offered.error().message.contains(QStringLiteral("self-signed")));
        CHECK(steward::crypto::verifyChain(server, {}, {}).error().code
              == ErrorCode::UntrustedCertificate);
    }
    SECTION("the wrong purpose")
    {
        ChainVerifyOptions verify;
        verify.purpose = CertificatePurpose::TlsClient;
        auto result = steward::crypto::verifyChain(server, {}, {pki.ca}, verify);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::UntrustedCertificate);
        CHECK(result.error().message.contains(QStringLiteral("purpose")));
    }
    SECTION("the wrong host name")
    {
        ChainVerifyOptions verify;
        verify.hostName = QStringLiteral("evil.example.org");
        auto result = steward::crypto::verifyChain(server, {}, {pki.ca}, verify);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::UntrustedCertificate);
        CHECK(result.error().message.contains(QStringLiteral("mismatch")));
    }
    SECTION("checked at a moment after it expired")
    {
        ChainVerifyOptions verify;
        verify.at = server.notAfter().addDays(1);
        auto result = steward::crypto::verifyChain(server, {}, {pki.ca}, verify);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::CertificateExpired);
    }
}

TEST_CASE("an expired certificate is reported as expired", "[unit][crypto]")
{
    const Pki pki = makeCa(QStringLiteral("Steward CA"));
    CertificateOptions options;
    options.clientAuth = true;
    options.notBefore = QDateTime::currentDateTimeUtc().addDays(-30);
    options.notAfter = QDateTime::currentDateTimeUtc().addDays(-1);
    const Certificate expired = issue(pki, options);

    ChainVerifyOptions verify;
    verify.purpose = CertificatePurpose::TlsClient;
    auto result = steward::crypto::verifyChain(expired, {}, {pki.ca}, verify);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::CertificateExpired);
    CHECK(result.error().message.contains(QStringLiteral("expired")));

    verify.at = QDateTime::currentDateTimeUtc().addDays(-2);
    CHECK(steward::crypto::verifyChain(expired, {}, {pki.ca}, verify).ok());
}
