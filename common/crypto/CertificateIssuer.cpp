// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/CertificateIssuer.h"

#include "common/crypto/OpenSslSupport.h"
#include "common/crypto/Random.h"

#include <openssl/bn.h>

namespace steward::crypto {

using namespace detail;

namespace {

constexpr qsizetype SerialBytes = 16;

struct Subject {
    X509_NAME* name = nullptr; // not owned
    EVP_PKEY* key = nullptr;   // not owned
};

struct Issuer {
    X509* cert = nullptr; // not owned; nullptr for self-signed
    EVP_PKEY* key = nullptr;
};

Result<void> setSerial(X509* cert)
{
    auto bytes = randomBytes(SerialBytes);
    if (!bytes) {
        return bytes.error();
    }
    // Positive and with a non-zero first byte, so every serial has the full 127 bits of DER.
    (*bytes)[0] = char((bytes->at(0) & 0x7f) | 0x40);
    BignumPtr number(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes->constData()),
                               int(bytes->size()), nullptr));
    if (!number || BN_to_ASN1_INTEGER(number.get(), X509_get_serialNumber(cert)) == nullptr) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("cannot set the serial"));
    }
    return {};
}

Result<void> setValidity(X509* cert, const CertificateOptions& options)
{
    const QDateTime notBefore = options.notBefore.isValid()
                                    ? options.notBefore
                                    : QDateTime::currentDateTimeUtc().addSecs(-5 * 60);
    const QDateTime notAfter = options.notAfter.isValid()
                                   ? options.notAfter
                                   : notBefore.addSecs(qint64(options.validity.count()));
    if (notAfter <= notBefore) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("notAfter (%1) must be later than notBefore (%2)")
                             .arg(notAfter.toString(Qt::ISODate), notBefore.toString(Qt::ISODate)));
    }
    if (ASN1_TIME_set(X509_getm_notBefore(cert), time_t(notBefore.toSecsSinceEpoch())) == nullptr
        || ASN1_TIME_set(X509_getm_notAfter(cert), time_t(notAfter.toSecsSinceEpoch()))
               == nullptr) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("cannot set the validity"));
    }
    return {};
}

Result<void> addExtension(X509* cert, X509* issuer, int nid, const char* value)
{
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer != nullptr ? issuer : cert, cert, nullptr, nullptr, 0);
    ExtensionPtr extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value));
    if (!extension || X509_add_ext(cert, extension.get(), -1) != 1) {
        return openSslError(
            ErrorCode::CryptoFailure,
            QStringLiteral("cannot add extension %1").arg(QString::fromLatin1(OBJ_nid2sn(nid))));
    }
    return {};
}

Result<void> addEndEntityExtensions(X509* cert, X509* issuer, const CertificateOptions& options,
                                    bool rsa)
{
    if (auto added = addExtension(cert, issuer, NID_basic_constraints, "critical,CA:FALSE");
        !added) {
        return added;
    }
    const char* usage =
        rsa ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature";
    if (auto added = addExtension(cert, issuer, NID_key_usage, usage); !added) {
        return added;
    }
    if (options.serverAuth || options.clientAuth) {
        const char* purposes = options.serverAuth && options.clientAuth ? "serverAuth,clientAuth"
                               : options.serverAuth                     ? "serverAuth"
                                                                        : "clientAuth";
        if (auto added = addExtension(cert, issuer, NID_ext_key_usage, purposes); !added) {
            return added;
        }
    }
    if (!options.dnsNames.isEmpty() || !options.ipAddresses.isEmpty()) {
        auto names = makeAltNames(options.dnsNames, options.ipAddresses);
        if (!names) {
            return names.error();
        }
        if (X509_add1_ext_i2d(cert, NID_subject_alt_name, names->get(), 0, X509V3_ADD_DEFAULT)
            != 1) {
            return openSslError(ErrorCode::CryptoFailure,
                                QStringLiteral("cannot add subjectAltName"));
        }
    }
    return {};
}

Result<NamePtr> commonNameSubject(const QString& commonName)
{
    NamePtr name(X509_NAME_new());
    const QByteArray cn = commonName.toUtf8();
    if (commonName.isEmpty() || cn.size() > 64) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("a common name needs 1 to 64 bytes"));
    }
    if (!name
        || X509_NAME_add_entry_by_NID(name.get(), NID_commonName, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char*>(cn.constData()),
                                      int(cn.size()), -1, 0)
               != 1) {
        return openSslError(ErrorCode::CryptoFailure,
                            QStringLiteral("cannot build the subject name"));
    }
    return name;
}

// The part every certificate shares: version, serial, names, key, validity, key ids.
Result<X509Ptr> startCertificate(const Subject& subject, const Issuer& issuer,
                                 const CertificateOptions& options)
{
    X509Ptr cert(X509_new());
    X509_NAME* issuerName =
        issuer.cert != nullptr ? X509_get_subject_name(issuer.cert) : subject.name;
    if (!cert || X509_set_version(cert.get(), 2) != 1
        || X509_set_subject_name(cert.get(), subject.name) != 1
        || X509_set_issuer_name(cert.get(), issuerName) != 1
        || X509_set_pubkey(cert.get(), subject.key) != 1) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("cannot build certificate"));
    }
    if (auto serial = setSerial(cert.get()); !serial) {
        return serial.error();
    }
    if (auto validity = setValidity(cert.get(), options); !validity) {
        return validity.error();
    }
    if (auto ski = addExtension(cert.get(), issuer.cert, NID_subject_key_identifier, "hash");
        !ski) {
        return ski.error();
    }
    if (auto aki = addExtension(cert.get(), issuer.cert, NID_authority_key_identifier, "keyid");
        !aki) {
        return aki.error();
    }
    return cert;
}

Result<Certificate> finish(X509Ptr cert, EVP_PKEY* signingKey, SignatureDigest digest)
{
    const EVP_MD* md = defaultDigestFor(signingKey, digest == SignatureDigest::Sha256);
    if (X509_sign(cert.get(), signingKey, md) <= 0) {
        return openSslError(ErrorCode::CryptoFailure,
                            QStringLiteral("cannot sign the certificate"));
    }
    return Certificate(shareX509(std::move(cert)));
}

bool isRsa(EVP_PKEY* key)
{
    return EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA;
}

// A certificate issued by its own key, subject CN=options.commonName; extensions come next.
Result<X509Ptr> startSelfSigned(const PrivateKey& key, const CertificateOptions& options)
{
    if (key.isNull()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no key to sign with"));
    }
    auto name = commonNameSubject(options.commonName);
    if (!name) {
        return name.error();
    }
    return startCertificate({name->get(), key.native()}, {}, options);
}

} // namespace

Result<Certificate> createCaCertificate(const PrivateKey& key, const CertificateOptions& options)
{
    auto cert = startSelfSigned(key, options);
    if (!cert) {
        return cert.error();
    }
    for (const auto& [nid, value] : {std::pair{NID_basic_constraints, "critical,CA:TRUE"},
                                     std::pair{NID_key_usage, "critical,keyCertSign,cRLSign"}}) {
        if (auto added = addExtension(cert->get(), nullptr, nid, value); !added) {
            return added.error();
        }
    }
    return finish(std::move(*cert), key.native(), options.digest);
}

Result<Certificate> createSelfSignedCertificate(const PrivateKey& key,
                                                const CertificateOptions& options)
{
    auto cert = startSelfSigned(key, options);
    if (!cert) {
        return cert.error();
    }
    if (auto added = addEndEntityExtensions(cert->get(), nullptr, options, isRsa(key.native()));
        !added) {
        return added.error();
    }
    return finish(std::move(*cert), key.native(), options.digest);
}

Result<Certificate> issueCertificate(const CertificateRequest& request,
                                     const Certificate& caCertificate, const PrivateKey& caKey,
                                     const CertificateOptions& options)
{
    if (request.isNull() || caCertificate.isNull() || caKey.isNull()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("issuing needs a request, a CA certificate and its key"));
    }
    if (!caCertificate.isCa()) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("\"%1\" is not a CA certificate (basicConstraints CA:TRUE)")
                             .arg(caCertificate.subject()));
    }
    if (!caCertificate.matches(caKey)) {
        return makeError(
            ErrorCode::KeyMismatch,
            QStringLiteral("the CA key does not belong to \"%1\"").arg(caCertificate.subject()));
    }
    NamePtr override;
    if (!options.commonName.isEmpty()) {
        auto name = commonNameSubject(options.commonName);
        if (!name) {
            return name.error();
        }
        override = std::move(*name);
    }
    X509_NAME* subjectName =
        override ? override.get() : X509_REQ_get_subject_name(request.native());
    if (X509_NAME_entry_count(subjectName) == 0) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the request has an empty subject and no common name "
                                        "was given"));
    }
    EVP_PKEY* subjectKey = X509_REQ_get0_pubkey(request.native());
    auto cert = startCertificate({subjectName, subjectKey},
                                 {caCertificate.native(), caKey.native()}, options);
    if (!cert) {
        return cert.error();
    }
    if (auto added =
            addEndEntityExtensions(cert->get(), caCertificate.native(), options, isRsa(subjectKey));
        !added) {
        return added.error();
    }
    return finish(std::move(*cert), caKey.native(), options.digest);
}

} // namespace steward::crypto
