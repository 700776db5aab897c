// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/AuditRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {
namespace {

// Each filter is a fixed clause that is always present; an unset filter binds NULL and the
// clause is true. The SQL text therefore never depends on the input. The casts tell
// PostgreSQL the parameter types, which it cannot infer from "IS NULL".
const QString FilterClause =
    QStringLiteral(" WHERE (CAST(:actor AS TEXT) IS NULL OR actor = :actor2)"
                   " AND (CAST(:action AS TEXT) IS NULL OR action = :action2)"
                   " AND (CAST(:outcome AS TEXT) IS NULL OR outcome = :outcome2)"
                   " AND (CAST(:from AS BIGINT) IS NULL OR at >= :from2)"
                   " AND (CAST(:to AS BIGINT) IS NULL OR at < :to2)"
                   " AND (CAST(:object AS TEXT) IS NULL OR object = :object2)");

QVariant textOrNull(const std::optional<QString>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<QString>());
}

QVariant numberOrNull(const std::optional<qint64>& value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

void bindFilter(QSqlQuery& query, const AuditFilter& filter)
{
    const std::pair<const char*, QVariant> values[] = {
        {"actor", textOrNull(filter.actor)},     {"action", textOrNull(filter.action)},
        {"outcome", textOrNull(filter.outcome)}, {"from", numberOrNull(filter.from)},
        {"to", numberOrNull(filter.to)},         {"object", textOrNull(filter.object)},
    };
    for (const auto& [name, value] : values) {
        const QString key = QLatin1Char(':') + QLatin1String(name);
        query.bindValue(key, value);
        query.bindValue(key + QLatin1Char('2'), value);
    }
}

} // namespace

AuditRepository::AuditRepository(Database& db) : m_db(db) {}

Result<qint64> AuditRepository::append(const AuditEntry& entry)
{
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO audit_log (at, actor, action, object, peer, outcome, details) "
        "VALUES (:at, :actor, :action, :object, :peer, :outcome, :details) RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":at"), entry.at);
    query->bindValue(QStringLiteral(":actor"), Database::text(entry.actor));
    query->bindValue(QStringLiteral(":action"), Database::text(entry.action));
    query->bindValue(QStringLiteral(":object"), Database::text(entry.object));
    query->bindValue(QStringLiteral(":peer"), Database::text(entry.peer));
    query->bindValue(QStringLiteral(":outcome"), Database::text(entry.outcome));
    query->bindValue(QStringLiteral(":details"), Database::text(entry.details));
    if (auto r = Database::exec(*query, QStringLiteral("writing the audit log")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the audit entry"));
    }
    return query->value(0).toLongLong();
}

Result<Page<AuditEntry>> AuditRepository::query(const AuditFilter& filter, qint64 offset,
                                                qint64 limit) const
{
    auto count = m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM audit_log") + FilterClause);
    if (!count) {
        return count.error();
    }
    bindFilter(*count, filter);
    if (auto r = Database::exec(*count, QStringLiteral("counting audit entries")); !r) {
        return r.error();
    }
    Page<AuditEntry> page;
    if (count->next()) {
        page.total = count->value(0).toLongLong();
    }
    auto rows = m_db.prepare(
        QStringLiteral(
            "SELECT id, at, actor, action, object, peer, outcome, details FROM audit_log")
        + FilterClause + QStringLiteral(" ORDER BY id DESC LIMIT :limit OFFSET :offset"));
    if (!rows) {
        return rows.error();
    }
    bindFilter(*rows, filter);
    rows->bindValue(QStringLiteral(":limit"), limit);
    rows->bindValue(QStringLiteral(":offset"), offset);
    if (auto r = Database::exec(*rows, QStringLiteral("reading audit entries")); !r) {
        return r.error();
    }
    while (rows->next()) {
        AuditEntry entry;
        entry.id = rows->value(0).toLongLong();
        entry.at = rows->value(1).toLongLong();
        entry.actor = rows->value(2).toString();
        entry.action = rows->value(3).toString();
        entry.object = rows->value(4).toString();
        entry.peer = rows->value(5).toString();
        entry.outcome = rows->value(6).toString();
        entry.details = rows->value(7).toString();
        page.items.push_back(std::move(entry));
    }
    return page;
}

} // namespace steward::server::db
