// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/CertificateRequest.h"

#include "common/crypto/OpenSslSupport.h"
#include "common/crypto/PrivateKey.h"

#include <openssl/pem.h>

namespace steward::crypto {

using namespace detail;

namespace {

constexpr qsizetype MaxRequestBytes = 1024 * 1024;

Result<CertificateRequest> checked(ReqPtr request)
{
    EVP_PKEY* key = X509_REQ_get0_pubkey(request.get());
    if (key == nullptr) {
        return openSslError(ErrorCode::InvalidCertificate,
                            QStringLiteral("the certificate request has no usable public key"));
    }
    if (auto spec = keySpecOf(key); !spec) {
        return spec.error();
    }
    if (X509_REQ_verify(request.get(), key) != 1) {
        return openSslError(ErrorCode::SignatureInvalid,
                            QStringLiteral("the certificate request's self-signature is invalid"));
    }
    return CertificateRequest(std::shared_ptr<X509_REQ>(request.release(), X509_REQ_free));
}

GeneralNamesPtr requestedAltNames(X509_REQ* request)
{
    ExtensionStackPtr extensions(X509_REQ_get_extensions(request));
    GeneralNamesPtr names;
    if (extensions) {
        names.reset(static_cast<GENERAL_NAMES*>(
            X509V3_get_d2i(extensions.get(), NID_subject_alt_name, nullptr, nullptr)));
    }
    clearOpenSslErrors();
    return names;
}

} // namespace

Result<CertificateRequest> CertificateRequest::create(const PrivateKey& key,
                                                      const QString& commonName,
                                                      const QStringList& dnsNames,
                                                      const QList<QHostAddress>& ipAddresses)
{
    if (key.isNull() || commonName.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("a certificate request needs a key and a common name"));
    }
    ReqPtr request(X509_REQ_new());
    NamePtr name(X509_NAME_new());
    const QByteArray cn = commonName.toUtf8();
    if (!request || !name || X509_REQ_set_version(request.get(), 0) != 1
        || X509_NAME_add_entry_by_NID(name.get(), NID_commonName, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(cn.constData()),
                                      int(cn.size()), -1, 0)
               != 1
        || X509_REQ_set_subject_name(request.get(), name.get()) != 1
        || X509_REQ_set_pubkey(request.get(), key.native()) != 1) {
        return openSslError(
            ErrorCode::CryptoFailure,
            QStringLiteral("cannot build a certificate request for \"%1\"").arg(commonName));
    }
    if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
        auto alt = makeAltNames(dnsNames, ipAddresses);
        if (!alt) {
            return alt.error();
        }
        STACK_OF(X509_EXTENSION)* raw = nullptr;
        const int added =
            X509V3_add1_i2d(&raw, NID_subject_alt_name, alt->get(), 0, X509V3_ADD_DEFAULT);
        ExtensionStackPtr extensions(raw);
        if (added != 1 || X509_REQ_add_extensions(request.get(), extensions.get()) != 1) {
            return openSslError(ErrorCode::CryptoFailure,
                                QStringLiteral("cannot add subjectAltName to the request"));
        }
    }
    if (X509_REQ_sign(request.get(), key.native(), defaultDigestFor(key.native())) <= 0) {
        return openSslError(ErrorCode::CryptoFailure,
                            QStringLiteral("cannot sign the certificate request"));
    }
    return CertificateRequest(std::shared_ptr<X509_REQ>(request.release(), X509_REQ_free));
}

Result<CertificateRequest> CertificateRequest::fromPem(const QByteArray& pem)
{
    if (!pem.contains("-----BEGIN ")) {
        return fromDer(pem);
    }
    if (pem.size() > MaxRequestBytes) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("certificate request too large"));
    }
    BioPtr bio = memoryBio(pem);
    ReqPtr request(bio ? PEM_read_bio_X509_REQ(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!request) {
        return openSslError(ErrorCode::InvalidCertificate,
                            QStringLiteral("not a PEM certificate request"));
    }
    return checked(std::move(request));
}

Result<CertificateRequest> CertificateRequest::fromDer(const QByteArray& der)
{
    if (der.isEmpty() || der.size() > MaxRequestBytes) {
        return makeError(ErrorCode::InvalidCertificate,
                         der.isEmpty() ? QStringLiteral("empty certificate request")
                                       : QStringLiteral("certificate request too large"));
    }
    const auto* cursor = reinterpret_cast<const unsigned char*>(der.constData());
    ReqPtr request(d2i_X509_REQ(nullptr, &cursor, long(der.size())));
    if (!request) {
        return openSslError(ErrorCode::InvalidCertificate,
                            QStringLiteral("not a DER certificate request"));
    }
    return checked(std::move(request));
}

QByteArray CertificateRequest::toPem() const
{
    return pemOf(m_request.get(), PEM_write_bio_X509_REQ);
}

QByteArray CertificateRequest::toDer() const
{
    return derOf(m_request.get(), i2d_X509_REQ);
}

QString CertificateRequest::subject() const
{
    return m_request ? nameToText(X509_REQ_get_subject_name(m_request.get())) : QString();
}

QString CertificateRequest::commonName() const
{
    return m_request ? detail::commonName(X509_REQ_get_subject_name(m_request.get())) : QString();
}

QStringList CertificateRequest::dnsNames() const
{
    QStringList names;
    if (m_request) {
        collectAltNames(requestedAltNames(m_request.get()).get(), &names, nullptr);
    }
    return names;
}

QList<QHostAddress> CertificateRequest::ipAddresses() const
{
    QList<QHostAddress> addresses;
    if (m_request) {
        collectAltNames(requestedAltNames(m_request.get()).get(), nullptr, &addresses);
    }
    return addresses;
}

PublicKey CertificateRequest::publicKey() const
{
    EVP_PKEY* key = m_request ? X509_REQ_get_pubkey(m_request.get()) : nullptr;
    if (key == nullptr) {
        clearOpenSslErrors();
        return {};
    }
    return PublicKey(sharePkey(PkeyPtr(key)));
}

KeySpec CertificateRequest::keySpec() const
{
    return publicKey().spec();
}

} // namespace steward::crypto
