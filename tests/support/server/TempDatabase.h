// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TempDatabase - a fresh, empty SQLite file or PostgreSQL database for one test case.
#pragma once

#include "server/db/DatabaseConfig.h"

#include <QString>
#include <QTemporaryDir>

namespace steward::test {

/**
 * SQLite: a file in its own QTemporaryDir. PostgreSQL: a new database in the throwaway cluster
 * that ctest's "postgres" fixture starts (tests/support/pg-cluster); run outside ctest, the
 * process starts a cluster of its own and stops it at exit. The database is dropped afterwards.
 */
class TempDatabase {
public:
    enum class Cluster { Shared, Private };
    /** Cluster::Private gives PostgreSQL tests that stop the server a cluster of their own. */
    explicit TempDatabase(server::db::DatabaseKind kind, Cluster cluster = Cluster::Shared);
    ~TempDatabase();
    TempDatabase(const TempDatabase&) = delete;
    TempDatabase& operator=(const TempDatabase&) = delete;

    /** Empty when the database is ready; otherwise why it could not be made. */
    [[nodiscard]] const QString& setupError() const { return m_setupError; }
    [[nodiscard]] const server::db::DatabaseConfig& config() const { return m_config; }
    [[nodiscard]] QString directory() const { return m_dir.path(); }

    /** Stops this database's PostgreSQL cluster (outage tests); startCluster() brings it back. */
    [[nodiscard]] bool stopCluster() const;
    [[nodiscard]] bool startCluster() const;

private:
    QTemporaryDir m_dir;
    QString m_clusterDir;
    server::db::DatabaseConfig m_config;
    QString m_setupError;
};

/** Both kinds, for GENERATE() in tests that must pass on either database. */
inline constexpr server::db::DatabaseKind AllDatabaseKinds[] = {server::db::DatabaseKind::Sqlite,
                                                                server::db::DatabaseKind::Postgres};

} // namespace steward::test
