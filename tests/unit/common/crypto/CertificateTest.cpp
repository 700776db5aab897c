// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/Certificate.h"
#include "common/crypto/CertificateIssuer.h"
#include "tests/support/CatchQt.h"

#include <QCryptographicHash>
#include <QFile>

using steward::ErrorCode;
using steward::crypto::Certificate;
using steward::crypto::CertificateOptions;
using steward::crypto::FingerprintAlgorithm;
using steward::crypto::KeySpec;
using steward::crypto::PrivateKey;
using steward::crypto::SignatureDigest;

namespace {

QByteArray testData(const char* name)
{
    QFile file(QStringLiteral(STEWARD_TEST_DATA_DIR "/crypto/") + QLatin1String(name));
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

Certificate selfSigned(const PrivateKey& key, const QString& name,
                       SignatureDigest digest = SignatureDigest::Default)
{
    CertificateOptions options;
    options.commonName = name;
    options.dnsNames = {QStringLiteral("localhost")};
    options.digest = digest;
    auto cert = steward::crypto::createSelfSignedCertificate(key, options);
    REQUIRE(cert.ok());
    return *cert;
}

} // namespace

TEST_CASE("a certificate round-trips through PEM and DER", "[unit][crypto]")
{
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(key.ok());
    const Certificate cert = selfSigned(*key, QStringLiteral("shadow"));

    CHECK(cert.toPem().startsWith("-----BEGIN CERTIFICATE-----"));
    auto fromPem = Certificate::fromPem(cert.toPem());
    REQUIRE(fromPem.ok());
    CHECK(*fromPem == cert);
    auto fromDer = Certificate::fromDer(cert.toDer());
    REQUIRE(fromDer.ok());
    CHECK(*fromDer == cert);
    CHECK(Certificate::fromPemOrDer(cert.toDer()).ok());
    CHECK(Certificate::fromPemOrDer(cert.toPem()).ok());

    CHECK(cert.subject() == QStringLiteral("CN=shadow"));
    CHECK(cert.issuer() == QStringLiteral("CN=shadow"));
    CHECK(cert.subjectCommonName() == QStringLiteral("shadow"));
    CHECK(cert.issuerCommonName() == QStringLiteral("shadow"));
    CHECK(cert.isSelfSigned());
    CHECK_FALSE(cert.isCa());
    CHECK(cert.keySpec() == KeySpec::ecP256());
    CHECK(cert.matches(*key));
    CHECK_FALSE(cert.matches(PrivateKey::generate(KeySpec::ecP256()).value()));
}

TEST_CASE("fingerprints match an independent digest of the DER", "[unit][crypto]")
{
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(key.ok());
    const Certificate cert = selfSigned(*key, QStringLiteral("fp"));
    const QByteArray der = cert.toDer();
    const QSslCertificate qt = cert.toQSslCertificate();
    REQUIRE_FALSE(qt.isNull());

    const QByteArray sha256 = QCryptographicHash::hash(der, QCryptographicHash::Sha256);
    CHECK(cert.fingerprint(FingerprintAlgorithm::Sha256) == sha256);
    CHECK(cert.fingerprint(FingerprintAlgorithm::Sha256) == qt.digest(QCryptographicHash::Sha256));
    CHECK(cert.fingerprint(FingerprintAlgorithm::Sha1) == qt.digest(QCryptographicHash::Sha1));
    CHECK(cert.fingerprintText(FingerprintAlgorithm::Sha256)
          == QString::fromLatin1(sha256.toHex(':').toUpper()));
    CHECK(cert.fingerprintText(FingerprintAlgorithm::Sha1).size() == 20 * 3 - 1);
    CHECK(qt.subjectInfo(QSslCertificate::CommonName) == QStringList{QStringLiteral("fp")});

    const QSslKey qtKey = key->toQSslKey();
    CHECK_FALSE(qtKey.isNull());
    CHECK(qtKey.algorithm() == QSsl::Ec);
    CHECK(Certificate::fromQSslCertificate(qt).value() == cert);
}

TEST_CASE("signature algorithms are named like Java's", "[unit][crypto]")
{
    auto rsa = PrivateKey::generate(KeySpec::rsa(2048));
    auto ec = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(rsa.ok());
    REQUIRE(ec.ok());
    CHECK(selfSigned(*rsa, QStringLiteral("a")).signatureAlgorithm()
          == QStringLiteral("SHA512withRSA"));
    CHECK(selfSigned(*rsa, QStringLiteral("b"), SignatureDigest::Sha256).signatureAlgorithm()
          == QStringLiteral("SHA256withRSA"));
    CHECK(selfSigned(*ec, QStringLiteral("c")).signatureAlgorithm()
          == QStringLiteral("SHA256withECDSA"));

    auto sha1 = Certificate::fromPem(testData("sha1-rsa-test-only.pem"));
    REQUIRE(sha1.ok());
    CHECK(sha1->signatureAlgorithm() == QStringLiteral("SHA1withRSA"));
    CHECK_FALSE(sha1->isMd5Signed());
    auto md5 = Certificate::fromPem(testData("md5-rsa-test-only.pem"));
    REQUIRE(md5.ok());
    CHECK(md5->signatureAlgorithm() == QStringLiteral("MD5withRSA"));
    CHECK(md5->isMd5Signed());
    CHECK(md5->keySpec().toString() == QStringLiteral("RSA 1024"));
}

TEST_CASE("strict import takes one certificate and refuses chains and MD5", "[unit][crypto]")
{
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(key.ok());
    const Certificate first = selfSigned(*key, QStringLiteral("one"));
    const Certificate second = selfSigned(*key, QStringLiteral("two"));

    CHECK(steward::crypto::countPemCertificates(first.toPem()) == 1);
    REQUIRE(Certificate::importSingle(first.toPem()).ok());
    REQUIRE(Certificate::importSingle(first.toDer()).ok());

    const QByteArray chainPem = first.toPem() + second.toPem();
    CHECK(steward::crypto::countPemCertificates(chainPem) == 2);
    auto chain = Certificate::chainFromPem(chainPem);
    REQUIRE(chain.ok());
    REQUIRE(chain->size() == 2);
    CHECK(chain->at(1).subjectCommonName() == QStringLiteral("two"));
    auto refused = Certificate::importSingle(chainPem);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::ChainNotAllowed);
    CHECK(refused.error().message.contains(QStringLiteral("chain")));

    auto md5 = Certificate::importSingle(testData("md5-rsa-test-only.pem"));
    REQUIRE_FALSE(md5.ok());
    CHECK(md5.error().code == ErrorCode::WeakSignature);
    CHECK(md5.error().message.contains(QStringLiteral("MD5")));
    CHECK(Certificate::importSingle(testData("sha1-rsa-test-only.pem")).ok());
}

TEST_CASE("hostile certificate input gives a clear error", "[unit][crypto]")
{
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(key.ok());
    const Certificate cert = selfSigned(*key, QStringLiteral("x"));
    const QByteArray pem = cert.toPem();
    const QByteArray der = cert.toDer();

    const QList<QByteArray> pemInputs{
        QByteArray(),
        QByteArrayLiteral("garbage"),
        pem.left(pem.size() / 2),
        QByteArray(pem.left(30) + QByteArray(64, '!') + pem.mid(94)),
        QByteArray(pem + pem.left(pem.size() - 40)),
        QByteArrayLiteral("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")};
    for (const QByteArray& input : pemInputs) {
        auto parsed = Certificate::fromPem(input);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == ErrorCode::InvalidCertificate);
        CHECK_FALSE(Certificate::importSingle(input).ok());
    }
    const QList<QByteArray> derInputs{QByteArray(), der.left(der.size() - 1), der.left(10),
                                      QByteArray(der + "x"), QByteArray(512, '\x30')};
    for (const QByteArray& input : derInputs) {
        auto parsed = Certificate::fromDer(input);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == ErrorCode::InvalidCertificate);
        CHECK_FALSE(parsed.error().message.isEmpty());
    }
    // OpenSSL's own reason is carried in the message.
    CHECK(Certificate::fromDer(QByteArray(512, '\x30'))
              .error()
              .message.contains(QStringLiteral("error:")));
    const Certificate null;
    CHECK(null.isNull());
    CHECK(null.toDer().isEmpty());
    CHECK(null.subject().isEmpty());
    CHECK(null.dnsNames().isEmpty());
    CHECK_FALSE(null.matches(*key));
}
