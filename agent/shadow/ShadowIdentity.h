// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowIdentity - the agent's self-signed shadow certificate and key in its state directory.
#pragma once

#include "common/core/Result.h"
#include "common/tls/TlsFiles.h"

#include <QString>

namespace steward::agent::shadow {

inline constexpr auto ShadowKeyFile = "shadow.key";
inline constexpr auto ShadowCertificateFile = "shadow.crt";

/**
 * shadow.key (RSA-4096, PKCS#8 PEM, mode 0600) and shadow.crt (self-signed, SHA512withRSA,
 * CN=steward-shadow-<device>, serverAuth, valid 10 years) in \a stateDir. loadOrCreate()
 * creates them when either is missing or they do not belong together.
 */
[[nodiscard]] Result<tls::TlsIdentity> loadOrCreateShadowIdentity(const QString& stateDir,
                                                                  qint64 deviceId);
/** Replaces both files with a new key and certificate. */
[[nodiscard]] Result<tls::TlsIdentity> regenerateShadowIdentity(const QString& stateDir,
                                                                qint64 deviceId);

} // namespace steward::agent::shadow
