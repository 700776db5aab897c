// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/PrivateKey.h"
#include "tests/support/CatchQt.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <sys/stat.h>

using steward::ErrorCode;
using steward::crypto::KeyAlgorithm;
using steward::crypto::KeySpec;
using steward::crypto::PrivateKey;
using steward::crypto::PublicKey;

namespace {

mode_t fileMode(const QString& path)
{
    struct stat info {};
    REQUIRE(::stat(QFile::encodeName(path).constData(), &info) == 0);
    return info.st_mode & 0777;
}

} // namespace

TEST_CASE("the default key is RSA 4096", "[unit][crypto]")
{
    CHECK(KeySpec{} == KeySpec::rsa(4096));
    auto key = PrivateKey::generate();
    REQUIRE(key.ok());
    CHECK(key->spec() == KeySpec::rsa(4096));
    CHECK(key->spec().toString() == QStringLiteral("RSA 4096"));
}

TEST_CASE("an EC P-256 key round-trips through unencrypted PKCS#8 PEM", "[unit][crypto]")
{
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(key.ok());
    CHECK(key->spec().toString() == QStringLiteral("EC P-256"));

    auto pem = key->toPem();
    REQUIRE(pem.ok());
    CHECK(pem->startsWith("-----BEGIN PRIVATE KEY-----"));
    auto back = PrivateKey::fromPem(*pem);
    REQUIRE(back.ok());
    CHECK(back->spec() == KeySpec::ecP256());
    CHECK(back->publicKey().equals(key->publicKey()));

    const QByteArray publicPem = key->publicKey().toPem();
    CHECK(publicPem.startsWith("-----BEGIN PUBLIC KEY-----"));
    CHECK_FALSE(publicPem.contains("PRIVATE"));
    auto pub = PublicKey::fromPem(publicPem);
    REQUIRE(pub.ok());
    CHECK(pub->equals(key->publicKey()));
    CHECK(pub->spec() == KeySpec::ecP256());
}

TEST_CASE("an encrypted key uses AES-256 and needs the right passphrase", "[unit][crypto]")
{
    auto key = PrivateKey::generate(KeySpec::rsa(2048));
    REQUIRE(key.ok());
    CHECK(key->spec().toString() == QStringLiteral("RSA 2048"));
    auto pem = key->toPem(QStringLiteral("correct horse"));
    REQUIRE(pem.ok());
    CHECK(pem->startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

    // DER of OID 2.16.840.1.101.3.4.1.42 (aes-256-cbc) inside the PBES2 parameters.
    const QByteArray body =
        QByteArray::fromBase64(pem->split('\n').mid(1, pem->count('\n') - 2).join());
    CHECK(body.contains(QByteArray::fromHex("060960864801650304012a")));
    // PBKDF2 (1.2.840.113549.1.5.12) with hmacWithSHA256 and INTEGER 100000 iterations.
    CHECK(body.contains(QByteArray::fromHex("06092a864886f70d01050c")));
    CHECK(body.contains(QByteArray::fromHex("06082a864886f70d0209")));
    CHECK(body.contains(QByteArray::fromHex("02030186a0")));

    auto back = PrivateKey::fromPem(*pem, QStringLiteral("correct horse"));
    REQUIRE(back.ok());
    CHECK(back->publicKey().equals(key->publicKey()));

    auto wrong = PrivateKey::fromPem(*pem, QStringLiteral("wrong horse"));
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == ErrorCode::BadPassword);
    CHECK(wrong.error().message.contains(QStringLiteral("passphrase")));

    auto missing = PrivateKey::fromPem(*pem);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::BadPassword);
}

TEST_CASE("a key file is created with mode 0600 and reads back", "[unit][crypto]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("agent.key"));
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(key.ok());

    SECTION("plain")
    {
        REQUIRE(key->writeFile(path).ok());
        CHECK(fileMode(path) == 0600);
        CHECK(QFile::permissions(path)
              == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
                  | QFileDevice::WriteUser));
        auto back = PrivateKey::readFile(path);
        REQUIRE(back.ok());
        CHECK(back->publicKey().equals(key->publicKey()));
    }
    SECTION("replacing a world-readable file leaves 0600 and no temporary files")
    {
        QFile old(path);
        REQUIRE(old.open(QIODevice::WriteOnly));
        old.write("old");
        old.close();
        REQUIRE(::chmod(QFile::encodeName(path).constData(), 0644) == 0);
        REQUIRE(key->writeFile(path, QStringLiteral("pass")).ok());
        CHECK(fileMode(path) == 0600);
        CHECK(QDir(dir.path()).entryList(QDir::Files) == QStringList{QStringLiteral("agent.key")});

        auto wrong = PrivateKey::readFile(path, QStringLiteral("nope"));
        REQUIRE_FALSE(wrong.ok());
        CHECK(wrong.error().code == ErrorCode::BadPassword);
        CHECK(wrong.error().message.contains(path));
        CHECK(PrivateKey::readFile(path, QStringLiteral("pass")).ok());
    }
    SECTION("a missing file is FileNotFound")
    {
        auto missing = PrivateKey::readFile(dir.filePath(QStringLiteral("none.key")));
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.error().code == ErrorCode::FileNotFound);
    }
}

TEST_CASE("key specs read and print as text", "[unit][crypto]")
{
    CHECK(KeySpec::fromString(QStringLiteral("RSA 4096")).value() == KeySpec::rsa(4096));
    CHECK(KeySpec::fromString(QStringLiteral("rsa 2048")).value() == KeySpec::rsa(2048));
    CHECK(KeySpec::fromString(QStringLiteral("EC P-256")).value() == KeySpec::ecP256());
    CHECK(KeySpec::fromString(QStringLiteral("EC P-256"))->algorithm == KeyAlgorithm::Ec);
    auto bad = KeySpec::fromString(QStringLiteral("DSA 1024"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::UnsupportedAlgorithm);
    CHECK(PrivateKey::generate(KeySpec::rsa(1024)).error().code == ErrorCode::UnsupportedAlgorithm);
}

TEST_CASE("hostile key input gives a clear error", "[unit][crypto]")
{
    auto key = PrivateKey::generate(KeySpec::ecP256());
    REQUIRE(key.ok());
    const QByteArray pem = key->toPem().value();
    const QByteArray encrypted = key->toPem(QStringLiteral("pw")).value();

    for (const QByteArray& input :
         {QByteArray(), QByteArrayLiteral("garbage"), pem.left(pem.size() / 2),
          QByteArray(pem.left(40) + QByteArray(200, 'A') + pem.right(30)),
          QByteArrayLiteral("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n")}) {
        auto parsed = PrivateKey::fromPem(input);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == ErrorCode::InvalidValue);
        CHECK_FALSE(parsed.error().message.isEmpty());
    }
    CHECK_FALSE(
        PrivateKey::fromPem(encrypted.left(encrypted.size() / 2), QStringLiteral("pw")).ok());
    CHECK_FALSE(PublicKey::fromPem(QByteArrayLiteral("nope")).ok());
    CHECK_FALSE(PublicKey::fromPem(QByteArray()).ok());
}
