// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/Signature.h"
#include "common/crypto/CertificateIssuer.h"
#include "tests/support/CatchQt.h"

using steward::ErrorCode;
using steward::crypto::KeySpec;
using steward::crypto::PrivateKey;
using steward::crypto::PublicKey;

TEST_CASE("data signed with a key verifies with its public key and certificate", "[unit][crypto]")
{
    const KeySpec spec = GENERATE(KeySpec::rsa(2048), KeySpec::ecP256());
    auto key = PrivateKey::generate(spec);
    REQUIRE(key.ok());
    const QByteArray ticket = QByteArrayLiteral(R"({"session":"s1","device":42,"exp":1790000000})");

    auto signature = steward::crypto::signData(*key, ticket);
    REQUIRE(signature.ok());
    if (spec.algorithm == steward::crypto::KeyAlgorithm::Rsa) {
        CHECK(signature->size() == 256);
        CHECK(steward::crypto::signatureAlgorithmFor(spec) == QStringLiteral("SHA512withRSA"));
    } else {
        CHECK(steward::crypto::signatureAlgorithmFor(spec) == QStringLiteral("SHA256withECDSA"));
    }
    CHECK(steward::crypto::verifySignature(key->publicKey(), ticket, *signature).ok());
    auto fromPem = PublicKey::fromPem(key->publicKey().toPem());
    REQUIRE(fromPem.ok());
    CHECK(steward::crypto::verifySignature(*fromPem, ticket, *signature).ok());

    steward::crypto::CertificateOptions options;
    options.commonName = QStringLiteral("tckey");
    auto cert = steward::crypto::createSelfSignedCertificate(*key, options);
    REQUIRE(cert.ok());
    CHECK(steward::crypto::verifySignature(*cert, ticket, *signature).ok());

    SECTION("tampered data")
    {
        QByteArray tampered = ticket;
        tampered.replace("42", "43");
        auto result = steward::crypto::verifySignature(*cert, tampered, *signature);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::SignatureInvalid);
    }
    SECTION("tampered, truncated or empty signature")
    {
        QByteArray flipped = *signature;
        flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x01);
        for (const QByteArray& bad : {flipped, signature->left(signature->size() - 1), QByteArray(),
                                      QByteArray(5000, 'x')}) {
            auto result = steward::crypto::verifySignature(key->publicKey(), ticket, bad);
            REQUIRE_FALSE(result.ok());
            CHECK(result.error().code == ErrorCode::SignatureInvalid);
        }
    }
    SECTION("another key")
    {
        auto other = PrivateKey::generate(KeySpec::ecP256());
        REQUIRE(other.ok());
        auto result = steward::crypto::verifySignature(other->publicKey(), ticket, *signature);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::SignatureInvalid);
    }
    // A failed verification leaves no error behind for the next, unrelated call.
    CHECK(steward::crypto::verifySignature(key->publicKey(), ticket, *signature).ok());
}

TEST_CASE("signing without a key is an error, not a crash", "[unit][crypto]")
{
    CHECK(steward::crypto::signData(PrivateKey(), "x").error().code == ErrorCode::InvalidArgument);
    CHECK(steward::crypto::verifySignature(PublicKey(), "x", "y").error().code
          == ErrorCode::InvalidArgument);
}
