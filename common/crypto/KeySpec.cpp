// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/KeySpec.h"

namespace steward::crypto {

QString KeySpec::toString() const
{
    if (algorithm == KeyAlgorithm::Ec) {
        return QStringLiteral("EC P-%1").arg(bits);
    }
    return QStringLiteral("RSA %1").arg(bits);
}

Result<KeySpec> KeySpec::fromString(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.compare(QLatin1String("EC P-256"), Qt::CaseInsensitive) == 0) {
        return KeySpec{KeyAlgorithm::Ec, 256};
    }
    if (trimmed.compare(QLatin1String("EC P-384"), Qt::CaseInsensitive) == 0) {
        return KeySpec{KeyAlgorithm::Ec, 384};
    }
    for (const int bits : {2048, 3072, 4096}) {
        if (trimmed.compare(QStringLiteral("RSA %1").arg(bits), Qt::CaseInsensitive) == 0) {
            return KeySpec{KeyAlgorithm::Rsa, bits};
        }
    }
    return makeError(ErrorCode::UnsupportedAlgorithm,
                     QStringLiteral("unsupported key spec \"%1\" (expected RSA 2048, RSA 3072, "
                                    "RSA 4096, EC P-256 or EC P-384)")
                         .arg(text.left(40)));
}

} // namespace steward::crypto
