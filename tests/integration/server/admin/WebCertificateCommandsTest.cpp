// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
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

void writeFile(const QString& path, const QByteArray& data)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    REQUIRE(file.write(data) == data.size());
}

/** A corporate root and a serverAuth leaf for web.example.com under it. */
std::tuple<crypto::Certificate, crypto::Certificate, crypto::PrivateKey> corporateChain()
{
    auto rootKey = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(rootKey.ok());
    crypto::CertificateOptions rootOptions;
    rootOptions.commonName = QStringLiteral("Admin Corp Root");
    auto root = crypto::createCaCertificate(*rootKey, rootOptions);
    REQUIRE(root.ok());
    auto leafKey = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(leafKey.ok());
    auto request = crypto::CertificateRequest::create(*leafKey, QStringLiteral("web.example.com"));
    REQUIRE(request.ok());
    crypto::CertificateOptions leafOptions;
    leafOptions.dnsNames = {QStringLiteral("web.example.com")};
    leafOptions.serverAuth = true;
    auto leaf = crypto::issueCertificate(*request, *root, *rootKey, leafOptions);
    REQUIRE(leaf.ok());
    return {*root, *leaf, *leafKey};
}

} // namespace

TEST_CASE("steward-admin web-certificates lists, creates, imports and assigns",
          "[integration][admin][webcerts]")
{
    QTemporaryDir dir;
    const auto run = [&](const QStringList& arguments, const QByteArray& input = {},
                         const QMap<QString, QString>& environment = {}) {
        return runAdmin(dir.path(), {}, QStringList{QStringLiteral("web-certificates")} + arguments,
                        input, environment);
    };
    const auto withoutPki = run({QStringLiteral("list")});
    CHECK(withoutPki.exitCode == 1);
    CHECK(withoutPki.err.contains(QStringLiteral("start steward-server once")));
    test::makePki(dir.path());

    const auto listed = run({QStringLiteral("list")});
    INFO(listed.err.toStdString());
    REQUIRE(listed.exitCode == 0);
    CHECK(listed.out.startsWith(QStringLiteral("1* initial [steward] EC P-256 SHA256withECDSA")));

    const auto badName =
        run({QStringLiteral("create"), QStringLiteral("web"), QStringLiteral("--names"),
             QStringLiteral("web.example.com,intranet")});
    CHECK(badName.exitCode == 1);
    CHECK(badName.err.contains(QStringLiteral("\"intranet\" is not fully qualified")));
    CHECK(run({QStringLiteral("create"), QStringLiteral("web")}).exitCode == 2);
    const auto made = run({QStringLiteral("create"), QStringLiteral("web"),
                           QStringLiteral("--names"), QStringLiteral("web.example.com,10.0.0.5")});
    INFO(made.err.toStdString());
    REQUIRE(made.exitCode == 0);
    CHECK(made.out.startsWith(QStringLiteral("2 web [steward] EC P-256 SHA256withECDSA "
                                             "names=web.example.com,10.0.0.5 root=\"")));

    const auto [root, leaf, key] = corporateChain();
    const QString chainPath = dir.filePath(QStringLiteral("corp.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("corp.key"));
    writeFile(chainPath, leaf.toPem() + root.toPem());
    auto keyPem = key.toPem();
    REQUIRE(keyPem.ok());
    writeFile(keyPath, *keyPem);
    const auto noKey = run({QStringLiteral("import"), QStringLiteral("corp"), chainPath});
    CHECK(noKey.exitCode == 2);
    CHECK(noKey.err.contains(QStringLiteral("--key FILE")));
    const auto imported = run({QStringLiteral("import"), QStringLiteral("corp"), chainPath,
                               QStringLiteral("--key"), keyPath});
    INFO(imported.err.toStdString());
    REQUIRE(imported.exitCode == 0);
    CHECK(imported.out.contains(QStringLiteral("corp [imported]")));
    CHECK(imported.out.contains(QStringLiteral("root=\"CN=Admin Corp Root\"")));

    auto bundle = crypto::exportPkcs12(leaf, key, {root}, QStringLiteral("bundle secret"));
    REQUIRE(bundle.ok());
    const QString p12 = dir.filePath(QStringLiteral("corp.p12"));
    writeFile(p12, *bundle);
    const auto wrong = run({QStringLiteral("import"), QStringLiteral("corp2"), p12}, "wrong\n");
    CHECK(wrong.exitCode == 1);
    const auto duplicate =
        run({QStringLiteral("import"), QStringLiteral("corp2"), p12}, {},
            {{QStringLiteral("STEWARD_PASSWORD"), QStringLiteral("bundle secret")}});
    CHECK(duplicate.exitCode == 1);
    CHECK(duplicate.err.contains(QStringLiteral("already in the store")));

    const auto assigned = run({QStringLiteral("assign"), QStringLiteral("WEB")});
    INFO(assigned.err.toStdString());
    REQUIRE(assigned.exitCode == 0);
    CHECK(assigned.out.contains(QStringLiteral("after its next start")));
    const auto after = run({QStringLiteral("list")});
    CHECK(after.out.contains(QStringLiteral("\n2* web [steward]")));
    CHECK(after.out.startsWith(QStringLiteral("1 initial")));
    CHECK(run({QStringLiteral("assign"), QStringLiteral("nope")})
              .err.contains(QStringLiteral("no web certificate with id or alias \"nope\"")));
}
