// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Database - owns one named QtSql connection to SQLite or PostgreSQL, with its pragmas.
#pragma once

#include "common/core/Result.h"
#include "server/db/DatabaseConfig.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <optional>

class QSqlQuery;

namespace steward::server::db {

/**
 * One connection, used from the thread that opened it (Qt's rule for QSqlDatabase).
 * SQLite is opened with WAL, foreign keys and synchronous=FULL, so an acknowledged write
 * survives a crash. All SQL elsewhere goes through prepare()/exec() with bound values.
 */
class Database {
public:
    explicit Database(DatabaseConfig config);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    [[nodiscard]] Result<void> open();
    void close();
    [[nodiscard]] bool isOpen() const;
    /** A cheap round trip; on failure the connection is closed so reopen() can start afresh. */
    [[nodiscard]] Result<void> ping();
    /** Closes and opens again; used when the database comes back after an outage. */
    [[nodiscard]] Result<void> reopen();

    [[nodiscard]] DatabaseKind kind() const { return m_config.kind; }
    [[nodiscard]] const DatabaseConfig& config() const { return m_config; }
    [[nodiscard]] QSqlDatabase connection() const;

    /** Prepares \a sql; the caller binds values and calls exec(). */
    [[nodiscard]] Result<QSqlQuery> prepare(const QString& sql) const;
    /** Executes a prepared query, turning a failure into an Error naming \a what. */
    [[nodiscard]] static Result<void> exec(QSqlQuery& query, const QString& what);
    /** A text value for a NOT NULL column: a null QString would bind SQL NULL. */
    [[nodiscard]] static QString text(const QString& value)
    {
        return value.isNull() ? QStringLiteral("") : value;
    }
    /** A value for a nullable integer column: SQL NULL when \a value is absent. */
    [[nodiscard]] static QVariant nullable(const std::optional<qint64>& value)
    {
        return value ? QVariant(*value) : QVariant(QMetaType(QMetaType::LongLong));
    }
    /** Runs one statement with no bound values (DDL, pragmas). */
    [[nodiscard]] Result<void> execute(const QString& sql, const QString& what) const;

private:
    [[nodiscard]] Result<void> applyPragmas();

    DatabaseConfig m_config;
    QString m_connectionName;
};

} // namespace steward::server::db
