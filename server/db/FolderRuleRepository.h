// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FolderRuleRepository - the folder_rules table (zero-touch placement).
#pragma once

#include "common/core/Result.h"
#include "server/db/records/FolderRule.h"

#include <vector>

namespace steward::server::db {

class Database;

class FolderRuleRepository {
public:
    explicit FolderRuleRepository(Database& db);

    /** Ordered by position, then id. */
    [[nodiscard]] Result<std::vector<FolderRule>> list() const;
    [[nodiscard]] Result<std::optional<FolderRule>> find(qint64 id) const;
    [[nodiscard]] Result<qint64> insert(const FolderRule& rule);
    /** Every column but id and created_at; NotFound for an unknown id. */
    [[nodiscard]] Result<void> update(const FolderRule& rule);
    /** NotFound for an unknown id. */
    [[nodiscard]] Result<void> remove(qint64 id);

private:
    Database& m_db;
};

} // namespace steward::server::db
