// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/CertificateExpiry.h"

#include "server/app/Logging.h"

namespace steward::server::services {
namespace {

constexpr qint64 Day = 24 * 3600;

qint64 daysBetween(const QDateTime& now, const QDateTime& notAfter)
{
    const qint64 seconds = now.secsTo(notAfter);
    return seconds >= 0 ? seconds / Day : -((-seconds + Day - 1) / Day);
}

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
        expiring.push_back({entry.row.id, entry.row.alias, notAfter, daysBetween(now, notAfter)});
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

std::vector<ExpiringAuthority> expiringAuthorities(const AuthoritySet& set, const QDateTime& now,
                                                   int warningDays)
{
    std::vector<ExpiringAuthority> expiring;
    const QDateTime limit = now.addDays(warningDays);
    for (const auto& [role, certificate] :
         {std::pair<QString, const crypto::Certificate*>{QStringLiteral("root CA"), &set.root},
          {QStringLiteral("device CA"), &set.deviceCa}}) {
        if (certificate->isNull() || certificate->notAfter() > limit) {
            continue;
        }
        expiring.push_back({role, certificate->subject(), certificate->notAfter(),
                            daysBetween(now, certificate->notAfter())});
    }
    return expiring;
}

std::function<CheckResult()> authorityExpiryCheck(std::function<const AuthoritySet&()> authorities,
                                                  int warningDays, Clock clock)
{
    return [authorities = std::move(authorities), warningDays, clock = std::move(clock),
            lastWarned = QHash<QString, qint64>()]() mutable -> CheckResult {
        const qint64 now = clock();
        const auto expiring = expiringAuthorities(
            authorities(), QDateTime::fromSecsSinceEpoch(now, Qt::UTC), warningDays);
        if (expiring.empty()) {
            return {Health::Ok, QStringLiteral("neither the root CA nor the device CA expires "
                                               "within %1 days")
                                    .arg(warningDays)};
        }
        QStringList named;
        for (const auto& authority : expiring) {
            const QString date = authority.notAfter.toString(Qt::ISODate);
            const QString text = authority.notAfter.toSecsSinceEpoch() <= now
                                     ? QStringLiteral("the %1 \"%2\" expired on %3")
                                           .arg(authority.role, authority.subject, date)
                                     : QStringLiteral("the %1 \"%2\" expires on %3 (in %4 days)")
                                           .arg(authority.role, authority.subject, date)
                                           .arg(authority.daysLeft);
            named.append(text);
            const auto last = lastWarned.constFind(authority.role);
            if (last == lastWarned.constEnd() || now - *last >= Day) {
                lastWarned.insert(authority.role, now);
                qCWarning(lcServerApp).noquote()
                    << text + QStringLiteral("; renew it (docs/certificates.md, \"CA rollover\")");
            }
        }
        return {Health::Warn,
                named.join(QStringLiteral("; ")) + QStringLiteral("; renew it (CA rollover)")};
    };
}

} // namespace steward::server::services
