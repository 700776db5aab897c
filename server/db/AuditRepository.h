// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AuditRepository - the append-only audit log: who did what, when, from where.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Admin.h"

namespace steward::server::db {

class Database;

class AuditRepository {
public:
    explicit AuditRepository(Database& db);

    [[nodiscard]] Result<qint64> append(const AuditEntry& entry);
    /** Newest first. */
    [[nodiscard]] Result<Page<AuditEntry>> query(const AuditFilter& filter, qint64 offset,
                                                 qint64 limit) const;

private:
    Database& m_db;
};

} // namespace steward::server::db
