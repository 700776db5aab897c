// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Random - cryptographically secure random bytes from OpenSSL's DRBG.
#pragma once

#include "common/core/Result.h"

#include <QByteArray>

namespace steward::crypto {

/** `count` secure random bytes (tokens, salts, nonces, serials); count is 0 to 1 MiB. */
[[nodiscard]] Result<QByteArray> randomBytes(qsizetype count);

} // namespace steward::crypto
