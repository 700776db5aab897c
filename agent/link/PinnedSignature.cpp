// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/link/PinnedSignature.h"

#include "common/crypto/Certificate.h"
#include "common/crypto/Signature.h"

namespace steward::agent {

Result<void> verifyPinnedSignature(const QSslCertificate& pinned, const QByteArray& payload,
                                   const QByteArray& signature, const QString& what)
{
    if (signature.isEmpty()) {
        return makeError(ErrorCode::SignatureInvalid,
                         QStringLiteral("%1 carries no signature").arg(what));
    }
    auto certificate = crypto::Certificate::fromQSslCertificate(pinned);
    if (!certificate) {
        return makeError(ErrorCode::SignatureInvalid,
                         QStringLiteral("no pinned device-communication certificate: ")
                             + certificate.error().message);
    }
    if (auto verified = crypto::verifySignature(*certificate, payload, signature); !verified) {
        return makeError(ErrorCode::SignatureInvalid,
                         QStringLiteral("%1 is not signed by the pinned device-communication "
                                        "certificate: %2")
                             .arg(what, verified.error().message));
    }
    return {};
}

} // namespace steward::agent
