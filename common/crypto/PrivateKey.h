// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PrivateKey - an RSA or EC private key: generation, PKCS#8 PEM and 0600 key files.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/KeySpec.h"
#include "common/crypto/PublicKey.h"

#include <QByteArray>
#include <QSslKey>
#include <QString>

#include <memory>

struct evp_pkey_st;

namespace steward::crypto {

class PrivateKey {
public:
    PrivateKey() = default;

    /** A fresh key; RSA 4096 unless told otherwise (see KeySpec). */
    [[nodiscard]] static Result<PrivateKey> generate(const KeySpec& spec = KeySpec::rsa());

    /**
     * Parses a PEM private key (PKCS#8, encrypted PKCS#8 or traditional). An encrypted key
     * needs `passphrase`; a wrong or missing one gives ErrorCode::BadPassword.
     */
    [[nodiscard]] static Result<PrivateKey> fromPem(const QByteArray& pem,
                                                    const QString& passphrase = {});

    /**
     * PKCS#8 PEM. With a non-empty passphrase the key is encrypted with AES-256-CBC under
     * PBES2/PBKDF2-HMAC-SHA256, 100,000 iterations ("-----BEGIN ENCRYPTED PRIVATE KEY-----").
     */
    [[nodiscard]] Result<QByteArray> toPem(const QString& passphrase = {}) const;

    /** Writes toPem(passphrase) atomically to `path`; the file is mode 0600 from creation. */
    [[nodiscard]] Result<void> writeFile(const QString& path, const QString& passphrase = {}) const;
    /** Reads a key file written by writeFile() (or any PEM private key). */
    [[nodiscard]] static Result<PrivateKey> readFile(const QString& path,
                                                     const QString& passphrase = {});

    [[nodiscard]] bool isNull() const { return !m_key; }
    [[nodiscard]] KeySpec spec() const;
    [[nodiscard]] PublicKey publicKey() const;
    /** The key for Qt's TLS layer (unencrypted PEM in memory only). */
    [[nodiscard]] QSslKey toQSslKey() const;

    /** Internal to common/crypto. */
    explicit PrivateKey(std::shared_ptr<evp_pkey_st> key) : m_key(std::move(key)) {}
    [[nodiscard]] evp_pkey_st* native() const { return m_key.get(); }

private:
    std::shared_ptr<evp_pkey_st> m_key;
};

} // namespace steward::crypto
