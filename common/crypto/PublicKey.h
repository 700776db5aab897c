// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PublicKey - an RSA or EC public key (SubjectPublicKeyInfo), for verifying signatures.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/KeySpec.h"

#include <QByteArray>

#include <memory>

struct evp_pkey_st; // OpenSSL's EVP_PKEY, opaque outside common/crypto

namespace steward::crypto {

class PublicKey {
public:
    PublicKey() = default;

    /** Parses a "-----BEGIN PUBLIC KEY-----" PEM block. */
    [[nodiscard]] static Result<PublicKey> fromPem(const QByteArray& pem);

    [[nodiscard]] bool isNull() const { return !m_key; }
    /** PEM "PUBLIC KEY" (SubjectPublicKeyInfo). */
    [[nodiscard]] QByteArray toPem() const;
    /** DER SubjectPublicKeyInfo, e.g. to hash for pinning. */
    [[nodiscard]] QByteArray toDer() const;
    [[nodiscard]] KeySpec spec() const;

    /** True when both hold the same key. */
    [[nodiscard]] bool equals(const PublicKey& other) const;

    /** Internal to common/crypto. */
    explicit PublicKey(std::shared_ptr<evp_pkey_st> key) : m_key(std::move(key)) {}
    [[nodiscard]] evp_pkey_st* native() const { return m_key.get(); }

private:
    std::shared_ptr<evp_pkey_st> m_key;
};

} // namespace steward::crypto
