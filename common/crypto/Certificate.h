// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Certificate - an X.509 certificate: parsing, export and the fields Steward shows and checks.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/KeySpec.h"
#include "common/crypto/PublicKey.h"

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QStringList>

#include <memory>

struct x509_st; // OpenSSL's X509, opaque outside common/crypto

namespace steward::crypto {

class PrivateKey;

enum class FingerprintAlgorithm { Sha1, Sha256 };

class Certificate {
public:
    Certificate() = default;

    /** The first certificate of a PEM text; see pemChainFromPem() for all of them. */
    [[nodiscard]] static Result<Certificate> fromPem(const QByteArray& pem);
    [[nodiscard]] static Result<Certificate> fromDer(const QByteArray& der);
    /** PEM or DER, whichever `data` is. */
    [[nodiscard]] static Result<Certificate> fromPemOrDer(const QByteArray& data);
    /** Every certificate of a PEM text, in order; an error when there is none or one is bad. */
    [[nodiscard]] static Result<QList<Certificate>> chainFromPem(const QByteArray& pem);
    /**
     * The strict import used for administrator-supplied certificates: exactly one certificate
     * (PEM or DER). A chain gives ChainNotAllowed, an MD5 signature WeakSignature.
     */
    [[nodiscard]] static Result<Certificate> importSingle(const QByteArray& data);
    [[nodiscard]] static Result<Certificate> fromQSslCertificate(const QSslCertificate& cert);

    [[nodiscard]] bool isNull() const { return !m_cert; }
    [[nodiscard]] QByteArray toPem() const;
    [[nodiscard]] QByteArray toDer() const;
    [[nodiscard]] QSslCertificate toQSslCertificate() const;

    /** RFC 2253 one-line text, e.g. "CN=steward-ca,O=Steward". */
    [[nodiscard]] QString subject() const;
    [[nodiscard]] QString issuer() const;
    [[nodiscard]] QString subjectCommonName() const;
    [[nodiscard]] QString issuerCommonName() const;
    /** Upper-case hex without separators, e.g. "5A03F1…". */
    [[nodiscard]] QString serialNumber() const;
    [[nodiscard]] QDateTime notBefore() const; // UTC
    [[nodiscard]] QDateTime notAfter() const;  // UTC
    /** notBefore <= at <= notAfter; `at` defaults to now. */
    [[nodiscard]] bool isValidAt(const QDateTime& at = QDateTime::currentDateTimeUtc()) const;
    [[nodiscard]] bool isSelfSigned() const;
    /** basicConstraints CA:TRUE. */
    [[nodiscard]] bool isCa() const;
    [[nodiscard]] QStringList dnsNames() const;
    [[nodiscard]] QList<QHostAddress> ipAddresses() const;

    /** The digest of the DER encoding. */
    [[nodiscard]] QByteArray fingerprint(FingerprintAlgorithm algorithm) const;
    /** "AB:CD:…", upper-case hex with colons. */
    [[nodiscard]] QString fingerprintText(FingerprintAlgorithm algorithm) const;

    [[nodiscard]] PublicKey publicKey() const;
    [[nodiscard]] KeySpec keySpec() const;
    /** "SHA512withRSA", "SHA256withECDSA", "MD5withRSA"…; the OID's name for anything else. */
    [[nodiscard]] QString signatureAlgorithm() const;
    [[nodiscard]] bool isMd5Signed() const;
    /** True when `key` is the private half of this certificate's public key. */
    [[nodiscard]] bool matches(const PrivateKey& key) const;

    /** Same DER encoding. */
    [[nodiscard]] bool operator==(const Certificate& other) const;

    /** Internal to common/crypto. */
    explicit Certificate(std::shared_ptr<x509_st> cert) : m_cert(std::move(cert)) {}
    [[nodiscard]] x509_st* native() const { return m_cert.get(); }

private:
    std::shared_ptr<x509_st> m_cert;
};

/** The number of "BEGIN CERTIFICATE" blocks in a PEM text: 1 is a single certificate. */
[[nodiscard]] int countPemCertificates(const QByteArray& pem);

} // namespace steward::crypto
