// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AdminRepository - administrator accounts and their login state.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Admin.h"

namespace steward::server::db {

class Database;

class AdminRepository {
public:
    explicit AdminRepository(Database& db);

    /** AlreadyExists when the name is taken. */
    [[nodiscard]] Result<qint64> insert(const QString& name, const QString& passwordHash,
                                        bool superuser, qint64 now);
    [[nodiscard]] Result<std::optional<Admin>> findByName(const QString& name) const;
    [[nodiscard]] Result<std::optional<Admin>> findById(qint64 id) const;
    [[nodiscard]] Result<Page<Admin>> list(qint64 offset, qint64 limit) const;
    [[nodiscard]] Result<qint64> count() const;

    /** Conflict when \a expectedRevision is not the stored one (someone else changed it). */
    [[nodiscard]] Result<void> setPassword(qint64 id, const QString& passwordHash,
                                           qint64 expectedRevision, qint64 now);
    [[nodiscard]] Result<void> setLoginState(qint64 id, int failedLogins,
                                             std::optional<qint64> lockedUntil);

private:
    Database& m_db;
};

} // namespace steward::server::db
