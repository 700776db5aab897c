// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateIssuer - makes CA, self-signed and CA-issued X.509 v3 certificates.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/CertificateRequest.h"
#include "common/crypto/PrivateKey.h"

#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>

namespace steward::crypto {

/** The digest of certificate signatures. EC keys always sign with ECDSA-SHA256. */
enum class SignatureDigest {
    Default, // SHA-512 for RSA ("SHA512withRSA"), SHA-256 for EC
    Sha256,
    Sha512,
};

struct CertificateOptions {
    /** Replaces the request's subject with CN=commonName when not empty. */
    QString commonName;
    QStringList dnsNames;
    QList<QHostAddress> ipAddresses;
    bool serverAuth = false; // extendedKeyUsage serverAuth
    bool clientAuth = false; // extendedKeyUsage clientAuth
    /** Invalid means "now minus 5 minutes", to tolerate clock skew between hosts. */
    QDateTime notBefore;
    /** Invalid means notBefore + validity. */
    QDateTime notAfter;
    std::chrono::seconds validity = std::chrono::hours(24 * 365);
    SignatureDigest digest = SignatureDigest::Default;
};

/**
 * A self-signed CA: basicConstraints CA:TRUE (critical), keyUsage keyCertSign and cRLSign
 * (critical), subject key id. Uses commonName, validity and digest from `options`.
 */
[[nodiscard]] Result<Certificate> createCaCertificate(const PrivateKey& key,
                                                      const CertificateOptions& options);

/**
 * A self-signed end-entity certificate (CA:FALSE), e.g. the agent's shadow certificate; with
 * the SANs, extended key usages, validity and digest of `options`.
 */
[[nodiscard]] Result<Certificate> createSelfSignedCertificate(const PrivateKey& key,
                                                              const CertificateOptions& options);

/**
 * An end-entity certificate for the key in `request`, signed by `caKey`. SANs come from
 * `options` only (the issuer decides what a requester gets); the request's own subject is kept
 * unless options.commonName is set. Serial: 127 random bits. Adds keyUsage digitalSignature
 * (+ keyEncipherment for RSA), the requested extended key usages and the authority key id.
 */
[[nodiscard]] Result<Certificate> issueCertificate(const CertificateRequest& request,
                                                   const Certificate& caCertificate,
                                                   const PrivateKey& caKey,
                                                   const CertificateOptions& options);

} // namespace steward::crypto
