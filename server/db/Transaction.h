// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Transaction - RAII guard: rolls back unless commit() was called.
#pragma once

#include "common/core/Result.h"

namespace steward::server::db {

class Database;

class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    /** Whether BEGIN succeeded; a transaction that did not start cannot commit. */
    [[nodiscard]] const Result<void>& started() const { return m_started; }
    [[nodiscard]] Result<void> commit();

private:
    Database& m_db;
    Result<void> m_started;
    bool m_done = false;
};

} // namespace steward::server::db
