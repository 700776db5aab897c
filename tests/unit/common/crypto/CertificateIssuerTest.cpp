// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/CertificateIssuer.h"
#include "tests/support/CatchQt.h"

#include <QSslCertificateExtension>

using steward::ErrorCode;
using steward::crypto::Certificate;
using steward::crypto::CertificateOptions;
using steward::crypto::CertificateRequest;
using steward::crypto::KeySpec;
using steward::crypto::PrivateKey;

namespace {

struct Ca {
    PrivateKey key;
    Certificate cert;
};

Ca makeCa(const KeySpec& spec)
{
    auto key = PrivateKey::generate(spec);
    REQUIRE(key.ok());
    CertificateOptions options;
    options.commonName = QStringLiteral("Steward Test CA");
    options.validity = std::chrono::hours(24 * 3650);
    auto cert = steward::crypto::createCaCertificate(*key, options);
    REQUIRE(cert.ok());
    return {*key, *cert};
}

QVariant qtExtension(const Certificate& cert, const QString& name)
{
    const auto extensions = cert.toQSslCertificate().extensions();
    for (const QSslCertificateExtension& extension : extensions) {
        if (extension.name() == name) {
            return extension.value();
        }
    }
    return {};
}

} // namespace

TEST_CASE("a CA certificate is marked CA:TRUE and signs with SHA-512", "[unit][crypto]")
{
    const Ca ca = makeCa(KeySpec::rsa(2048));
    CHECK(ca.cert.isCa());
    CHECK(ca.cert.isSelfSigned());
    CHECK(ca.cert.subjectCommonName() == QStringLiteral("Steward Test CA"));
    CHECK(ca.cert.signatureAlgorithm() == QStringLiteral("SHA512withRSA"));
    CHECK(ca.cert.notBefore().secsTo(ca.cert.notAfter()) == 3650LL * 24 * 3600);
    CHECK(ca.cert.notBefore() <= QDateTime::currentDateTimeUtc());
    // Read by Qt independently of our parser.
    CHECK(
        qtExtension(ca.cert, QStringLiteral("basicConstraints")).toMap().value(QStringLiteral("ca"))
        == QVariant(true));
    CHECK(qtExtension(ca.cert, QStringLiteral("keyUsage"))
              .toStringList()
              .contains(QStringLiteral("Certificate Sign")));
    CHECK(qtExtension(ca.cert, QStringLiteral("subjectKeyIdentifier")).isValid());
}

TEST_CASE("a CSR carries its subject and SANs and its self-signature is checked", "[unit][crypto]")
{
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(key.ok());
    auto csr = CertificateRequest::create(
        *key, QStringLiteral("device-0001"), {QStringLiteral("kiosk-1.example.org")},
        {QHostAddress(QStringLiteral("192.0.2.7")), QHostAddress(QStringLiteral("2001:db8::7"))});
    REQUIRE(csr.ok());
    CHECK(csr->toPem().startsWith("-----BEGIN CERTIFICATE REQUEST-----"));

    auto parsed = CertificateRequest::fromPem(csr->toPem());
    REQUIRE(parsed.ok());
    CHECK(parsed->commonName() == QStringLiteral("device-0001"));
    CHECK(parsed->subject() == QStringLiteral("CN=device-0001"));
    CHECK(parsed->dnsNames() == QStringList{QStringLiteral("kiosk-1.example.org")});
    CHECK(parsed->ipAddresses()
          == QList<QHostAddress>{QHostAddress(QStringLiteral("192.0.2.7")),
                                 QHostAddress(QStringLiteral("2001:db8::7"))});
    CHECK(parsed->publicKey().equals(key->publicKey()));
    CHECK(parsed->keySpec() == KeySpec::ecP256());
    CHECK(CertificateRequest::fromDer(csr->toDer()).ok());

    QByteArray tampered = csr->toDer();
    const qsizetype at = tampered.indexOf("device-0001");
    REQUIRE(at > 0);
    tampered[at] = 'D';
    auto forged = CertificateRequest::fromDer(tampered);
    REQUIRE_FALSE(forged.ok());
    CHECK(forged.error().code == ErrorCode::SignatureInvalid);

    for (const QByteArray& input :
         {QByteArray(), QByteArrayLiteral("junk"), csr->toDer().left(50), csr->toPem().left(120)}) {
        auto bad = CertificateRequest::fromPem(input);
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error().code == ErrorCode::InvalidCertificate);
    }
    CHECK_FALSE(CertificateRequest::create(*key, QString()).ok());
    CHECK(CertificateRequest::create(*key, QStringLiteral("x"), {QStringLiteral("bad name,")})
              .error()
              .code
          == ErrorCode::InvalidArgument);
}

TEST_CASE("a CA issues an end-entity certificate from a CSR", "[unit][crypto]")
{
    const Ca ca = makeCa(KeySpec::rsa(2048));
    auto deviceKey = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(deviceKey.ok());
    auto csr = CertificateRequest::create(*deviceKey, QStringLiteral("asked-for"),
                                          {QStringLiteral("not-granted.example.org")});
    REQUIRE(csr.ok());

    CertificateOptions options;
    options.dnsNames = {QStringLiteral("localhost"), QStringLiteral("server.example.org")};
    options.ipAddresses = {QHostAddress(QHostAddress::LocalHost),
                           QHostAddress(QHostAddress::LocalHostIPv6)};
    options.serverAuth = true;
    options.notBefore = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    options.notAfter = QDateTime(QDate(2060, 6, 30), QTime(12, 0), Qt::UTC);
    auto cert = steward::crypto::issueCertificate(*csr, ca.cert, ca.key, options);
    REQUIRE(cert.ok());

    CHECK(cert->subjectCommonName() == QStringLiteral("asked-for"));
    CHECK(cert->issuerCommonName() == QStringLiteral("Steward Test CA"));
    CHECK_FALSE(cert->isCa());
    CHECK_FALSE(cert->isSelfSigned());
    CHECK(cert->matches(*deviceKey));
    CHECK(cert->dnsNames() == options.dnsNames);
    CHECK(cert->ipAddresses() == options.ipAddresses);
    CHECK(cert->notBefore() == options.notBefore);
    CHECK(cert->notAfter() == options.notAfter);
    CHECK(cert->signatureAlgorithm() == QStringLiteral("SHA512withRSA"));
    CHECK(cert->serialNumber().size() == 32);
    CHECK(qtExtension(*cert, QStringLiteral("authorityKeyIdentifier")).isValid());
    CHECK(qtExtension(*cert, QStringLiteral("keyUsage")).toStringList()
          == QStringList{QStringLiteral("Digital Signature")});
    CHECK(qtExtension(*cert, QStringLiteral("extendedKeyUsage")).toStringList()
          == QStringList{QStringLiteral("TLS Web Server Authentication")});
    CHECK(qtExtension(*cert, QStringLiteral("basicConstraints")).toMap().value(QStringLiteral("ca"))
          == QVariant(false));
    CHECK(cert->isValidAt(QDateTime(QDate(2040, 1, 1), QTime(0, 0), Qt::UTC)));
    CHECK_FALSE(cert->isValidAt(QDateTime(QDate(2025, 12, 31), QTime(0, 0), Qt::UTC)));
    CHECK_FALSE(cert->isValidAt(QDateTime(QDate(2061, 1, 1), QTime(0, 0), Qt::UTC)));
    QStringList qtNames =
        cert->toQSslCertificate().subjectAlternativeNames().values(QSsl::DnsEntry);
    qtNames.sort();
    CHECK(qtNames == options.dnsNames);

    options.commonName = QStringLiteral("device-42");
    options.dnsNames.clear();
    options.ipAddresses.clear();
    auto renamed = steward::crypto::issueCertificate(*csr, ca.cert, ca.key, options);
    REQUIRE(renamed.ok());
    CHECK(renamed->subject() == QStringLiteral("CN=device-42"));
    CHECK(renamed->dnsNames().isEmpty());
    CHECK(renamed->serialNumber() != cert->serialNumber());
}

TEST_CASE("an RSA end-entity certificate may encipher keys and serve both purposes",
          "[unit][crypto]")
{
    auto key = PrivateKey::generate(KeySpec::rsa(2048));
    REQUIRE(key.ok());
    CertificateOptions options;
    options.commonName = QStringLiteral("shadow");
    options.serverAuth = true;
    options.clientAuth = true;
    options.validity = std::chrono::hours(24);
    options.digest = steward::crypto::SignatureDigest::Sha256;
    auto cert = steward::crypto::createSelfSignedCertificate(*key, options);
    REQUIRE(cert.ok());
    CHECK(cert->signatureAlgorithm() == QStringLiteral("SHA256withRSA"));
    CHECK(cert->isValidAt());
    CHECK(cert->notBefore().secsTo(cert->notAfter()) == 24 * 3600);
    CHECK(qtExtension(*cert, QStringLiteral("keyUsage")).toStringList()
          == QStringList{QStringLiteral("Digital Signature"), QStringLiteral("Key Encipherment")});
    CHECK(qtExtension(*cert, QStringLiteral("extendedKeyUsage")).toStringList()
          == QStringList{QStringLiteral("TLS Web Server Authentication"),
                         QStringLiteral("TLS Web Client Authentication")});
}

TEST_CASE("issuing refuses a non-CA issuer, a foreign key and an empty validity", "[unit][crypto]")
{
    const Ca ca = makeCa(KeySpec::ecP256());
    CHECK(ca.cert.signatureAlgorithm() == QStringLiteral("SHA256withECDSA"));
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(key.ok());
    auto csr = CertificateRequest::create(*key, QStringLiteral("d"));
    REQUIRE(csr.ok());
    CertificateOptions options;
    options.clientAuth = true;

    auto leaf = steward::crypto::issueCertificate(*csr, ca.cert, ca.key, options);
    REQUIRE(leaf.ok());
    auto notCa = steward::crypto::issueCertificate(*csr, *leaf, *key, options);
    REQUIRE_FALSE(notCa.ok());
    CHECK(notCa.error().code == ErrorCode::InvalidCertificate);
    auto foreign = steward::crypto::issueCertificate(*csr, ca.cert, *key, options);
    REQUIRE_FALSE(foreign.ok());
    CHECK(foreign.error().code == ErrorCode::KeyMismatch);

    options.notBefore = QDateTime::currentDateTimeUtc();
    options.notAfter = options.notBefore.addSecs(-1);
    auto backwards = steward::crypto::issueCertificate(*csr, ca.cert, ca.key, options);
    REQUIRE_FALSE(backwards.ok());
    CHECK(backwards.error().code == ErrorCode::InvalidArgument);
    CHECK(steward::crypto::createCaCertificate(ca.key, CertificateOptions{}).error().code
          == ErrorCode::InvalidArgument);
}
