// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateCommands - certificates list|show|export|generate|import|change: the
// device-communication store.
#pragma once

#include "server/admin/AdminContext.h"

namespace steward::server::admin {

/** One line per certificate, in list order; "*" marks the default. */
[[nodiscard]] Result<void> listCertificates(AdminContext& context);
/** The content of the certificate with id or alias \a which. */
[[nodiscard]] Result<void> showCertificate(AdminContext& context, const QString& which);
/** The certificate \a which as PEM, or DER with \a der, on standard output. */
[[nodiscard]] Result<void> exportCertificate(AdminContext& context, const QString& which, bool der);
/** Generates \a alias with \a keySpec (empty: RSA 4096) and appends it to the list; audited. */
/**
 * \a action is "activate", "deactivate", "up", "down" (one place in the list) or "delete"
 * (refused while devices use it unless \a force), with the store's rules and audit.
 */
[[nodiscard]] Result<void> changeCertificate(AdminContext& context, const QString& action,
                                             const QString& which, bool force);
/** Where certificates import finds its material: a PEM/DER certificate (and key) or PKCS#12. */
struct CertificateFiles {
    QString certificate;
    QString key;
    QString pkcs12;
};
/**
 * Imports \a alias from \a files with the server's checks (MD5, chains, algorithms, validity,
 * key match: each refused with why); the PKCS#12 or encrypted key's password comes from
 * STEWARD_PASSWORD or standard input. Without a key the entry starts inactive. Audited.
 */
[[nodiscard]] Result<void> importCertificate(AdminContext& context, const QString& alias,
                                             const CertificateFiles& files);
[[nodiscard]] Result<void> generateCertificate(AdminContext& context, const QString& alias,
                                               const QString& keySpec);

} // namespace steward::server::admin
