// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Migrations - the append-only history of the server's schema.
#pragma once

#include "server/db/DatabaseConfig.h"

#include <QString>
#include <vector>

namespace steward::server::db {

struct Migration {
    int version;
    const char* name;
    std::vector<const char*> statements; // portable SQL with the dialect tokens below
};

/** Every step, oldest first. Append only: a released step is never edited. */
[[nodiscard]] const std::vector<Migration>& migrations();

/**
 * Rewrites the dialect tokens of a migration statement: {ID} is the auto-increment primary
 * key, {BLOB} a byte column. Only fixed text is substituted, never values.
 */
[[nodiscard]] QString dialectSql(DatabaseKind kind, const char* statement);

} // namespace steward::server::db
