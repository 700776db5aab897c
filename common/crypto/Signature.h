// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Signature - signs and verifies data (shadow tickets, signed instructions) with X.509 keys.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"
#include "common/crypto/PublicKey.h"

#include <QByteArray>
#include <QString>

namespace steward::crypto {

/**
 * Signs `data`: RSA keys with SHA-512 and PKCS#1 v1.5 ("SHA512withRSA"), EC keys with ECDSA
 * over SHA-256 ("SHA256withECDSA", DER-encoded signature).
 */
[[nodiscard]] Result<QByteArray> signData(const PrivateKey& key, const QByteArray& data);

/** Checks a signature made by signData(); a mismatch is ErrorCode::SignatureInvalid. */
[[nodiscard]] Result<void> verifySignature(const PublicKey& key, const QByteArray& data,
                                           const QByteArray& signature);
/** The same, with the public key of `certificate` (validity and trust are not checked). */
[[nodiscard]] Result<void> verifySignature(const Certificate& certificate, const QByteArray& data,
                                           const QByteArray& signature);

/** The algorithm signData() uses for `spec`: "SHA512withRSA" or "SHA256withECDSA". */
[[nodiscard]] QString signatureAlgorithmFor(const KeySpec& spec);

} // namespace steward::crypto
