// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/AccessRepository.h"

#include "server/db/Database.h"
#include "server/db/Transaction.h"

#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {
namespace {

const QString GroupColumns =
    QStringLiteral("id, name, description, created_at, updated_at, revision");

Group readGroup(const QSqlQuery& query)
{
    return {query.value(0).toLongLong(), query.value(1).toString(),   query.value(2).toString(),
            query.value(3).toLongLong(), query.value(4).toLongLong(), query.value(5).toLongLong()};
}

/** Prepares, binds and runs one statement. */
Result<QSqlQuery> run(Database& db, const QString& sql,
                      const std::vector<std::pair<QString, QVariant>>& values, const QString& what)
{
    auto query = db.prepare(sql);
    if (!query) {
        return query.error();
    }
    for (const auto& [key, value] : values) {
        query->bindValue(key, value);
    }
    if (auto r = Database::exec(*query, what); !r) {
        return r.error();
    }
    return std::move(*query);
}

/** A null QString binds as NULL; the column wants text. */
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

Result<bool> exists(Database& db, const QString& sql, qint64 id, const QString& what)
{
    auto query = run(db, sql, {{QStringLiteral(":id"), id}}, what);
    if (!query) {
        return query.error();
    }
    return query->next();
}

Result<void> checkNameFree(Database& db, const QString& name, qint64 except)
{
    auto query = run(db, QStringLiteral("SELECT id FROM groups WHERE name = :name AND id <> :id"),
                     {{QStringLiteral(":name"), name}, {QStringLiteral(":id"), except}},
                     QStringLiteral("looking up a group name"));
    if (!query) {
        return query.error();
    }
    if (query->next()) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("a group named \"%1\" already exists").arg(name));
    }
    return {};
}

} // namespace

AccessRepository::AccessRepository(Database& db) : m_db(db) {}

Result<qint64> AccessRepository::insertGroup(const QString& name, const QString& description,
                                             qint64 now)
{
    if (auto free = checkNameFree(m_db, name, 0); !free) {
        return free.error();
    }
    auto query = run(m_db,
                     QStringLiteral("INSERT INTO groups (name, description, created_at, updated_at)"
                                    " VALUES (:name, :description, :now, :now2) RETURNING id"),
                     {{QStringLiteral(":name"), name},
                      {QStringLiteral(":description"), notNull(description)},
                      {QStringLiteral(":now"), now},
                      {QStringLiteral(":now2"), now}},
                     QStringLiteral("creating a group"));
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the new group"));
    }
    return query->value(0).toLongLong();
}

Result<std::optional<Group>> AccessRepository::findGroup(qint64 id) const
{
    auto query = run(m_db,
                     QStringLiteral("SELECT ") + GroupColumns
                         + QStringLiteral(" FROM groups WHERE id = :id"),
                     {{QStringLiteral(":id"), id}}, QStringLiteral("reading a group"));
    if (!query) {
        return query.error();
    }
    if (!query->next()) {
        return std::optional<Group>{};
    }
    return std::optional<Group>{readGroup(*query)};
}

Result<Page<Group>> AccessRepository::listGroups(qint64 offset, qint64 limit) const
{
    auto counted = run(m_db, QStringLiteral("SELECT COUNT(*) FROM groups"), {},
                       QStringLiteral("counting groups"));
    if (!counted) {
        return counted.error();
    }
    counted->next();
    Page<Group> page;
    page.total = counted->value(0).toLongLong();
    auto query = run(m_db,
                     QStringLiteral("SELECT ") + GroupColumns
                         + QStringLiteral(" FROM groups ORDER BY id LIMIT :limit OFFSET "
                                          ":offset"),
                     {{QStringLiteral(":limit"), limit}, {QStringLiteral(":offset"), offset}},
                     QStringLiteral("listing groups"));
    if (!query) {
        return query.error();
    }
    while (query->next()) {
        page.items.push_back(readGroup(*query));
    }
    return page;
}

Result<void> AccessRepository::updateGroup(qint64 id, const QString& name,
                                           const QString& description, qint64 expectedRevision,
                                           qint64 now)
{
    if (auto free = checkNameFree(m_db, name, id); !free) {
        return free;
    }
    auto query = run(m_db,
                     QStringLiteral("UPDATE groups SET name = :name, description = :description,"
                                    " updated_at = :now, revision = revision + 1"
                                    " WHERE id = :id AND revision = :revision"),
                     {{QStringLiteral(":name"), name},
                      {QStringLiteral(":description"), notNull(description)},
                      {QStringLiteral(":now"), now},
                      {QStringLiteral(":id"), id},
                      {QStringLiteral(":revision"), expectedRevision}},
                     QStringLiteral("changing a group"));
    if (!query) {
        return query.error();
    }
    if (query->numRowsAffected() == 1) {
        return {};
    }
    auto current = findGroup(id);
    if (current && !current->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no group %1").arg(id));
    }
    return makeError(
        ErrorCode::Conflict,
        QStringLiteral("group %1 was changed by someone else; reload and try again").arg(id));
}

Result<void> AccessRepository::removeGroup(qint64 id)
{
    Transaction transaction(m_db);
    if (!transaction.started()) {
        return transaction.started();
    }
    const std::vector<std::pair<QString, QVariant>> key{{QStringLiteral(":id"), id}};
    for (const char* sql :
         {"DELETE FROM permissions WHERE principal_kind = 'group' AND principal_id = :id",
          "DELETE FROM group_members WHERE group_id = :id"}) {
        if (auto done =
                run(m_db, QString::fromLatin1(sql), key, QStringLiteral("removing a group"));
            !done) {
            return done.error();
        }
    }
    auto removed = run(m_db, QStringLiteral("DELETE FROM groups WHERE id = :id"), key,
                       QStringLiteral("removing a group"));
    if (!removed) {
        return removed.error();
    }
    if (removed->numRowsAffected() != 1) {
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no group %1").arg(id));
    }
    return transaction.commit();
}

Result<std::vector<qint64>> AccessRepository::members(qint64 group) const
{
    auto query = run(m_db,
                     QStringLiteral("SELECT admin_id FROM group_members WHERE group_id = :id"
                                    " ORDER BY admin_id"),
                     {{QStringLiteral(":id"), group}}, QStringLiteral("listing group members"));
    if (!query) {
        return query.error();
    }
    std::vector<qint64> admins;
    while (query->next()) {
        admins.push_back(query->value(0).toLongLong());
    }
    return admins;
}

Result<std::vector<Membership>> AccessRepository::allMemberships() const
{
    auto query = run(m_db, QStringLiteral("SELECT group_id, admin_id FROM group_members"), {},
                     QStringLiteral("reading group memberships"));
    if (!query) {
        return query.error();
    }
    std::vector<Membership> memberships;
    while (query->next()) {
        memberships.push_back({query->value(0).toLongLong(), query->value(1).toLongLong()});
    }
    return memberships;
}

Result<void> AccessRepository::addMember(qint64 group, qint64 admin)
{
    auto groupExists = exists(m_db, QStringLiteral("SELECT 1 FROM groups WHERE id = :id"), group,
                              QStringLiteral("reading a group"));
    auto adminExists = exists(m_db, QStringLiteral("SELECT 1 FROM admins WHERE id = :id"), admin,
                              QStringLiteral("reading an administrator"));
    if (!groupExists || !adminExists) {
        return !groupExists ? groupExists.error() : adminExists.error();
    }
    if (!*groupExists || !*adminExists) {
        return makeError(ErrorCode::NotFound,
                         !*groupExists ? QStringLiteral("there is no group %1").arg(group)
                                       : QStringLiteral("there is no administrator %1").arg(admin));
    }
    auto current = members(group);
    if (!current) {
        return current.error();
    }
    if (std::find(current->begin(), current->end(), admin) != current->end()) {
        return {};
    }
    auto query = run(m_db,
                     QStringLiteral("INSERT INTO group_members (group_id, admin_id)"
                                    " VALUES (:group, :admin)"),
                     {{QStringLiteral(":group"), group}, {QStringLiteral(":admin"), admin}},
                     QStringLiteral("adding a group member"));
    return query ? Result<void>{} : Result<void>{query.error()};
}

Result<void> AccessRepository::removeMember(qint64 group, qint64 admin)
{
    auto query = run(m_db,
                     QStringLiteral("DELETE FROM group_members WHERE group_id = :group"
                                    " AND admin_id = :admin"),
                     {{QStringLiteral(":group"), group}, {QStringLiteral(":admin"), admin}},
                     QStringLiteral("removing a group member"));
    if (!query) {
        return query.error();
    }
    if (query->numRowsAffected() != 1) {
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("administrator %1 is not a member of group %2").arg(admin).arg(group));
    }
    return {};
}

Result<std::vector<PermissionRow>> AccessRepository::readPermissions(const QString& where,
                                                                     const QString& nodeKind,
                                                                     qint64 nodeId) const
{
    std::vector<std::pair<QString, QVariant>> values;
    if (!where.isEmpty()) {
        values = {{QStringLiteral(":kind"), nodeKind}, {QStringLiteral(":id"), nodeId}};
    }
    auto query = run(m_db,
                     QStringLiteral("SELECT principal_kind, principal_id, node_kind, node_id,"
                                    " right_name, effect FROM permissions")
                         + where + QStringLiteral(" ORDER BY id"),
                     values, QStringLiteral("reading permissions"));
    if (!query) {
        return query.error();
    }
    std::vector<PermissionRow> rows;
    while (query->next()) {
        rows.push_back({query->value(0).toString(), query->value(1).toLongLong(),
                        query->value(2).toString(), query->value(3).toLongLong(),
                        query->value(4).toString(), query->value(5).toString()});
    }
    return rows;
}

Result<std::vector<PermissionRow>> AccessRepository::allPermissions() const
{
    return readPermissions({}, {}, 0);
}

Result<std::vector<PermissionRow>> AccessRepository::permissionsOn(const QString& nodeKind,
                                                                   qint64 nodeId) const
{
    return readPermissions(QStringLiteral(" WHERE node_kind = :kind AND node_id = :id"), nodeKind,
                           nodeId);
}

Result<void> AccessRepository::replacePermissionsOn(const QString& nodeKind, qint64 nodeId,
                                                    const std::vector<PermissionRow>& rows)
{
    Transaction transaction(m_db);
    if (!transaction.started()) {
        return transaction.started();
    }
    if (auto cleared = run(m_db,
                           QStringLiteral("DELETE FROM permissions WHERE node_kind = :kind"
                                          " AND node_id = :id"),
                           {{QStringLiteral(":kind"), nodeKind}, {QStringLiteral(":id"), nodeId}},
                           QStringLiteral("replacing permissions"));
        !cleared) {
        return cleared.error();
    }
    for (const auto& row : rows) {
        auto inserted =
            run(m_db,
                QStringLiteral("INSERT INTO permissions (principal_kind, principal_id, node_kind,"
                               " node_id, right_name, effect) VALUES (:pkind, :pid, :kind, :id,"
                               " :right, :effect)"),
                {{QStringLiteral(":pkind"), row.principalKind},
                 {QStringLiteral(":pid"), row.principalId},
                 {QStringLiteral(":kind"), nodeKind},
                 {QStringLiteral(":id"), nodeId},
                 {QStringLiteral(":right"), row.right},
                 {QStringLiteral(":effect"), row.effect}},
                QStringLiteral("writing a permission"));
        if (!inserted) {
            return inserted.error();
        }
    }
    return transaction.commit();
}

} // namespace steward::server::db
