// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/Fingerprint.h"

#include <QCryptographicHash>

namespace steward::tls {

QString sha256Fingerprint(const QSslCertificate& certificate)
{
    if (certificate.isNull()) {
        return {};
    }
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

bool isSameCertificate(const QSslCertificate& a, const QSslCertificate& b)
{
    return !a.isNull() && !b.isNull() && a.toDer() == b.toDer();
}

} // namespace steward::tls
