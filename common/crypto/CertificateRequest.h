// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateRequest - a PKCS#10 CSR: created on a device, parsed and checked by the server.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/KeySpec.h"
#include "common/crypto/PublicKey.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

struct X509_req_st; // OpenSSL's X509_REQ, opaque outside common/crypto

namespace steward::crypto {

class PrivateKey;

class CertificateRequest {
public:
    CertificateRequest() = default;

    /** A CSR for subject CN=`commonName` with the given subjectAltNames, signed by `key`. */
    [[nodiscard]] static Result<CertificateRequest>
    create(const PrivateKey& key, const QString& commonName, const QStringList& dnsNames = {},
           const QList<QHostAddress>& ipAddresses = {});

    /** Parses a PEM or DER CSR and verifies its self-signature (SignatureInvalid if bad). */
    [[nodiscard]] static Result<CertificateRequest> fromPem(const QByteArray& pem);
    [[nodiscard]] static Result<CertificateRequest> fromDer(const QByteArray& der);

    [[nodiscard]] bool isNull() const { return !m_request; }
    [[nodiscard]] QByteArray toPem() const;
    [[nodiscard]] QByteArray toDer() const;

    [[nodiscard]] QString subject() const;
    [[nodiscard]] QString commonName() const;
    /** The subjectAltNames the requester asked for; the issuer decides what it grants. */
    [[nodiscard]] QStringList dnsNames() const;
    [[nodiscard]] QList<QHostAddress> ipAddresses() const;
    [[nodiscard]] PublicKey publicKey() const;
    [[nodiscard]] KeySpec keySpec() const;

    /** Internal to common/crypto. */
    explicit CertificateRequest(std::shared_ptr<X509_req_st> request)
        : m_request(std::move(request))
    {}
    [[nodiscard]] X509_req_st* native() const { return m_request.get(); }

private:
    std::shared_ptr<X509_req_st> m_request;
};

} // namespace steward::crypto
