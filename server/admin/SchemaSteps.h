// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SchemaSteps - loads a database dump at its own schema version, then migrates to this build's.
#pragma once

#include "common/core/Result.h"
#include "server/db/DataCopier.h"
#include "server/db/Database.h"

namespace steward::server::admin {

/**
 * Checks, without touching any real database, that \a snapshot fits this build: its schema
 * version is not newer, and its tables and columns are exactly those of that version (checked
 * against an in-memory SQLite database migrated to it).
 */
[[nodiscard]] Result<void> validateSnapshot(const db::DataSnapshot& snapshot);

/**
 * Migrates \a target to the snapshot's schema version, writes the rows (see
 * db::writeSnapshot) and migrates on to this build's latest version.
 */
[[nodiscard]] Result<void> loadSnapshot(db::Database& target, const db::DataSnapshot& snapshot,
                                        bool replace);

} // namespace steward::server::admin
