// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/WebCertificateCheck.h"
#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/Pkcs12.h"
#include "tests/support/CatchQt.h"

#include <QFile>

using namespace steward;
using server::services::WebMaterial;

namespace {

QByteArray testData(const QString& name)
{
    QFile file(QStringLiteral(STEWARD_TEST_DATA_DIR "/") + name);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

crypto::Certificate certificate(const QString& name)
{
    auto parsed = crypto::Certificate::fromPem(testData(name));
    REQUIRE(parsed.ok());
    return *parsed;
}

crypto::PrivateKey key(const QString& name)
{
    auto parsed = crypto::PrivateKey::fromPem(testData(name), {});
    REQUIRE(parsed.ok());
    return *parsed;
}

/** The committed test CA's server certificate (localhost, 127.0.0.1, ::1; serverAuth). */
WebMaterial corporate()
{
    return {certificate(QStringLiteral("pki/server.crt")),
            {certificate(QStringLiteral("pki/ca.crt"))},
            key(QStringLiteral("pki/server.key"))};
}

/** A leaf issued now by the test CA with \a options and its key. */
WebMaterial issued(crypto::CertificateOptions options)
{
    auto leafKey = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(leafKey.ok());
    auto request = crypto::CertificateRequest::create(*leafKey, QStringLiteral("web.example.com"));
    REQUIRE(request.ok());
    const auto ca = certificate(QStringLiteral("pki/ca.crt"));
    auto leaf = crypto::issueCertificate(*request, ca, key(QStringLiteral("pki/ca.key")), options);
    REQUIRE(leaf.ok());
    return {*leaf, {ca}, *leafKey};
}

void refused(const Result<void>& result, ErrorCode code, const QString& text)
{
    REQUIRE_FALSE(result.ok());
    INFO(result.error().message.toStdString());
    CHECK(result.error().code == code);
    CHECK(result.error().message.contains(text));
}

} // namespace

TEST_CASE("web certificate host names must be FQDNs or IP addresses", "[unit][webcerts]")
{
    using server::services::hostNameProblem;
    for (const char* good : {"steward.example.com", "localhost", "a-b.c0.example",
                             "xn--bcher-kva.de", "10.0.0.1", "203.0.113.7", "::1", "2001:db8::7"}) {
        INFO(good);
        CHECK(hostNameProblem(QString::fromLatin1(good)).isEmpty());
    }
    const std::vector<std::pair<QString, QString>> bad{
        {QString(), QStringLiteral("empty")},
        {QStringLiteral("buildhost"), QStringLiteral("\"buildhost\" is not fully qualified")},
        {QStringLiteral("*.example.com"), QStringLiteral("no wildcards")},
        {QStringLiteral("a..example.com"), QStringLiteral("empty label")},
        {QStringLiteral("example.com."), QStringLiteral("empty label")},
        {QStringLiteral("-a.example.com"), QStringLiteral("label \"-a\"")},
        {QStringLiteral("ex_ample.com"), QStringLiteral("label \"ex_ample\"")},
        {QStringLiteral("exa mple.com"), QStringLiteral("label \"exa mple\"")},
        {QStringLiteral("b\u00fccher.de"), QStringLiteral("xn--")},
        {QString(64, QLatin1Char('a')) + QStringLiteral(".com"), QStringLiteral("longer than 63")},
        {QString(250, QLatin1Char('a')) + QStringLiteral(".com"),
         QStringLiteral("longer than 253")},
        {QStringLiteral(" web.example.com"), QStringLiteral("leading or trailing spaces")},
        {QStringLiteral("999.1.1.1"), QStringLiteral("\"999.1.1.1\" is not a valid IPv4 address")},
        {QStringLiteral("1.2.3"), QStringLiteral("last label is all digits")},
        {QStringLiteral("0.0.0.0"), QStringLiteral("unspecified address")},
        {QStringLiteral("::"), QStringLiteral("unspecified address")},
        {QStringLiteral("fe80:::1"), QStringLiteral("\"fe80:::1\" is not a valid IPv6 address")},
    };
    for (const auto& [name, why] : bad) {
        INFO(name.toStdString());
        const QString problem = hostNameProblem(name);
        INFO(problem.toStdString());
        CHECK(problem.contains(why));
    }
}

TEST_CASE("a host name list is split, deduplicated and refused naming the bad entry",
          "[unit][webcerts]")
{
    auto parsed = server::services::parseHostNames(
        {QStringLiteral("Web.Example.com"), QStringLiteral("web.example.com"),
         QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.1"), QStringLiteral("::1")});
    REQUIRE(parsed.ok());
    CHECK(parsed->dnsNames == QStringList{QStringLiteral("web.example.com")});
    CHECK(parsed->addresses.size() == 2);
    CHECK(server::services::hostNameList(*parsed)
          == QStringList{QStringLiteral("web.example.com"), QStringLiteral("10.0.0.1"),
                         QStringLiteral("::1")});

    auto bad = server::services::parseHostNames(
        {QStringLiteral("web.example.com"), QStringLiteral("intranet"), QStringLiteral("x_y.z")});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::InvalidValue);
    CHECK(bad.error().message.contains(QStringLiteral("\"intranet\"")));
    auto none = server::services::parseHostNames({});
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message.contains(QStringLiteral("at least one")));
}

TEST_CASE("a corporate chain with its key passes the web certificate checks", "[unit][webcerts]")
{
    CHECK(server::services::checkWebMaterial(corporate()).ok());
    const QByteArray chain =
        testData(QStringLiteral("pki/server.crt")) + testData(QStringLiteral("pki/ca.crt"));
    auto material =
        server::services::webMaterialFromPem(chain, testData(QStringLiteral("pki/server.key")), {});
    REQUIRE(material.ok());
    CHECK(material->chain.size() == 1);
    CHECK(material->root() == certificate(QStringLiteral("pki/ca.crt")));
}

TEST_CASE("each web chain refusal says why", "[unit][webcerts]")
{
    using server::services::checkWebMaterial;
    auto noKey = corporate();
    noKey.key = {};
    refused(checkWebMaterial(noKey), ErrorCode::MissingField, QStringLiteral("private key"));

    auto wrongKey = corporate();
    wrongKey.key = key(QStringLiteral("pki/client.key"));
    refused(checkWebMaterial(wrongKey), ErrorCode::KeyMismatch, QStringLiteral("does not belong"));

    auto md5 = corporate();
    md5.leaf = certificate(QStringLiteral("crypto/md5-rsa-test-only.pem"));
    refused(checkWebMaterial(md5), ErrorCode::WeakSignature, QStringLiteral("MD5"));

    const WebMaterial caLeaf{
        certificate(QStringLiteral("pki/ca.crt")), {}, key(QStringLiteral("pki/ca.key"))};
    refused(checkWebMaterial(caLeaf), ErrorCode::InvalidCertificate,
            QStringLiteral("is a CA certificate"));

    auto rootMissing = corporate();
    rootMissing.chain.clear();
    refused(checkWebMaterial(rootMissing), ErrorCode::InvalidCertificate,
            QStringLiteral("append the root CA"));

    auto strangerRoot = corporate();
    strangerRoot.chain = {certificate(QStringLiteral("pki/foreign-ca.crt"))};
    refused(checkWebMaterial(strangerRoot), ErrorCode::ChainNotAllowed,
            QStringLiteral("the chain is not in order"));

    auto afterRoot = corporate();
    afterRoot.chain.append(certificate(QStringLiteral("pki/foreign-ca.crt")));
    refused(checkWebMaterial(afterRoot), ErrorCode::ChainNotAllowed,
            QStringLiteral("the root comes last"));

    const WebMaterial clientLeaf{certificate(QStringLiteral("pki/client.crt")),
                                 {certificate(QStringLiteral("pki/ca.crt"))},
                                 key(QStringLiteral("pki/client.key"))};
    refused(checkWebMaterial(clientLeaf), ErrorCode::InvalidCertificate,
            QStringLiteral("no subject alternative name"));

    crypto::CertificateOptions clientOnly;
    clientOnly.dnsNames = {QStringLiteral("web.example.com")};
    clientOnly.clientAuth = true;
    refused(checkWebMaterial(issued(clientOnly)), ErrorCode::InvalidCertificate,
            QStringLiteral("does not verify up to its root"));

    crypto::CertificateOptions expired;
    expired.dnsNames = {QStringLiteral("web.example.com")};
    expired.serverAuth = true;
    expired.notBefore = QDateTime::currentDateTimeUtc().addDays(-30);
    expired.notAfter = QDateTime::currentDateTimeUtc().addDays(-1);
    refused(checkWebMaterial(issued(expired)), ErrorCode::InvalidCertificate,
            QStringLiteral("does not verify up to its root"));
    refused(checkWebMaterial(issued(expired)), ErrorCode::InvalidCertificate,
            QStringLiteral("expired"));
}

TEST_CASE("a PKCS#12 web bundle is put in issuer order and checked", "[unit][webcerts]")
{
    const auto material = corporate();
    auto bundle = crypto::exportPkcs12(material.leaf, material.key, material.chain,
                                       QStringLiteral("pkcs12 secret"));
    REQUIRE(bundle.ok());
    auto imported =
        server::services::webMaterialFromPkcs12(*bundle, QStringLiteral("pkcs12 secret"));
    REQUIRE(imported.ok());
    CHECK(imported->leaf == material.leaf);
    CHECK(imported->chain == material.chain);

    auto wrong = server::services::webMaterialFromPkcs12(*bundle, QStringLiteral("guess"));
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == ErrorCode::BadPassword);

    auto stranger = crypto::exportPkcs12(
        material.leaf, material.key,
        {material.chain.first(), certificate(QStringLiteral("pki/foreign-ca.crt"))},
        QStringLiteral("pkcs12 secret"));
    REQUIRE(stranger.ok());
    auto refusedBundle =
        server::services::webMaterialFromPkcs12(*stranger, QStringLiteral("pkcs12 secret"));
    REQUIRE_FALSE(refusedBundle.ok());
    CHECK(refusedBundle.error().message.contains(QStringLiteral("not part of the leaf's chain")));
}
