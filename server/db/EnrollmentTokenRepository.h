// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// EnrollmentTokenRepository - one-time enrolment tokens, stored only as SHA-256 hashes.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Admin.h"
#include "server/db/records/Device.h"

#include <QByteArray>

namespace steward::server::db {

class Database;

class EnrollmentTokenRepository {
public:
    explicit EnrollmentTokenRepository(Database& db);

    /** \a tokenHash is the raw SHA-256 of the token; the token itself is never stored. */
    [[nodiscard]] Result<qint64> insert(const QByteArray& tokenHash, const EnrollmentToken& token);
    [[nodiscard]] Result<std::optional<EnrollmentToken>>
    findByHash(const QByteArray& tokenHash) const;
    /** Newest first. */
    [[nodiscard]] Result<Page<EnrollmentToken>> list(qint64 offset, qint64 limit) const;
    /** Conflict when the token was used meanwhile: a token is spent exactly once. */
    [[nodiscard]] Result<void> markUsed(qint64 id, qint64 now);

private:
    Database& m_db;
};

} // namespace steward::server::db
