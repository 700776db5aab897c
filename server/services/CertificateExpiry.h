// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateExpiry - warns before an active device-communication certificate expires.
#pragma once

#include "server/services/CertificateStore.h"
#include "server/services/Clock.h"
#include "server/services/StatusService.h"

#include <QHash>

#include <vector>

namespace steward::server::services {

struct ExpiringCertificate {
    qint64 id = 0;
    QString alias;
    QDateTime notAfter;
    qint64 daysLeft = 0; // whole days; negative once expired
};

/** The active entries of \a entries whose certificate expires within \a warningDays of \a now. */
[[nodiscard]] std::vector<ExpiringCertificate>
expiringCertificates(const std::vector<StoredCertificate>& entries, const QDateTime& now,
                     int warningDays);

/**
 * The status check "device-communication certificates": warn naming every active certificate
 * that expires within warningDays or has expired, ok otherwise. Each such
 * certificate is also logged as a warning, at most once a day.
 */
class CertificateExpiryCheck {
public:
    CertificateExpiryCheck(const CertificateStore& store, int warningDays, Clock clock);

    [[nodiscard]] CheckResult operator()();

private:
    const CertificateStore& m_store;
    int m_warningDays;
    Clock m_clock;
    QHash<qint64, qint64> m_lastWarned; // certificate → when it was last logged
};

} // namespace steward::server::services
