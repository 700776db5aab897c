// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Certificate's parsers: PEM, DER, PEM chains and the strict single-certificate import.
#include "common/crypto/Certificate.h"

#include "common/crypto/OpenSslSupport.h"

#include <openssl/pem.h>

namespace steward::crypto {

using namespace detail;

namespace {

constexpr qsizetype MaxCertificateBytes = 4 * 1024 * 1024;
const QByteArray PemCertificateHeader = QByteArrayLiteral("-----BEGIN CERTIFICATE-----");

bool looksLikePem(const QByteArray& data)
{
    return data.contains("-----BEGIN ");
}

} // namespace

int countPemCertificates(const QByteArray& pem)
{
    return int(pem.count(PemCertificateHeader));
}

Result<Certificate> Certificate::fromPem(const QByteArray& pem)
{
    auto chain = chainFromPem(pem);
    if (!chain) {
        return chain.error();
    }
    return chain->first();
}

Result<QList<Certificate>> Certificate::chainFromPem(const QByteArray& pem)
{
    if (pem.size() > MaxCertificateBytes) {
        return makeError(ErrorCode::InvalidCertificate, QStringLiteral("certificate too large"));
    }
    const int expected = countPemCertificates(pem);
    if (expected == 0) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("no PEM certificate (BEGIN CERTIFICATE) found"));
    }
    BioPtr bio = memoryBio(pem);
    QList<Certificate> chain;
    while (bio && chain.size() < expected) {
        X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
        if (!cert) {
            break;
        }
        chain.append(Certificate(shareX509(std::move(cert))));
    }
    if (chain.size() != expected) {
        return openSslError(ErrorCode::InvalidCertificate,
                            QStringLiteral("PEM certificate %1 of %2 is damaged")
                                .arg(chain.size() + 1)
                                .arg(expected));
    }
    clearOpenSslErrors();
    return chain;
}

Result<Certificate> Certificate::fromDer(const QByteArray& der)
{
    if (der.isEmpty() || der.size() > MaxCertificateBytes) {
        return makeError(ErrorCode::InvalidCertificate,
                         der.isEmpty() ? QStringLiteral("empty certificate data")
                                       : QStringLiteral("certificate too large"));
    }
    const auto* cursor = reinterpret_cast<const unsigned char*>(der.constData());
    X509Ptr cert(d2i_X509(nullptr, &cursor, long(der.size())));
    if (!cert) {
        return openSslError(ErrorCode::InvalidCertificate, QStringLiteral("not a DER certificate"));
    }
    if (cursor != reinterpret_cast<const unsigned char*>(der.constData()) + der.size()) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("unexpected data after the DER certificate"));
    }
    return Certificate(shareX509(std::move(cert)));
}

Result<Certificate> Certificate::fromPemOrDer(const QByteArray& data)
{
    return looksLikePem(data) ? fromPem(data) : fromDer(data);
}

Result<Certificate> Certificate::importSingle(const QByteArray& data)
{
    if (looksLikePem(data) && countPemCertificates(data) > 1) {
        return makeError(ErrorCode::ChainNotAllowed,
                         QStringLiteral("the file holds a chain of %1 certificates; import "
                                        "exactly one certificate")
                             .arg(countPemCertificates(data)));
    }
    auto cert = fromPemOrDer(data);
    if (!cert) {
        return cert;
    }
    if (cert->isMd5Signed()) {
        return makeError(ErrorCode::WeakSignature,
                         QStringLiteral("the certificate \"%1\" is signed with MD5 (%2), which "
                                        "is broken; use SHA-256 or stronger")
                             .arg(cert->subject(), cert->signatureAlgorithm()));
    }
    return cert;
}

Result<Certificate> Certificate::fromQSslCertificate(const QSslCertificate& cert)
{
    return fromDer(cert.toDer());
}

} // namespace steward::crypto
