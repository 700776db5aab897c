// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/ViewRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>

namespace steward::server::db {
namespace {

const QString ViewColumns =
    QStringLiteral("id, name, description, filter, created_at, updated_at, revision");
const QString AssignmentColumns = QStringLiteral("id, profile_id, view_id, created_at");

View readView(const QSqlQuery& query)
{
    View view;
    view.id = query.value(0).toLongLong();
    view.name = query.value(1).toString();
    view.description = query.value(2).toString();
    view.filter = query.value(3).toString();
    view.createdAt = query.value(4).toLongLong();
    view.updatedAt = query.value(5).toLongLong();
    view.revision = query.value(6).toLongLong();
    return view;
}

} // namespace

ViewRepository::ViewRepository(Database& db) : m_db(db) {}

Result<std::vector<View>> ViewRepository::list() const
{
    auto query = m_db.prepare(QStringLiteral("SELECT ") + ViewColumns
                              + QStringLiteral(" FROM views ORDER BY id"));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("listing views")); !r) {
        return r.error();
    }
    std::vector<View> views;
    while (query->next()) {
        views.push_back(readView(*query));
    }
    return views;
}

Result<std::optional<View>> ViewRepository::findOne(const QString& where, const QVariant& key) const
{
    auto query = m_db.prepare(QStringLiteral("SELECT ") + ViewColumns
                              + QStringLiteral(" FROM views WHERE ") + where);
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":key"), key);
    if (auto r = Database::exec(*query, QStringLiteral("reading a view")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<View>{};
    }
    return std::optional<View>{readView(*query)};
}

Result<std::optional<View>> ViewRepository::findById(qint64 id) const
{
    return findOne(QStringLiteral("id = :key"), id);
}

Result<std::optional<View>> ViewRepository::findByName(const QString& name) const
{
    return findOne(QStringLiteral("name = :key"), name);
}

Result<qint64> ViewRepository::insert(const View& view)
{
    auto query = m_db.prepare(
        QStringLiteral("INSERT INTO views (name, description, filter, created_at, updated_at) "
                       "VALUES (:name, :description, :filter, :created, :created) RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":name"), view.name);
    query->bindValue(QStringLiteral(":description"), Database::text(view.description));
    query->bindValue(QStringLiteral(":filter"), view.filter);
    query->bindValue(QStringLiteral(":created"), view.createdAt);
    if (auto r = Database::exec(*query, QStringLiteral("creating a view")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the new view"));
    }
    return query->value(0).toLongLong();
}

Result<void> ViewRepository::update(const View& view)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE views SET name = :name, description = :description, filter = :filter, "
        "updated_at = :updated, revision = revision + 1 WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":name"), view.name);
    query->bindValue(QStringLiteral(":description"), Database::text(view.description));
    query->bindValue(QStringLiteral(":filter"), view.filter);
    query->bindValue(QStringLiteral(":updated"), view.updatedAt);
    query->bindValue(QStringLiteral(":id"), view.id);
    if (auto r = Database::exec(*query, QStringLiteral("changing a view")); !r) {
        return r;
    }
    if (query->numRowsAffected() == 0) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no view %1").arg(view.id));
    }
    return {};
}

Result<void> ViewRepository::remove(qint64 id)
{
    auto query = m_db.prepare(QStringLiteral("DELETE FROM views WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), id);
    if (auto r = Database::exec(*query, QStringLiteral("deleting a view")); !r) {
        return r;
    }
    if (query->numRowsAffected() == 0) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no view %1").arg(id));
    }
    return {};
}

Result<std::vector<ViewAssignment>> ViewRepository::readAssignments(const QString& where,
                                                                    qint64 key) const
{
    auto query = m_db.prepare(QStringLiteral("SELECT ") + AssignmentColumns
                              + QStringLiteral(" FROM profile_view_assignments") + where
                              + QStringLiteral(" ORDER BY id"));
    if (!query) {
        return query.error();
    }
    if (!where.isEmpty()) {
        query->bindValue(QStringLiteral(":key"), key);
    }
    if (auto r = Database::exec(*query, QStringLiteral("reading view assignments")); !r) {
        return r.error();
    }
    std::vector<ViewAssignment> assignments;
    while (query->next()) {
        assignments.push_back({query->value(0).toLongLong(), query->value(1).toLongLong(),
                               query->value(2).toLongLong(), query->value(3).toLongLong()});
    }
    return assignments;
}

Result<std::vector<ViewAssignment>> ViewRepository::assignmentsOfProfile(qint64 profileId) const
{
    return readAssignments(QStringLiteral(" WHERE profile_id = :key"), profileId);
}

Result<std::vector<ViewAssignment>> ViewRepository::assignmentsOfView(qint64 viewId) const
{
    return readAssignments(QStringLiteral(" WHERE view_id = :key"), viewId);
}

Result<std::vector<ViewAssignment>> ViewRepository::allAssignments() const
{
    return readAssignments(QString(), 0);
}

Result<qint64> ViewRepository::insertAssignment(const ViewAssignment& assignment)
{
    auto query = m_db.prepare(
        QStringLiteral("INSERT INTO profile_view_assignments (profile_id, view_id, created_at) "
                       "VALUES (:profile, :view, :created) RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":profile"), assignment.profileId);
    query->bindValue(QStringLiteral(":view"), assignment.viewId);
    query->bindValue(QStringLiteral(":created"), assignment.createdAt);
    if (auto r = Database::exec(*query, QStringLiteral("assigning a profile to a view")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the assignment"));
    }
    return query->value(0).toLongLong();
}

Result<void> ViewRepository::removeAssignment(qint64 profileId, qint64 assignmentId)
{
    auto query = m_db.prepare(QStringLiteral(
        "DELETE FROM profile_view_assignments WHERE id = :id AND profile_id = :profile"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), assignmentId);
    query->bindValue(QStringLiteral(":profile"), profileId);
    if (auto r = Database::exec(*query, QStringLiteral("removing a view assignment")); !r) {
        return r;
    }
    if (query->numRowsAffected() == 0) {
        return makeError(ErrorCode::NotFound, QStringLiteral("profile %1 has no view assignment %2")
                                                  .arg(profileId)
                                                  .arg(assignmentId));
    }
    return {};
}

} // namespace steward::server::db
