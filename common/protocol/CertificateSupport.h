// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateSupport - which device-communication certificates an agent can
// verify with.
#pragma once

#include "common/core/Result.h"

#include <QJsonObject>
#include <QStringList>

namespace steward::protocol {

/**
 * Sent by the agent in its enrolment request as "certificateSupport":
 * {"keySpecs":[…], "signatureAlgorithms":[…]}. A key spec is "RSA" (any size),
 * "RSA 2048", "EC P-256"…; a signature algorithm is a certificate's, e.g.
 * "SHA512withRSA", "SHA256withECDSA".
 */
struct CertificateSupport {
    QStringList keySpecs;
    QStringList signatureAlgorithms;

    /** What an agent that does not send the field supports: RSA + SHA512withRSA,
     * EC P-256 + SHA256withECDSA (the agents before the certificate store). */
    [[nodiscard]] static CertificateSupport legacy();
    /** What this build's agent verifies. */
    [[nodiscard]] static CertificateSupport current();

    /** Whether a certificate with this key spec ("RSA 4096") and algorithm is
     * supported. */
    [[nodiscard]] bool supports(const QString& keySpec, const QString& signatureAlgorithm) const;
    /** "keys RSA, EC P-256; signatures SHA512withRSA, SHA256withECDSA", for
     * messages. */
    [[nodiscard]] QString describe() const;

    [[nodiscard]] QJsonObject toJson() const;
    /** Both lists required, 1–32 non-empty strings of at most 40 characters each.
     */
    [[nodiscard]] static Result<CertificateSupport> fromJson(const QJsonObject& json,
                                                             const QString& path);

    friend bool operator==(const CertificateSupport&, const CertificateSupport&) = default;
};

} // namespace steward::protocol
