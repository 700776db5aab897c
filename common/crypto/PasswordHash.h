// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PasswordHash - salted PBKDF2-HMAC-SHA256 hashes of administrator passwords.
#pragma once

#include "common/core/Result.h"

#include <QString>

namespace steward::crypto {

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 0.3 s per hash here. */
constexpr int DefaultPasswordIterations = 600000;

/**
 * "pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>" with a 16-byte random salt and a
 * 32-byte hash. `iterations` exists for tests; production code keeps the default.
 */
[[nodiscard]] Result<QString> hashPassword(const QString& password,
                                           int iterations = DefaultPasswordIterations);

/**
 * Checks `password` against a stored hash in constant time. A mismatch is BadPassword; a
 * stored value that is not a hash this code understands is InvalidValue.
 */
[[nodiscard]] Result<void> verifyPassword(const QString& password, const QString& storedHash);

/** True when `storedHash` is weaker than a fresh hash (fewer iterations, other format). */
[[nodiscard]] bool needsRehash(const QString& storedHash,
                               int iterations = DefaultPasswordIterations);

} // namespace steward::crypto
