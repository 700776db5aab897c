// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/PassphraseCipher.h"
#include "common/crypto/Pkcs12.h"
#include "tests/support/CatchQt.h"

#include <QRandomGenerator>

#include <functional>

using steward::crypto::Certificate;
using steward::crypto::CertificateOptions;
using steward::crypto::CertificateRequest;
using steward::crypto::KeySpec;
using steward::crypto::PrivateKey;
using steward::crypto::PublicKey;

namespace {

// Flips, truncates or extends a valid input; a fixed seed keeps failures reproducible.
QByteArray mutate(const QByteArray& input, QRandomGenerator& random)
{
    QByteArray out = input;
    switch (random.bounded(4)) {
    case 0:
        out.truncate(random.bounded(int(out.size())));
        break;
    case 1:
        for (int i = 0; i < 1 + random.bounded(4); ++i) {
            const qsizetype at = random.bounded(int(out.size()));
            out[at] = char(out[at] ^ (1 << random.bounded(8)));
        }
        break;
    case 2:
        out.insert(random.bounded(int(out.size())), QByteArray(1 + random.bounded(64), '\xff'));
        break;
    default:
        out[random.bounded(int(out.size()))] = char(random.bounded(256));
        break;
    }
    return out;
}

// Every mutated input must come back as a value or an Error with a message; never a crash.
int fuzz(const QByteArray& valid, int rounds, const std::function<bool(const QByteArray&)>& parse)
{
    QRandomGenerator random(20260101);
    int refused = 0;
    for (int i = 0; i < rounds; ++i) {
        QByteArray input = mutate(valid, random);
        while (input == valid) { // a byte set to its own value, a bit flipped twice
            input = mutate(valid, random);
        }
        if (!parse(input)) {
            ++refused;
        }
    }
    return refused;
}

template <typename T> bool accepted(const steward::Result<T>& result)
{
    if (!result.ok()) {
        CHECK_FALSE(result.error().message.isEmpty());
    }
    return result.ok();
}

} // namespace

TEST_CASE("mutated certificates, CSRs and keys are refused without crashing", "[unit][crypto]")
{
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(key.ok());
    CertificateOptions options;
    options.commonName = QStringLiteral("fuzz");
    options.dnsNames = {QStringLiteral("localhost")};
    options.ipAddresses = {QHostAddress(QHostAddress::LocalHost)};
    auto cert = steward::crypto::createSelfSignedCertificate(*key, options);
    REQUIRE(cert.ok());
    auto csr = CertificateRequest::create(*key, QStringLiteral("fuzz"), options.dnsNames);
    REQUIRE(csr.ok());

    CHECK(
        fuzz(cert->toDer(), 300,
             [](const QByteArray& data) {
                 auto parsed = Certificate::fromDer(data);
                 if (parsed.ok()) { // a flipped signature bit still parses; reading must not crash
                     (void)parsed->dnsNames();
                     (void)parsed->ipAddresses();
                     (void)parsed->signatureAlgorithm();
                     (void)parsed->subject();
                     (void)parsed->keySpec();
                 }
                 return accepted(parsed);
             })
        > 150);
    CHECK(fuzz(cert->toPem(), 200,
               [](const QByteArray& data) { return accepted(Certificate::importSingle(data)); })
          > 100);
    CHECK(fuzz(csr->toDer(), 300,
               [](const QByteArray& data) { return accepted(CertificateRequest::fromDer(data)); })
          > 250);
    CHECK(fuzz(key->toPem().value(), 200,
               [](const QByteArray& data) { return accepted(PrivateKey::fromPem(data)); })
          > 100);
    CHECK(fuzz(key->toPem(QStringLiteral("pw")).value(), 30,
               [](const QByteArray& data) {
                   return accepted(PrivateKey::fromPem(data, QStringLiteral("pw")));
               })
          > 15);
    CHECK(fuzz(key->publicKey().toPem(), 200,
               [](const QByteArray& data) { return accepted(PublicKey::fromPem(data)); })
          > 100);
}

TEST_CASE("mutated PKCS#12 files and encrypted blobs are refused without crashing",
          "[unit][crypto]")
{
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(key.ok());
    CertificateOptions options;
    options.commonName = QStringLiteral("fuzz");
    auto cert = steward::crypto::createSelfSignedCertificate(*key, options);
    REQUIRE(cert.ok());
    auto p12 = steward::crypto::exportPkcs12(*cert, *key, {}, QStringLiteral("pw"));
    REQUIRE(p12.ok());
    CHECK(fuzz(*p12, 60,
               [](const QByteArray& data) {
                   return accepted(steward::crypto::importPkcs12(data, QStringLiteral("pw")));
               })
          == 60);

    auto sealed = steward::crypto::encryptWithPassphrase(QByteArrayLiteral("payload"),
                                                         QStringLiteral("pw"), 1000);
    REQUIRE(sealed.ok());
    // The iteration count stays intact: a mutated one may legitimately ask for 10 M rounds.
    CHECK(fuzz(sealed->mid(12), 200,
               [&](const QByteArray& tail) {
                   return accepted(steward::crypto::decryptWithPassphrase(sealed->left(12) + tail,
                                                                          QStringLiteral("pw")));
               })
          == 200);
}
