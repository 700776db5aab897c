// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/Transaction.h"

#include "server/db/Database.h"
#include "server/db/Logging.h"

#include <QSqlError>

namespace steward::server::db {

Transaction::Transaction(Database& db) : m_db(db)
{
    if (!m_db.isOpen()) {
        m_started = makeError(ErrorCode::DatabaseUnavailable,
                              QStringLiteral("the database connection is closed"));
    } else if (!m_db.connection().transaction()) {
        m_started = makeError(ErrorCode::DatabaseUnavailable,
                              QStringLiteral("starting a transaction failed: ")
                                  + m_db.connection().lastError().text());
    }
    m_done = !m_started.ok();
}

Transaction::~Transaction()
{
    if (!m_done && !m_db.connection().rollback()) {
        qCWarning(lcServerDb) << "rollback failed" << m_db.connection().lastError().text();
    }
}

Result<void> Transaction::commit()
{
    if (!m_started) {
        return m_started;
    }
    if (m_done) {
        return makeError(ErrorCode::Internal, QStringLiteral("transaction already finished"));
    }
    if (!m_db.connection().commit()) {
        const auto text = m_db.connection().lastError().text();
        m_db.connection().rollback();
        m_done = true;
        return makeError(ErrorCode::DatabaseError, QStringLiteral("commit failed: ") + text);
    }
    m_done = true;
    return {};
}

} // namespace steward::server::db
