// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/WebCertificateSupport.h"

#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/CertificateRequest.h"
#include "server/services/CertificateStore.h"
#include "server/services/ServerIdentity.h"

namespace steward::server::services {

QString webObjectOf(qint64 id)
{
    return QStringLiteral("web-certificate:%1").arg(id);
}

db::WebCertificate webRowFor(const QString& alias, const QString& origin,
                             const crypto::Certificate& leaf,
                             const QList<crypto::Certificate>& chain)
{
    db::WebCertificate row;
    row.alias = alias;
    row.origin = origin;
    row.keySpec = leaf.keySpec().toString();
    row.signatureAlgorithm = leaf.signatureAlgorithm();
    row.fingerprint =
        QString::fromLatin1(leaf.fingerprint(crypto::FingerprintAlgorithm::Sha256).toHex());
    QByteArray pem = leaf.toPem();
    for (const auto& certificate : chain) {
        pem += certificate.toPem();
    }
    row.certificatePem = QString::fromLatin1(pem);
    return row;
}

Result<StoredWebCertificate> webEntryOf(const db::WebCertificate& row)
{
    auto certificates = crypto::Certificate::chainFromPem(row.certificatePem.toLatin1());
    if (!certificates) {
        return makeError(certificates.error().code,
                         QStringLiteral("stored web certificate \"%1\": %2")
                             .arg(row.alias, certificates.error().message));
    }
    return StoredWebCertificate{row, certificates->first(), certificates->mid(1)};
}

QString webKeyFileFor(const crypto::Certificate& leaf)
{
    const QString hex =
        QString::fromLatin1(leaf.fingerprint(crypto::FingerprintAlgorithm::Sha256).toHex());
    return QStringLiteral("web/") + hex.left(32) + QStringLiteral(".key");
}

Result<WebMaterial> issueWebCertificate(const ServerIdentity& identity, const WebNames& names,
                                        const QString& keySpec, int validityDays)
{
    GenerateOptions generate;
    generate.keySpec = keySpec;
    auto algorithms = generationAlgorithms(generate);
    if (!algorithms) {
        return algorithms.error();
    }
    auto key = crypto::PrivateKey::generate(algorithms->first);
    if (!key) {
        return key.error();
    }
    const QString commonName =
        names.dnsNames.isEmpty() ? names.addresses.value(0).toString() : names.dnsNames.first();
    auto request = crypto::CertificateRequest::create(*key, commonName);
    if (!request) {
        return request.error();
    }
    crypto::CertificateOptions options;
    options.dnsNames = names.dnsNames;
    options.ipAddresses = names.addresses;
    options.serverAuth = true;
    options.validity = std::chrono::hours(24) * validityDays;
    auto certificate =
        crypto::issueCertificate(*request, identity.rootCa(), identity.rootCaKey(), options);
    if (!certificate) {
        return certificate.error();
    }
    return WebMaterial{*certificate, {identity.rootCa()}, *key};
}

} // namespace steward::server::services
