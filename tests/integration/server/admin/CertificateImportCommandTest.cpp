// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// steward-admin certificates import: PEM (with and without key, encrypted key) and PKCS#12,
// and every refusal of the server's import checks, on a real data dir and SQLite database.
#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/Pkcs12.h"
#include "tests/integration/server/admin/AdminTestSupport.h"
#include "tests/support/CatchQt.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace steward;
using steward::test::runAdmin;

namespace {

std::pair<crypto::Certificate, crypto::PrivateKey> makePair(const QString& commonName)
{
    auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(key.ok());
    crypto::CertificateOptions options;
    options.commonName = commonName;
    auto certificate = crypto::createSelfSignedCertificate(*key, options);
    REQUIRE(certificate.ok());
    return {*certificate, *key};
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& data)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    REQUIRE(file.write(data) == data.size());
    return path;
}

QByteArray testData(const QString& name)
{
    QFile file(QStringLiteral(STEWARD_TEST_DATA_DIR "/") + name);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

/** A data dir with the server's PKI, and a runner for "certificates …" in it. */
struct Store {
    QTemporaryDir data;
    QTemporaryDir files;
    Store() { test::makePki(data.path()); }
    test::AdminRun run(const QStringList& arguments, const QByteArray& input = {},
                       const QMap<QString, QString>& environment = {})
    {
        return runAdmin(data.path(), {}, QStringList{QStringLiteral("certificates")} + arguments,
                        input, environment);
    }
    int lines() { return int(run({QStringLiteral("list")}).out.count(QLatin1Char('\n'))); }
};

} // namespace

TEST_CASE("steward-admin certificates import takes PEM with or without its key",
          "[integration][admin][certs]")
{
    Store store;
    const auto [certificate, key] = makePair(QStringLiteral("pem import"));
    const QString certPath = write(store.files, QStringLiteral("c.pem"), certificate.toPem());
    const QString keyPath = write(store.files, QStringLiteral("k.pem"), key.toPem().value());
    const auto imported =
        store.run({QStringLiteral("import"), QStringLiteral("pem-ec"),
                   QStringLiteral("--certificate"), certPath, QStringLiteral("--key"), keyPath});
    INFO(imported.err.toStdString());
    REQUIRE(imported.exitCode == 0);
    CHECK(imported.out.startsWith(QStringLiteral("2 pem-ec [active] EC P-256 SHA256withECDSA")));
    CHECK(imported.out.contains(certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha256)));

    // The key stays a file under pki/, mode 0600; the database holds its name only.
    const QDir keys(QDir(store.data.path()).filePath(QStringLiteral("pki/device-communication")));
    const QStringList keyFiles = keys.entryList({QStringLiteral("*.key")}, QDir::Files);
    REQUIRE(keyFiles.size() == 1);
    const auto permissions = QFile(keys.filePath(keyFiles.first())).permissions();
    CHECK(permissions.testFlag(QFile::ReadOwner));
    CHECK((permissions
           & (QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther
              | QFile::WriteOther | QFile::ExeOther))
          == 0);

    // Without its key: kept, inactive (the server cannot sign with it).
    const auto [bare, bareKey] = makePair(QStringLiteral("bare"));
    const auto kept = store.run({QStringLiteral("import"), QStringLiteral("bare"),
                                 QStringLiteral("--certificate"),
                                 write(store.files, QStringLiteral("bare.pem"), bare.toPem())});
    INFO(kept.err.toStdString());
    REQUIRE(kept.exitCode == 0);
    CHECK(kept.out.startsWith(QStringLiteral("3 bare [inactive]")));

    // An encrypted key: its password from STEWARD_PASSWORD, never an argument.
    const auto [sealed, sealedKey] = makePair(QStringLiteral("sealed"));
    const QString sealedCert = write(store.files, QStringLiteral("s.pem"), sealed.toPem());
    const QString sealedKeyPath = write(store.files, QStringLiteral("s.key"),
                                        sealedKey.toPem(QStringLiteral("key secret")).value());
    const QStringList sealedArgs{QStringLiteral("import"),        QStringLiteral("sealed"),
                                 QStringLiteral("--certificate"), sealedCert,
                                 QStringLiteral("--key"),         sealedKeyPath};
    const auto wrong =
        store.run(sealedArgs, {}, {{QStringLiteral("STEWARD_PASSWORD"), QStringLiteral("guess")}});
    CHECK(wrong.exitCode == 1);
    CHECK(wrong.err.contains(QStringLiteral("private key: ")));
    const auto unlocked = store.run(
        sealedArgs, {}, {{QStringLiteral("STEWARD_PASSWORD"), QStringLiteral("key secret")}});
    INFO(unlocked.err.toStdString());
    CHECK(unlocked.exitCode == 0);
    CHECK(store.lines() == 4);
}

TEST_CASE("steward-admin certificates import takes PKCS#12 with its password from stdin",
          "[integration][admin][certs]")
{
    Store store;
    const auto [certificate, key] = makePair(QStringLiteral("p12 import"));
    const QString p12 =
        write(store.files, QStringLiteral("c.p12"),
              crypto::exportPkcs12(certificate, key, {}, QStringLiteral("p12 secret")).value());
    const QStringList args{QStringLiteral("import"), QStringLiteral("from-p12"),
                           QStringLiteral("--pkcs12"), p12};
    const auto noPassword = store.run(args);
    CHECK(noPassword.exitCode == 2);
    CHECK(noPassword.err.contains(QStringLiteral("the PKCS#12 password is empty")));
    const auto wrong = store.run(args, "guess\n");
    CHECK(wrong.exitCode == 1);
    CHECK(wrong.err.contains(QStringLiteral("wrong password")));
    const auto imported = store.run(args, "p12 secret\n");
    INFO(imported.err.toStdString());
    REQUIRE(imported.exitCode == 0);
    CHECK(imported.out.startsWith(QStringLiteral("2 from-p12 [active] EC P-256")));
    CHECK(imported.out.contains(certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha256)));
    // The same certificate again, under another alias: already in the store.
    const auto twice = store.run(
        {QStringLiteral("import"), QStringLiteral("again"), QStringLiteral("--pkcs12"), p12},
        "p12 secret\n");
    CHECK(twice.exitCode == 1);
    CHECK(twice.err.contains(QStringLiteral("already")));
    CHECK(store.lines() == 2);
}

TEST_CASE("steward-admin certificates import refuses MD5, chains and strangers with the reason",
          "[integration][admin][certs]")
{
    Store store;
    const auto refused = [&](const QStringList& args, const QByteArray& input, int exitCode,
                             const QString& reason) {
        const auto run = store.run(QStringList{QStringLiteral("import")} + args, input);
        INFO(run.err.toStdString());
        CHECK(run.exitCode == exitCode);
        CHECK(run.err.contains(reason));
    };
    const QString certOption = QStringLiteral("--certificate");
    refused({QStringLiteral("md5"), certOption,
             write(store.files, QStringLiteral("md5.pem"),
                   testData(QStringLiteral("crypto/md5-rsa-test-only.pem")))},
            {}, 1, QStringLiteral("signed with MD5"));
    refused({QStringLiteral("sha1"), certOption,
             write(store.files, QStringLiteral("sha1.pem"),
                   testData(QStringLiteral("crypto/sha1-rsa-test-only.pem")))},
            {}, 1, QStringLiteral("SHA1withRSA"));
    refused({QStringLiteral("chain"), certOption,
             write(store.files, QStringLiteral("chain.pem"),
                   testData(QStringLiteral("pki/client.crt"))
                       + testData(QStringLiteral("pki/ca.crt")))},
            {}, 1, QStringLiteral("chain of 2 certificates"));
    const auto [leaf, leafKey] = makePair(QStringLiteral("leaf"));
    const auto [ca, caKey] = makePair(QStringLiteral("some CA"));
    refused({QStringLiteral("p12-chain"), QStringLiteral("--pkcs12"),
             write(store.files, QStringLiteral("chain.p12"),
                   crypto::exportPkcs12(leaf, leafKey, {ca}, QStringLiteral("pw")).value())},
            "pw\n", 1, QStringLiteral("holds a chain"));
    refused({QStringLiteral("stranger"), certOption,
             write(store.files, QStringLiteral("ca.pem"), ca.toPem()), QStringLiteral("--key"),
             write(store.files, QStringLiteral("leaf.key"), leafKey.toPem().value())},
            {}, 1, QStringLiteral("does not belong"));
    refused({QStringLiteral("bad alias!"), certOption,
             write(store.files, QStringLiteral("leaf.pem"), leaf.toPem())},
            {}, 1, QStringLiteral("may hold only letters"));
    refused({QStringLiteral("missing"), certOption, store.files.filePath(QStringLiteral("no.pem"))},
            {}, 1, QStringLiteral("cannot read the certificate"));
    refused({QStringLiteral("neither")}, {}, 2, QStringLiteral("needs either --certificate"));
    refused({QStringLiteral("both"), certOption, QStringLiteral("a.pem"),
             QStringLiteral("--pkcs12"), QStringLiteral("b.p12")},
            {}, 2, QStringLiteral("needs either --certificate"));
    CHECK(store.lines() == 1); // nothing half-applied
    CHECK(QDir(QDir(store.data.path()).filePath(QStringLiteral("pki/device-communication")))
              .entryList({QStringLiteral("*.key")}, QDir::Files)
              .isEmpty());
}
