// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// MigratedDatabase - a fresh database of either kind, opened and migrated to the latest schema.
#pragma once

#include "server/db/Database.h"
#include "server/db/Migrator.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/TempDatabase.h"

namespace steward::test {

struct MigratedDatabase {
    explicit MigratedDatabase(server::db::DatabaseKind kind) : temp(kind), db(temp.config())
    {
        INFO(temp.setupError().toStdString());
        REQUIRE(temp.setupError().isEmpty());
        REQUIRE(db.open().ok());
        REQUIRE(server::db::Migrator(db).apply().ok());
    }
    TempDatabase temp;
    server::db::Database db;
};

/** Each kind as its own GENERATE branch. */
inline server::db::DatabaseKind anyDatabaseKind()
{
    return GENERATE(from_range(std::begin(AllDatabaseKinds), std::end(AllDatabaseKinds)));
}

} // namespace steward::test
