// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateExpiry - warns before an active device-communication certificate or a CA in use
// expires.
#pragma once

#include "server/services/CertificateAuthorities.h"
#include "server/services/CertificateStore.h"
#include "server/services/Clock.h"
#include "server/services/StatusService.h"

#include <QHash>

#include <functional>

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

/** A CA in use that expires soon: "root CA" or "device CA", with its subject. */
struct ExpiringAuthority {
    QString role;
    QString subject;
    QDateTime notAfter;
    qint64 daysLeft = 0; // whole days; negative once expired
};

/**
 * The CAs in use of \a set, the root (root-ca) and the device CA (device-ca), that expire
 * within \a warningDays of \a now. A renewed root not active yet and the old ones being
 * retired are not in use and not listed.
 */
[[nodiscard]] std::vector<ExpiringAuthority>
expiringAuthorities(const AuthoritySet& set, const QDateTime& now, int warningDays);

/**
 * The status check "certificate authority expiry": warn naming the root CA or the device CA
 * in use (\a authorities) when it expires within \a warningDays or has expired; ok otherwise.
 * Each warning is also logged, at most once a day.
 */
[[nodiscard]] std::function<CheckResult()>
authorityExpiryCheck(std::function<const AuthoritySet&()> authorities, int warningDays,
                     Clock clock);

} // namespace steward::server::services
