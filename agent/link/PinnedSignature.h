// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PinnedSignature - checks a signed instruction against the pinned device-communication
// certificate.
#pragma once

#include "common/core/Result.h"

#include <QByteArray>
#include <QSslCertificate>
#include <QString>

namespace steward::agent {

/**
 * Verifies \a signature over \a payload with the device-communication certificate the agent
 * pinned at enrolment. \a what names the instruction in the error ("the reboot instruction",
 * "the bundle"); every failure is ErrorCode::SignatureInvalid.
 */
[[nodiscard]] Result<void> verifyPinnedSignature(const QSslCertificate& pinned,
                                                 const QByteArray& payload,
                                                 const QByteArray& signature, const QString& what);

} // namespace steward::agent
