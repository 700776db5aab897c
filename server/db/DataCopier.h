// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DataCopier - a portable logical dump of every table, read from and written to either database.
#pragma once

#include "common/core/Result.h"

#include <QJsonObject>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <vector>

namespace steward::server::db {

class Database;

struct TableData {
    QString name;
    QStringList columns;            // in the source's column order
    std::vector<QVariantList> rows; // ordered by id
};

/** Every table but schema_version, parents before children (foreign-key order). */
struct DataSnapshot {
    int schemaVersion = 0;
    std::vector<TableData> tables;

    /** The portable form used by backups: values as JSON, bytes as base64. */
    [[nodiscard]] QJsonObject toJson() const;
    /** Strict: every field checked, no value trusted; names are checked later against a schema. */
    [[nodiscard]] static Result<DataSnapshot> fromJson(const QJsonObject& json);
};

/** Table names of the database in foreign-key order (parents first), without schema_version. */
[[nodiscard]] Result<QStringList> tablesInDependencyOrder(Database& db);

/**
 * Reads every row of every table in one consistent read transaction. \a progress, when set, is
 * called after each table with the tables read and their number; returning false stops the
 * read with a Conflict error ("cancelled").
 */
[[nodiscard]] Result<DataSnapshot> readSnapshot(Database& db,
                                                const std::function<bool(int, int)>& progress = {});

/**
 * The name of the first table that holds rows, or an empty string when every table (but
 * schema_version) is empty.
 */
[[nodiscard]] Result<QString> firstNonEmptyTable(Database& db);

/**
 * Checks that \a snapshot has exactly the tables and columns of \a db's schema; the error names
 * the first table or column that differs. No SQL is ever built from a name the database does
 * not already have.
 */
[[nodiscard]] Result<void> checkMatchesSchema(Database& db, const DataSnapshot& snapshot);

/**
 * Inserts \a snapshot into \a db, whose schema must already be at snapshot.schemaVersion, in one
 * transaction: ids are kept, PostgreSQL identity sequences are moved past the copied ids, and
 * row counts are verified before the commit. \a replace deletes existing rows first; otherwise
 * a table with rows is refused by name.
 */
[[nodiscard]] Result<void> writeSnapshot(Database& db, const DataSnapshot& snapshot,
                                         bool replace = false);

} // namespace steward::server::db
