// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebCertificateCommands - web-certificates list|create|import|assign: the web listener's store.
#pragma once

#include "server/admin/AdminContext.h"

namespace steward::server::admin {

/** One line per web certificate; "*" marks the one in use. */
[[nodiscard]] Result<void> listWebCertificates(AdminContext& context);
/** Creates \a alias for \a names (comma-separated FQDNs and IPs) under the Steward root. */
[[nodiscard]] Result<void> createWebCertificate(AdminContext& context, const QString& alias,
                                                const QString& names, const QString& keySpec);
/**
 * Imports \a file as \a alias: a PKCS#12 file (.p12/.pfx; its password from STEWARD_PASSWORD or
 * standard input), or a PEM chain (leaf first, root last) with the PEM key in \a keyFile (its
 * password, when encrypted, likewise).
 */
[[nodiscard]] Result<void> importWebCertificate(AdminContext& context, const QString& alias,
                                                const QString& file, const QString& keyFile);
/**
 * Makes \a which (id or alias) the certificate in use from the server's next start (a running
 * server switches at once only when assigned over REST). Refused under a root that enrolled
 * devices do not trust, unless \a force.
 */
[[nodiscard]] Result<void> assignWebCertificate(AdminContext& context, const QString& which,
                                                bool force);

} // namespace steward::server::admin
