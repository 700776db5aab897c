// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/Pkcs12.h"
#include "common/crypto/CertificateIssuer.h"
#include "tests/support/CatchQt.h"

#include <QBuffer>

using steward::ErrorCode;
using steward::crypto::Certificate;
using steward::crypto::CertificateOptions;
using steward::crypto::CertificateRequest;
using steward::crypto::KeySpec;
using steward::crypto::PrivateKey;

namespace {

struct Bundle {
    PrivateKey key;
    Certificate cert;
    Certificate ca;
};

Bundle makeBundle()
{
    auto caKey = PrivateKey::generate(KeySpec::ecP256());
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(caKey.ok());
    REQUIRE(key.ok());
    CertificateOptions options;
    options.commonName = QStringLiteral("p12 CA");
    auto ca = steward::crypto::createCaCertificate(*caKey, options);
    REQUIRE(ca.ok());
    auto csr = CertificateRequest::create(*key, QStringLiteral("web"));
    REQUIRE(csr.ok());
    options.commonName.clear();
    options.serverAuth = true;
    auto cert = steward::crypto::issueCertificate(*csr, *ca, *caKey, options);
    REQUIRE(cert.ok());
    return {*key, *cert, *ca};
}

} // namespace

TEST_CASE("a PKCS#12 bundle round-trips with AES-256 and its password", "[unit][crypto]")
{
    const Bundle bundle = makeBundle();
    auto p12 = steward::crypto::exportPkcs12(bundle.cert, bundle.key, {bundle.ca},
                                             QStringLiteral("s3cret"), QStringLiteral("web"));
    REQUIRE(p12.ok());
    // aes-256-cbc (2.16.840.1.101.3.4.1.42) is there; RC2-CBC and pbeWithSHA1And3-KeyTripleDES
    // are not.
    CHECK(p12->contains(QByteArray::fromHex("060960864801650304012a")));
    CHECK_FALSE(p12->contains(QByteArray::fromHex("06082a864886f70d0302")));
    CHECK_FALSE(p12->contains(QByteArray::fromHex("060a2a864886f70d010c0103")));

    auto back = steward::crypto::importPkcs12(*p12, QStringLiteral("s3cret"));
    REQUIRE(back.ok());
    CHECK(back->certificate == bundle.cert);
    CHECK(back->certificate.matches(back->key));
    REQUIRE(back->chain.size() == 1);
    CHECK(back->chain.first() == bundle.ca);

    // Qt's own reader (its OpenSSL backend) accepts the file too.
    QBuffer device;
    device.setData(*p12);
    REQUIRE(device.open(QIODevice::ReadOnly));
    QSslKey qtKey;
    QSslCertificate qtCert;
    CHECK(QSslCertificate::importPkcs12(&device, &qtKey, &qtCert, nullptr, "s3cret"));
    CHECK(qtCert == bundle.cert.toQSslCertificate());
}

TEST_CASE("a PKCS#12 bundle refuses a wrong password, garbage and a missing password",
          "[unit][crypto]")
{
    const Bundle bundle = makeBundle();
    auto p12 = steward::crypto::exportPkcs12(bundle.cert, bundle.key, {}, QStringLiteral("right"));
    REQUIRE(p12.ok());

    auto wrong = steward::crypto::importPkcs12(*p12, QStringLiteral("wrong"));
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == ErrorCode::BadPassword);
    CHECK(wrong.error().message.contains(QStringLiteral("password")));

    for (const QByteArray& input : {QByteArray(), QByteArrayLiteral("garbage"), p12->left(100),
                                    p12->left(p12->size() - 1), QByteArray(300, '\x30')}) {
        auto bad = steward::crypto::importPkcs12(input, QStringLiteral("right"));
        REQUIRE_FALSE(bad.ok());
        CHECK((bad.error().code == ErrorCode::InvalidValue
               || bad.error().code == ErrorCode::BadPassword));
        CHECK_FALSE(bad.error().message.isEmpty());
    }
    CHECK(steward::crypto::exportPkcs12(bundle.cert, bundle.key, {}, QString()).error().code
          == ErrorCode::InvalidArgument);
    auto otherKey = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(otherKey.ok());
    CHECK(
        steward::crypto::exportPkcs12(bundle.cert, *otherKey, {}, QStringLiteral("x")).error().code
        == ErrorCode::KeyMismatch);
}

TEST_CASE("a PKCS#12 file asking for a huge MAC iteration count is refused at once",
          "[unit][crypto]")
{
    const Bundle bundle = makeBundle();
    auto p12 = steward::crypto::exportPkcs12(bundle.cert, bundle.key, {}, QStringLiteral("pw"));
    REQUIRE(p12.ok());
    // PFX ::= SEQUENCE { version, authSafe, macData SEQUENCE { DigestInfo, salt, iterations } }
    // with iterations last: rewrite INTEGER 10000 as 2^31-1 and fix the two enclosing lengths.
    QByteArray der = *p12;
    REQUIRE(der.endsWith(QByteArray::fromHex("02022710")));
    REQUIRE(der.startsWith(QByteArray::fromHex("3082")));
    const qsizetype digestInfo =
        der.lastIndexOf(QByteArray::fromHex("3031300d0609608648016503040201"));
    REQUIRE(digestInfo > 2);
    REQUIRE(der.at(digestInfo - 2) == '\x30');
    der.chop(4);
    der.append(QByteArray::fromHex("02047fffffff"));
    der[digestInfo - 1] = char(der.at(digestInfo - 1) + 2);
    const int outer = ((quint8(der.at(2)) << 8) | quint8(der.at(3))) + 2;
    der[2] = char(outer >> 8);
    der[3] = char(outer & 0xff);

    auto result = steward::crypto::importPkcs12(der, QStringLiteral("pw"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::InvalidValue);
    CHECK(result.error().message.contains(QStringLiteral("iteration")));
}
