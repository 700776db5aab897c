// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// BackupCommands - backup and restore of the database, the PKI and the settings file.
#pragma once

#include "server/admin/AdminContext.h"

namespace steward::server::admin {

/**
 * Writes one file (mode 0600) with a logical dump of the active database, every file of
 * <data-dir>/pki and the settings file in use. With \a encrypt, the passphrase comes from
 * STEWARD_BACKUP_PASSPHRASE or standard input; without, a warning goes to stderr.
 */
[[nodiscard]] Result<void> backup(AdminContext& context, const QString& file, bool encrypt);

/**
 * Restores \a file into the data directory and the active data source. Everything is decoded
 * and validated first; the PKI and an SQLite database are built in a staging folder and moved
 * into place only when complete. Refuses a data dir that holds a database or PKI unless
 * \a force, which moves them aside (*.replaced-<time>) or, for PostgreSQL, replaces the rows.
 */
[[nodiscard]] Result<void> restore(AdminContext& context, const QString& file, bool force);

} // namespace steward::server::admin
