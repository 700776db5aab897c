// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/DataCopier.h"

#include "server/db/Database.h"
#include "server/db/Logging.h"
#include "server/db/Migrator.h"
#include "server/db/Transaction.h"

#include <QSqlDriver>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>

#include <map>
#include <set>

namespace steward::server::db {
namespace {

const QString VersionTable = QStringLiteral("schema_version");

// Identifiers come from the database's own catalog, never from input; quoting keeps them exact.
QString quoted(Database& db, const QString& name)
{
    return db.connection().driver()->escapeIdentifier(name, QSqlDriver::TableName);
}

QStringList columnsOf(Database& db, const QString& table)
{
    const QSqlRecord record = db.connection().record(table);
    QStringList columns;
    for (int i = 0; i < record.count(); ++i) {
        columns.append(record.fieldName(i));
    }
    return columns;
}

Result<QStringList> parentsOf(Database& db, const QString& table)
{
    const QString sql = db.kind() == DatabaseKind::Sqlite
                            ? QStringLiteral("SELECT \"table\" FROM pragma_foreign_key_list(?)")
                            : QStringLiteral("SELECT DISTINCT parent.relname FROM pg_constraint c"
                                             " JOIN pg_class child ON child.oid = c.conrelid"
                                             " JOIN pg_class parent ON parent.oid = c.confrelid"
                                             " JOIN pg_namespace n ON n.oid = child.relnamespace"
                                             " WHERE c.contype = 'f' AND child.relname = ?"
                                             " AND n.nspname = current_schema()");
    auto query = db.prepare(sql);
    if (!query) {
        return query.error();
    }
    query->addBindValue(table);
    if (auto r = Database::exec(*query, QStringLiteral("reading the foreign keys of ") + table);
        !r) {
        return r.error();
    }
    QStringList parents;
    while (query->next()) {
        parents.append(query->value(0).toString());
    }
    return parents;
}

Result<TableData> readTable(Database& db, const QString& table)
{
    TableData data{table, columnsOf(db, table), {}};
    if (data.columns.isEmpty()) {
        return makeError(ErrorCode::DatabaseError,
                         QStringLiteral("table %1 has no columns").arg(table));
    }
    QStringList names;
    for (const auto& column : data.columns) {
        names.append(quoted(db, column));
    }
    // Ordering by id (or every column) makes two dumps of the same data compare equal.
    QString order = QStringLiteral("id");
    if (!data.columns.contains(order)) {
        QStringList positions;
        for (int i = 1; i <= data.columns.size(); ++i) {
            positions.append(QString::number(i));
        }
        order = positions.join(QLatin1Char(','));
    }
    auto query = db.prepare(QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                                .arg(names.join(QLatin1Char(',')), quoted(db, table), order));
    if (!query) {
        return query.error();
    }
    query->setForwardOnly(true);
    if (auto r = Database::exec(*query, QStringLiteral("reading table ") + table); !r) {
        return r.error();
    }
    while (query->next()) {
        QVariantList row;
        row.reserve(data.columns.size());
        for (int i = 0; i < data.columns.size(); ++i) {
            row.append(query->value(i));
        }
        data.rows.push_back(std::move(row));
    }
    return data;
}

Result<qint64> rowCount(Database& db, const QString& table)
{
    auto query = db.prepare(QStringLiteral("SELECT COUNT(*) FROM ") + quoted(db, table));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("counting the rows of ") + table); !r) {
        return r.error();
    }
    return query->next() ? query->value(0).toLongLong() : 0;
}

Result<void> insertRows(Database& db, const TableData& table)
{
    QStringList names;
    QStringList marks;
    for (const auto& column : table.columns) {
        names.append(quoted(db, column));
        marks.append(QStringLiteral("?"));
    }
    auto query = db.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                                .arg(quoted(db, table.name), names.join(QLatin1Char(',')),
                                     marks.join(QLatin1Char(','))));
    if (!query) {
        return query.error();
    }
    const QString what = QStringLiteral("copying a row into ") + table.name;
    for (const auto& row : table.rows) {
        for (const auto& value : row) {
            query->addBindValue(value);
        }
        if (auto r = Database::exec(*query, what); !r) {
            return r;
        }
    }
    return {};
}

// PostgreSQL identity columns keep their own counter: move it past the copied ids.
Result<void> fixSequence(Database& db, const TableData& table)
{
    if (db.kind() != DatabaseKind::Postgres || !table.columns.contains(QStringLiteral("id"))) {
        return {};
    }
    auto query = db.prepare(QStringLiteral("SELECT setval(pg_get_serial_sequence(?, 'id'),"
                                           " (SELECT COALESCE(MAX(id), 0) + 1 FROM %1), false)")
                                .arg(quoted(db, table.name)));
    if (!query) {
        return query.error();
    }
    query->addBindValue(quoted(db, table.name));
    return Database::exec(*query, QStringLiteral("moving the id sequence of ") + table.name);
}

} // namespace

Result<QStringList> tablesInDependencyOrder(Database& db)
{
    std::map<QString, std::set<QString>> parents;
    for (const auto& table : db.connection().tables(QSql::Tables)) {
        if (table == VersionTable || table.startsWith(QLatin1String("sqlite_"))
            || table.contains(QLatin1Char('.'))) {
            continue;
        }
        auto found = parentsOf(db, table);
        if (!found) {
            return found.error();
        }
        parents[table] = std::set<QString>(found->begin(), found->end());
        parents[table].erase(table); // a self-reference does not order tables
    }
    // Kahn's algorithm; std::map keeps ties in alphabetical order, so the order is stable.
    QStringList ordered;
    while (!parents.empty()) {
        auto ready = std::find_if(parents.begin(), parents.end(), [&](const auto& entry) {
            return std::none_of(entry.second.begin(), entry.second.end(),
                                [&](const QString& parent) { return parents.contains(parent); });
        });
        if (ready == parents.end()) {
            return makeError(ErrorCode::DatabaseError,
                             QStringLiteral("the foreign keys between tables form a cycle (%1)")
                                 .arg(parents.begin()->first));
        }
        ordered.append(ready->first);
        parents.erase(ready);
    }
    return ordered;
}

Result<DataSnapshot> readSnapshot(Database& db, const std::function<bool(int, int)>& progress)
{
    Transaction tx(db);
    if (!tx.started()) {
        return tx.started().error();
    }
    if (db.kind() == DatabaseKind::Postgres) {
        // One snapshot for every table, even while the server keeps writing.
        if (auto r = db.execute(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"),
                                QStringLiteral("starting a consistent read"));
            !r) {
            return r.error();
        }
    }
    DataSnapshot snapshot;
    auto version = Migrator(db).currentVersion();
    if (!version) {
        return version.error();
    }
    snapshot.schemaVersion = *version;
    auto tables = tablesInDependencyOrder(db);
    if (!tables) {
        return tables.error();
    }
    for (const auto& name : *tables) {
        auto table = readTable(db, name);
        if (!table) {
            return table.error();
        }
        snapshot.tables.push_back(std::move(*table));
        if (progress && !progress(int(snapshot.tables.size()), int(tables->size()))) {
            return makeError(ErrorCode::Conflict, QStringLiteral("the read was cancelled"));
        }
    }
    if (auto done = tx.commit(); !done) {
        return done.error();
    }
    return snapshot;
}

Result<QString> firstNonEmptyTable(Database& db)
{
    auto tables = tablesInDependencyOrder(db);
    if (!tables) {
        return tables.error();
    }
    for (const auto& table : *tables) {
        auto count = rowCount(db, table);
        if (!count) {
            return count.error();
        }
        if (*count > 0) {
            return table;
        }
    }
    return QString();
}

Result<void> checkMatchesSchema(Database& db, const DataSnapshot& snapshot)
{
    auto tables = tablesInDependencyOrder(db);
    if (!tables) {
        return tables.error();
    }
    QStringList seen;
    for (const auto& table : snapshot.tables) {
        if (!tables->contains(table.name)) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("table \"%1\" does not exist in schema version %2")
                                 .arg(table.name)
                                 .arg(snapshot.schemaVersion));
        }
        if (seen.contains(table.name)) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("table %1 appears twice").arg(table.name));
        }
        seen.append(table.name);
        QStringList expected = columnsOf(db, table.name);
        QStringList actual = table.columns;
        expected.sort();
        actual.sort();
        if (expected != actual) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("table %1 has columns (%2), schema version %3 has (%4)")
                                 .arg(table.name, actual.join(QStringLiteral(", ")))
                                 .arg(snapshot.schemaVersion)
                                 .arg(expected.join(QStringLiteral(", "))));
        }
    }
    for (const auto& table : *tables) {
        if (!seen.contains(table)) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("table %1 of schema version %2 is missing")
                                 .arg(table)
                                 .arg(snapshot.schemaVersion));
        }
    }
    return {};
}

Result<void> writeSnapshot(Database& db, const DataSnapshot& snapshot, bool replace)
{
    if (auto matches = checkMatchesSchema(db, snapshot); !matches) {
        return matches;
    }
    auto order = tablesInDependencyOrder(db);
    if (!order) {
        return order.error();
    }
    Transaction tx(db);
    if (!tx.started()) {
        return tx.started();
    }
    for (auto it = order->crbegin(); replace && it != order->crend(); ++it) {
        if (auto r = db.execute(QStringLiteral("DELETE FROM ") + quoted(db, *it),
                                QStringLiteral("emptying ") + *it);
            !r) {
            return r;
        }
    }
    auto occupied = firstNonEmptyTable(db);
    if (!occupied) {
        return occupied.error();
    }
    if (!occupied->isEmpty()) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("the target database is not empty: table %1 has rows "
                                        "(%2); copy only into an empty database")
                             .arg(*occupied, db.config().describe()));
    }
    for (const auto& name : *order) {
        const auto table = std::find_if(snapshot.tables.begin(), snapshot.tables.end(),
                                        [&](const TableData& t) { return t.name == name; });
        if (auto r = insertRows(db, *table); !r) {
            return r;
        }
        if (auto r = fixSequence(db, *table); !r) {
            return r;
        }
        auto count = rowCount(db, name);
        if (!count) {
            return count.error();
        }
        if (*count != qint64(table->rows.size())) {
            return makeError(ErrorCode::DatabaseError,
                             QStringLiteral("table %1 has %2 rows after copying %3")
                                 .arg(name)
                                 .arg(*count)
                                 .arg(table->rows.size()));
        }
        qCInfo(lcServerDb).noquote()
            << QStringLiteral("copied table=%1 rows=%2").arg(name).arg(table->rows.size());
    }
    return tx.commit();
}

} // namespace steward::server::db
