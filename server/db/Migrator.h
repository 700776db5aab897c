// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Migrator - brings a database to the schema this build knows, one transaction per step.
#pragma once

#include "common/core/Result.h"
#include "server/db/Migrations.h"

namespace steward::server::db {

class Database;

class Migrator {
public:
    /** \a steps defaults to the real history; tests pass their own. */
    explicit Migrator(Database& db, const std::vector<Migration>& steps = migrations());

    /** The schema version stored in the database; 0 for an empty database. */
    [[nodiscard]] Result<int> currentVersion() const;
    [[nodiscard]] int latestVersion() const;

    /**
     * Applies every pending step, each with its version bump in one transaction. Refuses a
     * database newer than this build (ErrorCode::DatabaseTooNew) and touches nothing then.
     */
    [[nodiscard]] Result<void> apply();

private:
    [[nodiscard]] Result<void> ensureVersionTable();
    [[nodiscard]] Result<void> applyStep(const Migration& step);

    Database& m_db;
    const std::vector<Migration>& m_steps;
};

} // namespace steward::server::db
