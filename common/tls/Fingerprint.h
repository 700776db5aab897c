// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Fingerprint - the text form of a certificate's SHA-256 fingerprint.
#pragma once

#include <QSslCertificate>
#include <QString>

namespace steward::tls {

/** "AB:01:…" — 32 upper-case hex byte pairs joined by colons; empty for a null certificate. */
[[nodiscard]] QString sha256Fingerprint(const QSslCertificate& certificate);

/** True when both are non-null and have the same DER encoding. */
[[nodiscard]] bool isSameCertificate(const QSslCertificate& a, const QSslCertificate& b);

} // namespace steward::tls
