// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PassphraseCipher - authenticated AES-256-GCM encryption under a passphrase (backups).
#pragma once

#include "common/core/Result.h"

#include <QByteArray>
#include <QString>

namespace steward::crypto {

/** PBKDF2-HMAC-SHA256 iterations for the backup key; the same figure as for passwords. */
constexpr int DefaultPassphraseIterations = 600000;

/**
 * Encrypts `plaintext` into a self-describing blob (see docs/crypto.md):
 * "STWENC" | version 1 | KDF 1 (PBKDF2-HMAC-SHA256) | iterations (u32 BE) | salt (16) |
 * nonce (12) | ciphertext | GCM tag (16). The whole header is authenticated data.
 * `iterations` exists for tests; production code keeps the default.
 */
[[nodiscard]] Result<QByteArray>
encryptWithPassphrase(const QByteArray& plaintext, const QString& passphrase,
                      int iterations = DefaultPassphraseIterations);

/**
 * Decrypts a blob from encryptWithPassphrase(). Not such a blob (too short, unknown magic,
 * version or KDF) is InvalidValue; a wrong passphrase or altered data is BadPassword.
 */
[[nodiscard]] Result<QByteArray> decryptWithPassphrase(const QByteArray& data,
                                                       const QString& passphrase);

/** True when `data` starts with the header of encryptWithPassphrase(). */
[[nodiscard]] bool isPassphraseEncrypted(const QByteArray& data);

} // namespace steward::crypto
