// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/certs/WebCertificateSupport.h"

#include "common/crypto/CertificateIssuer.h"
#include "common/tls/TlsConfig.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QSslSocket>

namespace steward::test {

QSslCertificate probeWebCertificate(quint16 port, const QList<QSslCertificate>& anchors)
{
    QSslSocket socket;
    socket.setSslConfiguration(tls::clientConfiguration(anchors));
    bool failed = false;
    QObject::connect(&socket, &QSslSocket::sslErrors, [&](const QList<QSslError>& errors) {
        for (const auto& error : errors) {
            UNSCOPED_INFO("TLS: " << error.errorString().toStdString());
        }
        failed = true;
    });
    QObject::connect(&socket, &QAbstractSocket::errorOccurred, [&] { failed = true; });
    socket.connectToHostEncrypted(QStringLiteral("localhost"), port);
    REQUIRE(waitUntil([&] { return failed || socket.isEncrypted(); }));
    if (failed || !socket.isEncrypted()) {
        return QSslCertificate();
    }
    const QSslCertificate seen = socket.peerCertificate();
    socket.disconnectFromHost();
    return seen;
}

CorporateChain makeCorporateChain(const QString& rootName)
{
    auto rootKey = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(rootKey.ok());
    crypto::CertificateOptions rootOptions;
    rootOptions.commonName = rootName;
    rootOptions.validity = std::chrono::hours(24 * 365);
    auto root = crypto::createCaCertificate(*rootKey, rootOptions);
    REQUIRE(root.ok());
    auto leafKey = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(leafKey.ok());
    auto request = crypto::CertificateRequest::create(*leafKey, QStringLiteral("localhost"));
    REQUIRE(request.ok());
    crypto::CertificateOptions leafOptions;
    leafOptions.dnsNames = {QStringLiteral("localhost")};
    leafOptions.ipAddresses = {QHostAddress::LocalHost};
    leafOptions.serverAuth = true;
    auto leaf = crypto::issueCertificate(*request, *root, *rootKey, leafOptions);
    REQUIRE(leaf.ok());
    return {*root, *rootKey, *leaf, *leafKey};
}

QJsonObject webEntry(RestClient& client, const QString& alias)
{
    const auto reply = client.get(QStringLiteral("/api/v1/web-certificates"));
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 200);
    for (const auto& item : reply.json()[QStringLiteral("items")].toArray()) {
        if (item[QStringLiteral("alias")] == alias) {
            return item.toObject();
        }
    }
    FAIL("no web certificate " << alias.toStdString());
    return {};
}

} // namespace steward::test
