// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DatabaseConfig - where the server's data lives: embedded SQLite or an external PostgreSQL.
#pragma once

#include <QString>

namespace steward::server::db {

enum class DatabaseKind { Sqlite, Postgres };

struct DatabaseConfig {
    DatabaseKind kind = DatabaseKind::Sqlite;
    QString sqliteFile; // SQLite: the database file
    QString host;       // PostgreSQL: host name or address
    int port = 5432;
    QString name;     // PostgreSQL: database name
    QString user;     // PostgreSQL: role
    QString password; // PostgreSQL: never logged
    int connectTimeoutSeconds = 5;

    /** A description for logs and status: kind and location, never the password. */
    [[nodiscard]] QString describe() const
    {
        if (kind == DatabaseKind::Sqlite) {
            return QStringLiteral("sqlite:") + sqliteFile;
        }
        return QStringLiteral("postgresql://") + user + QLatin1Char('@') + host + QLatin1Char(':')
               + QString::number(port) + QLatin1Char('/') + name;
    }
};

[[nodiscard]] inline QString kindName(DatabaseKind kind)
{
    return kind == DatabaseKind::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

} // namespace steward::server::db
