// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/AuditLog.h"

#include "server/app/Logging.h"

namespace steward::server::services {

AuditLog::AuditLog(db::AuditRepository& repository, Clock clock)
    : m_repository(repository), m_clock(std::move(clock))
{}

void AuditLog::record(const QString& actor, const QString& action, const QString& object,
                      const QString& peer, const QString& outcome, const QString& details)
{
    db::AuditEntry entry;
    entry.at = m_clock();
    entry.actor = actor;
    entry.action = action;
    entry.object = object;
    entry.peer = peer;
    entry.outcome = outcome;
    entry.details = details;
    auto written = m_repository.append(entry);
    if (!written) {
        qCCritical(lcServerApp).noquote()
            << QStringLiteral("audit write failed action=%1 actor=%2 error=%3")
                   .arg(action, actor, written.error().message);
    }
}

void AuditLog::recordResult(const QString& actor, const QString& action, const QString& object,
                            const QString& peer, const Result<void>& result, const QString& details)
{
    if (result) {
        record(actor, action, object, peer, QStringLiteral("ok"), details);
        return;
    }
    const auto code = result.error().code;
    const bool failed = code == ErrorCode::DatabaseError || code == ErrorCode::DatabaseUnavailable
                        || code == ErrorCode::Internal;
    record(actor, action, object, peer,
           failed ? QStringLiteral("failed") : QStringLiteral("denied"),
           QString(details + QStringLiteral(" reason=") + result.error().message).trimmed());
}

Result<db::Page<db::AuditEntry>> AuditLog::query(const db::AuditFilter& filter, qint64 offset,
                                                 qint64 limit) const
{
    return m_repository.query(filter, offset, limit);
}

} // namespace steward::server::services
