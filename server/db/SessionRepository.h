// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SessionRepository - login sessions, stored by the hash of their bearer token.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Admin.h"

namespace steward::server::db {

class Database;

/** Only SHA-256 hashes of tokens are stored: a copy of the database logs nobody in. */
class SessionRepository {
public:
    explicit SessionRepository(Database& db);

    [[nodiscard]] Result<qint64> insert(const QByteArray& tokenHash, const Session& session);
    [[nodiscard]] Result<std::optional<Session>> find(const QByteArray& tokenHash) const;
    [[nodiscard]] Result<void> extend(qint64 id, qint64 expiresAt);
    [[nodiscard]] Result<void> remove(const QByteArray& tokenHash);
    [[nodiscard]] Result<void> removeForAdmin(qint64 adminId);
    /** Returns how many expired sessions were removed. */
    [[nodiscard]] Result<qint64> removeExpired(qint64 now);

private:
    Database& m_db;
};

} // namespace steward::server::db
