// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebCertificateSupport - helpers shared by the web certificate store's files.
#pragma once

#include "server/services/WebCertificateStore.h"

namespace steward::server::services {

/** "web-certificate:ID", the audit object. */
[[nodiscard]] QString webObjectOf(qint64 id);

/** A row for \a leaf issued through \a chain (root last); key file, time and actor unset. */
[[nodiscard]] db::WebCertificate webRowFor(const QString& alias, const QString& origin,
                                           const crypto::Certificate& leaf,
                                           const QList<crypto::Certificate>& chain);

/** The row with its certificates parsed. */
[[nodiscard]] Result<StoredWebCertificate> webEntryOf(const db::WebCertificate& row);

/** "web/<first 32 hex digits of the SHA-256 fingerprint>.key", relative to the pki folder. */
[[nodiscard]] QString webKeyFileFor(const crypto::Certificate& leaf);

/**
 * A new \a keySpec key ("EC P-256", "RSA 2048", "RSA 4096") and a serverAuth certificate for
 * \a names signed by the Steward root, valid \a validityDays from now.
 */
[[nodiscard]] Result<WebMaterial> issueWebCertificate(const ServerIdentity& identity,
                                                      const WebNames& names, const QString& keySpec,
                                                      int validityDays);

} // namespace steward::server::services
