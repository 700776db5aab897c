// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// BackupMaker - gathers what a backup holds: the database, the PKI and the settings file.
#pragma once

#include "server/services/BackupArchive.h"

#include <functional>

namespace steward::server::db {
class Database;
} // namespace steward::server::db

namespace steward::server::services {

/** Reads a whole file of at most \a limit bytes; the error names the file. */
[[nodiscard]] Result<QByteArray> readSmallFile(const QString& path, qint64 limit);

/**
 * Called after each table with the tables read so far and their number; returning false
 * cancels the backup (the result is then a Conflict error saying so).
 */
using BackupProgress = std::function<bool(int tablesDone, int tablesTotal)>;

/**
 * One consistent read of \a db (a read transaction), every file under <dataDir>/pki, and the
 * settings file \a configPath when not empty. The header is filled but for `encrypted`.
 * Used by steward-admin backup and by the server's BackupService.
 */
[[nodiscard]] Result<BackupContents> collectBackup(db::Database& db, const QString& dataDir,
                                                   const QString& configPath,
                                                   const BackupProgress& progress = {});

} // namespace steward::server::services
