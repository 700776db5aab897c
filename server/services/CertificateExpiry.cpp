// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/CertificateExpiry.h"

#include "server/app/Logging.h"

namespace steward::server::services {
namespace {

constexpr qint64 Day = 24 * 3600;

} // namespace

std::vector<ExpiringCertificate> expiringCertificates(const std::vector<StoredCertificate>& entries,
                                                      const QDateTime& now, int warningDays)
{
    std::vector<ExpiringCertificate> expiring;
    const QDateTime limit = now.addDays(warningDays);
    for (const auto& entry : entries) {
        const QDateTime notAfter = entry.certificate.notAfter();
        if (!entry.row.active || entry.certificate.isNull() || notAfter > limit) {
            continue;
        }
        const qint64 seconds = now.secsTo(notAfter);
        expiring.push_back({entry.row.id, entry.row.alias, notAfter,
                            seconds >= 0 ? seconds / Day : -((-seconds + Day - 1) / Day)});
    }
    return expiring;
}

CertificateExpiryCheck::CertificateExpiryCheck(const CertificateStore& store, int warningDays,
                                               Clock clock)
    : m_store(store), m_warningDays(warningDays), m_clock(std::move(clock))
{}

CheckResult CertificateExpiryCheck::operator()()
{
    auto entries = m_store.list();
    if (!entries) {
        return {Health::Warn, entries.error().message};
    }
    const qint64 now = m_clock();
    const auto expiring =
        expiringCertificates(*entries, QDateTime::fromSecsSinceEpoch(now, Qt::UTC), m_warningDays);
    if (expiring.empty()) {
        return {Health::Ok,
                QStringLiteral("no active certificate expires within %1 days").arg(m_warningDays)};
    }
    QStringList named;
    for (const auto& entry : expiring) {
        const QString text = entry.daysLeft < 0 || entry.notAfter.toSecsSinceEpoch() <= now
                                 ? QStringLiteral("\"%1\" expired on %2")
                                       .arg(entry.alias, entry.notAfter.toString(Qt::ISODate))
                                 : QStringLiteral("\"%1\" expires on %2 (in %3 days)")
                                       .arg(entry.alias, entry.notAfter.toString(Qt::ISODate))
                                       .arg(entry.daysLeft);
        named.append(text);
        const auto last = m_lastWarned.constFind(entry.id);
        if (last == m_lastWarned.constEnd() || now - *last >= Day) {
            m_lastWarned.insert(entry.id, now);
            qCWarning(lcServerApp).noquote()
                << QStringLiteral("device-communication certificate %1; roll devices over to "
                                  "another one before then")
                       .arg(text);
        }
    }
    return {Health::Warn, QStringLiteral("device-communication certificates: ")
                              + named.join(QStringLiteral("; "))};
}

} // namespace steward::server::services
