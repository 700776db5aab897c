// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AuditLog - records who did what, when and from where; the only writer of the audit table.
#pragma once

#include "server/db/AuditRepository.h"
#include "server/services/Clock.h"

namespace steward::server::services {

class AuditLog {
public:
    AuditLog(db::AuditRepository& repository, Clock clock);

    /**
     * Appends one entry stamped with the current time. A failed write is logged as critical;
     * it never undoes the action, which has already happened.
     */
    void record(const QString& actor, const QString& action, const QString& object,
                const QString& peer, const QString& outcome, const QString& details = {});

    /**
     * Records an action's result: outcome "ok", or "denied" (the request was refused) or
     * "failed" (database or internal error) with " reason=<message>" appended to \a details.
     */
    void recordResult(const QString& actor, const QString& action, const QString& object,
                      const QString& peer, const Result<void>& result, const QString& details);
    template <typename T>
    void recordResult(const QString& actor, const QString& action, const QString& object,
                      const QString& peer, const Result<T>& result, const QString& details)
    {
        recordResult(actor, action, object, peer,
                     result ? Result<void>() : Result<void>(result.error()), details);
    }

    [[nodiscard]] Result<db::Page<db::AuditEntry>> query(const db::AuditFilter& filter,
                                                         qint64 offset, qint64 limit) const;

private:
    db::AuditRepository& m_repository;
    Clock m_clock;
};

} // namespace steward::server::services
