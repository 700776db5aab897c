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

/**
 * Runs \a body (returning Result<T>) inside one transaction and commits only when it
 * succeeded; a failed body or commit leaves nothing behind.
 */
template <typename T, typename Body>
[[nodiscard]] Result<T> inTransaction(Database& db, Body&& body)
{
    Transaction transaction(db);
    if (!transaction.started()) {
        return transaction.started().error();
    }
    Result<T> result = body();
    if (!result) {
        return result;
    }
    if (auto committed = transaction.commit(); !committed) {
        return committed.error();
    }
    return result;
}

} // namespace steward::server::db
