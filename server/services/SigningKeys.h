// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SigningKeys - which key signs the instructions to one device.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/PrivateKey.h"

#include <functional>

namespace steward::server::services {

/**
 * The key that signs instructions to a device (shadow tickets, release): that
 * of the device-communication certificate the device pinned
 * (CertificateStore::signingKeyFor).
 */
using SigningKeyOf = std::function<Result<crypto::PrivateKey>(qint64 deviceId)>;

} // namespace steward::server::services
