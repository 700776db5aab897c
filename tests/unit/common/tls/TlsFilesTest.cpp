// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/TlsFiles.h"

#include "tests/support/CatchQt.h"
#include "tests/support/TestPki.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using steward::ErrorCode;
using steward::test::TestPki;
namespace tls = steward::tls;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    REQUIRE(file.write(content) == content.size());
    return path;
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

} // namespace

TEST_CASE("every identity of the test PKI loads with a matching key", "[unit][tls]")
{
    using Entity = TestPki::Entity;
    const auto entity =
        GENERATE(Entity::Ca, Entity::Server, Entity::Client, Entity::ForeignCa,
                 Entity::ForeignClient, Entity::ForeignServer, Entity::ShadowA, Entity::ShadowB);
    const auto identity =
        tls::loadIdentity(TestPki::certificatePath(entity), TestPki::keyPath(entity));
    REQUIRE(identity.ok());
    CHECK_FALSE(identity->isNull());
    CHECK(identity->intermediates.isEmpty());
    CHECK(identity->privateKey.type() == QSsl::PrivateKey);
    const bool rsa = entity == Entity::ShadowA || entity == Entity::ShadowB;
    CHECK(identity->privateKey.algorithm() == (rsa ? QSsl::Rsa : QSsl::Ec));
}

TEST_CASE("a missing certificate file is reported with its path", "[unit][tls]")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("absent.crt"));
    const auto certificates = tls::loadCertificates(path);
    REQUIRE_FALSE(certificates.ok());
    CHECK(certificates.error().code == ErrorCode::FileNotFound);
    CHECK(certificates.error().message.contains(path));
}

TEST_CASE("a directory in place of a certificate file is an I/O error", "[unit][tls]")
{
    QTemporaryDir dir;
    const auto certificates = tls::loadCertificates(dir.path());
    REQUIRE_FALSE(certificates.ok());
    CHECK(certificates.error().code == ErrorCode::IoError);
    CHECK(certificates.error().message.contains(dir.path()));
}

TEST_CASE("a file without a PEM certificate is refused naming the file", "[unit][tls]")
{
    QTemporaryDir dir;
    const auto content =
        GENERATE(QByteArray(), QByteArray("hello, not a certificate\n"),
                 QByteArray("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    const QString path = writeFile(dir, QStringLiteral("bogus.crt"), content);
    const auto certificates = tls::loadCertificates(path);
    REQUIRE_FALSE(certificates.ok());
    CHECK(certificates.error().code == ErrorCode::InvalidCertificate);
    CHECK(certificates.error().message.contains(path));
}

TEST_CASE("a private key file given as the certificate is refused", "[unit][tls]")
{
    const auto certificates = tls::loadCertificates(TestPki::keyPath(TestPki::Entity::Server));
    REQUIRE_FALSE(certificates.ok());
    CHECK(certificates.error().code == ErrorCode::InvalidCertificate);
}

TEST_CASE("a CA bundle yields every certificate in file order", "[unit][tls]")
{
    QTemporaryDir dir;
    const QString path =
        writeFile(dir, QStringLiteral("bundle.pem"),
                  readFile(TestPki::certificatePath(TestPki::Entity::Ca))
                      + readFile(TestPki::certificatePath(TestPki::Entity::ForeignCa)));
    const auto certificates = tls::loadCertificates(path);
    REQUIRE(certificates.ok());
    REQUIRE(certificates->size() == 2);
    CHECK(certificates->at(0) == TestPki::certificate(TestPki::Entity::Ca));
    CHECK(certificates->at(1) == TestPki::certificate(TestPki::Entity::ForeignCa));
}

TEST_CASE("a certificate followed by its CA loads as leaf plus intermediate", "[unit][tls]")
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("chain.pem"),
                                   readFile(TestPki::certificatePath(TestPki::Entity::Server))
                                       + readFile(TestPki::certificatePath(TestPki::Entity::Ca)));
    const auto identity = tls::loadIdentity(path, TestPki::keyPath(TestPki::Entity::Server));
    REQUIRE(identity.ok());
    CHECK(identity->certificate == TestPki::certificate(TestPki::Entity::Server));
    CHECK(identity->intermediates == TestPki::testCa());
}

TEST_CASE("a key that belongs to another certificate is a key mismatch naming both files",
          "[unit][tls]")
{
    using Entity = TestPki::Entity;
    // EC with EC and RSA with RSA: same algorithm, different key.
    const auto [certificateOf, keyOf] = GENERATE(std::pair{Entity::Server, Entity::Client},
                                                 std::pair{Entity::ShadowA, Entity::ShadowB});
    const auto identity =
        tls::loadIdentity(TestPki::certificatePath(certificateOf), TestPki::keyPath(keyOf));
    REQUIRE_FALSE(identity.ok());
    CHECK(identity.error().code == ErrorCode::KeyMismatch);
    CHECK(identity.error().message.contains(TestPki::certificatePath(certificateOf)));
    CHECK(identity.error().message.contains(TestPki::keyPath(keyOf)));
}

TEST_CASE("a key of the wrong algorithm for the certificate is refused", "[unit][tls]")
{
    const auto identity = tls::loadIdentity(TestPki::certificatePath(TestPki::Entity::Server),
                                            TestPki::keyPath(TestPki::Entity::ShadowA));
    REQUIRE_FALSE(identity.ok());
    CHECK(identity.error().code == ErrorCode::InvalidValue);
    CHECK(identity.error().message.contains(TestPki::keyPath(TestPki::Entity::ShadowA)));
}

TEST_CASE("a missing or non-key private key file is refused naming the file", "[unit][tls]")
{
    QTemporaryDir dir;
    const QString absent = dir.filePath(QStringLiteral("absent.key"));
    const auto missing = tls::loadPrivateKey(absent, QSsl::Ec);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == ErrorCode::FileNotFound);
    CHECK(missing.error().message.contains(absent));

    const QString certificateAsKey = TestPki::certificatePath(TestPki::Entity::Server);
    const auto notAKey = tls::loadPrivateKey(certificateAsKey, QSsl::Ec);
    REQUIRE_FALSE(notAKey.ok());
    CHECK(notAKey.error().code == ErrorCode::InvalidValue);
    CHECK(notAKey.error().message.contains(certificateAsKey));
}

TEST_CASE("an encrypted private key needs its pass phrase", "[unit][tls]")
{
    QTemporaryDir dir;
    const QSslKey key = TestPki::privateKey(TestPki::Entity::Client);
    const QString path =
        writeFile(dir, QStringLiteral("encrypted.key"), key.toPem("correct horse"));

    const auto wrong = tls::loadPrivateKey(path, QSsl::Ec, "tr0ub4dor");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == ErrorCode::BadPassword);
    CHECK(wrong.error().message.contains(path));
    CHECK_FALSE(wrong.error().message.contains(QStringLiteral("tr0ub4dor")));

    const auto right =
        tls::loadIdentity(TestPki::certificatePath(TestPki::Entity::Client), path, "correct horse");
    REQUIRE(right.ok());
    CHECK(right->privateKey == key);
}

TEST_CASE("the key check refuses a null key or a public key", "[unit][tls]")
{
    const auto certificate = TestPki::certificate(TestPki::Entity::Server);
    CHECK(tls::checkKeyMatchesCertificate(QSslKey(), certificate).error().code
          == ErrorCode::KeyMismatch);
    CHECK(tls::checkKeyMatchesCertificate(certificate.publicKey(), certificate).error().code
          == ErrorCode::KeyMismatch);
    CHECK(tls::checkKeyMatchesCertificate(TestPki::privateKey(TestPki::Entity::Server), certificate)
              .ok());
}
