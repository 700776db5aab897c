// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ChainVerifier - verifies a certificate chain against an explicit set of trusted CAs.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"

#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QString>

namespace steward::crypto {

enum class CertificatePurpose {
    Any,
    TlsServer, // extendedKeyUsage must allow serverAuth
    TlsClient, // extendedKeyUsage must allow clientAuth
};

struct ChainVerifyOptions {
    CertificatePurpose purpose = CertificatePurpose::Any;
    /** The moment to check validity at; invalid means now. */
    QDateTime at;
    /** When set, the leaf must carry this DNS name (subjectAltName). */
    QString hostName;
    /** When set, the leaf must carry this IP address (subjectAltName). */
    QHostAddress ipAddress;
};

/**
 * Builds a path from `leaf` through `intermediates` to one of `trusted` (never the system
 * store) and checks signatures, validity, CA flags and purpose. An expired or not yet valid
 * certificate gives CertificateExpired; any other failure UntrustedCertificate, with
 * OpenSSL's reason and the subject of the certificate at fault in the message.
 */
[[nodiscard]] Result<void> verifyChain(const Certificate& leaf,
                                       const QList<Certificate>& intermediates,
                                       const QList<Certificate>& trusted,
                                       const ChainVerifyOptions& options = {});

} // namespace steward::crypto
