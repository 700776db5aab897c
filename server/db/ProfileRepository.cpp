// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/ProfileRepository.h"

#include "server/db/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace steward::server::db {
namespace {

const QString ProfileColumns =
    QStringLiteral("id, name, kind, description, created_at, updated_at, revision");
const QString AssignmentColumns =
    QStringLiteral("id, profile_id, device_id, folder_id, created_at");

Profile readProfile(const QSqlQuery& query)
{
    Profile profile;
    profile.id = query.value(0).toLongLong();
    profile.name = query.value(1).toString();
    profile.kind = profileKindFromName(query.value(2).toString()).value_or(ProfileKind::Standard);
    profile.description = query.value(3).toString();
    profile.createdAt = query.value(4).toLongLong();
    profile.updatedAt = query.value(5).toLongLong();
    profile.revision = query.value(6).toLongLong();
    return profile;
}

std::optional<qint64> optionalId(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

// A value is stored as its own JSON text ("true", "30", "\"UTC\"", "[…]").
QString valueText(const QJsonValue& value)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QJsonValue valueFrom(const QString& text)
{
    return QJsonDocument::fromJson("[" + text.toUtf8() + "]").array().at(0);
}

Result<ParameterValues> readValues(Database& db, const QString& sql, qint64 owner,
                                   const QString& what)
{
    auto query = db.prepare(sql);
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":owner"), owner);
    if (auto r = Database::exec(*query, what); !r) {
        return r.error();
    }
    ParameterValues values;
    while (query->next()) {
        values.insert(query->value(0).toString(), valueFrom(query->value(1).toString()));
    }
    return values;
}

// Deletes the owner's rows of \a table and inserts \a values; the caller holds a transaction.
Result<void> replaceValues(Database& db, const QString& table, const QString& ownerColumn,
                           qint64 owner, const ParameterValues& values,
                           std::optional<qint64> updatedAt)
{
    auto clear =
        db.prepare(QStringLiteral("DELETE FROM %1 WHERE %2 = :owner").arg(table, ownerColumn));
    if (!clear) {
        return clear.error();
    }
    clear->bindValue(QStringLiteral(":owner"), owner);
    if (auto r = Database::exec(*clear, QStringLiteral("clearing ") + table); !r) {
        return r;
    }
    const QString columns = updatedAt ? QStringLiteral(", updated_at") : QString();
    const QString placeholders = updatedAt ? QStringLiteral(", :at") : QString();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        auto insert = db.prepare(
            QStringLiteral("INSERT INTO %1 (%2, parameter, value%3) VALUES (:owner, :parameter, "
                           ":value%4)")
                .arg(table, ownerColumn, columns, placeholders));
        if (!insert) {
            return insert.error();
        }
        insert->bindValue(QStringLiteral(":owner"), owner);
        insert->bindValue(QStringLiteral(":parameter"), it.key());
        insert->bindValue(QStringLiteral(":value"), valueText(it.value()));
        if (updatedAt) {
            insert->bindValue(QStringLiteral(":at"), *updatedAt);
        }
        if (auto r = Database::exec(*insert, QStringLiteral("storing a value in ") + table); !r) {
            return r;
        }
    }
    return {};
}

} // namespace

ProfileRepository::ProfileRepository(Database& db) : m_db(db) {}

Result<std::vector<Profile>> ProfileRepository::list() const
{
    auto query = m_db.prepare(QStringLiteral("SELECT ") + ProfileColumns
                              + QStringLiteral(" FROM profiles ORDER BY id"));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("listing profiles")); !r) {
        return r.error();
    }
    std::vector<Profile> profiles;
    while (query->next()) {
        profiles.push_back(readProfile(*query));
    }
    return profiles;
}

Result<std::optional<Profile>> ProfileRepository::findOne(const QString& where,
                                                          const QVariant& key) const
{
    auto query = m_db.prepare(QStringLiteral("SELECT ") + ProfileColumns
                              + QStringLiteral(" FROM profiles WHERE ") + where);
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":key"), key);
    if (auto r = Database::exec(*query, QStringLiteral("reading a profile")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<Profile>{};
    }
    return std::optional<Profile>{readProfile(*query)};
}

Result<std::optional<Profile>> ProfileRepository::findById(qint64 id) const
{
    return findOne(QStringLiteral("id = :key"), id);
}

Result<std::optional<Profile>> ProfileRepository::findByName(const QString& name) const
{
    return findOne(QStringLiteral("name = :key"), name);
}

Result<qint64> ProfileRepository::insert(const Profile& profile)
{
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO profiles (name, kind, description, created_at, updated_at) VALUES "
        "(:name, :kind, :description, :created, :created) RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":name"), profile.name);
    query->bindValue(QStringLiteral(":kind"), profileKindName(profile.kind));
    query->bindValue(QStringLiteral(":description"), Database::text(profile.description));
    query->bindValue(QStringLiteral(":created"), profile.createdAt);
    if (auto r = Database::exec(*query, QStringLiteral("creating a profile")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the new profile"));
    }
    return query->value(0).toLongLong();
}

Result<void> ProfileRepository::update(const Profile& profile)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE profiles SET name = :name, kind = :kind, description = :description, "
        "updated_at = :updated, revision = revision + 1 WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":name"), profile.name);
    query->bindValue(QStringLiteral(":kind"), profileKindName(profile.kind));
    query->bindValue(QStringLiteral(":description"), Database::text(profile.description));
    query->bindValue(QStringLiteral(":updated"), profile.updatedAt);
    query->bindValue(QStringLiteral(":id"), profile.id);
    if (auto r = Database::exec(*query, QStringLiteral("changing a profile")); !r) {
        return r;
    }
    if (query->numRowsAffected() == 0) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no profile %1").arg(profile.id));
    }
    return {};
}

Result<void> ProfileRepository::remove(qint64 id)
{
    auto query = m_db.prepare(QStringLiteral("DELETE FROM profiles WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), id);
    return Database::exec(*query, QStringLiteral("deleting a profile"));
}

Result<ParameterValues> ProfileRepository::values(qint64 profileId) const
{
    return readValues(m_db,
                      QStringLiteral("SELECT parameter, value FROM profile_values WHERE "
                                     "profile_id = :owner ORDER BY parameter"),
                      profileId, QStringLiteral("reading a profile's values"));
}

Result<void> ProfileRepository::setValues(qint64 profileId, const ParameterValues& values)
{
    return replaceValues(m_db, QStringLiteral("profile_values"), QStringLiteral("profile_id"),
                         profileId, values, std::nullopt);
}

Result<std::vector<ProfileAssignment>>
ProfileRepository::readAssignments(const QString& where,
                                   const std::function<void(QSqlQuery&)>& bind) const
{
    auto query = m_db.prepare(QStringLiteral("SELECT ") + AssignmentColumns
                              + QStringLiteral(" FROM profile_assignments WHERE ") + where
                              + QStringLiteral(" ORDER BY id"));
    if (!query) {
        return query.error();
    }
    bind(*query);
    if (auto r = Database::exec(*query, QStringLiteral("reading profile assignments")); !r) {
        return r.error();
    }
    std::vector<ProfileAssignment> assignments;
    while (query->next()) {
        assignments.push_back({query->value(0).toLongLong(), query->value(1).toLongLong(),
                               optionalId(query->value(2)), optionalId(query->value(3)),
                               query->value(4).toLongLong()});
    }
    return assignments;
}

Result<std::vector<ProfileAssignment>> ProfileRepository::assignmentsOf(qint64 profileId) const
{
    return readAssignments(QStringLiteral("profile_id = :profile"), [&](QSqlQuery& query) {
        query.bindValue(QStringLiteral(":profile"), profileId);
    });
}

Result<std::vector<ProfileAssignment>>
ProfileRepository::assignmentsFor(qint64 deviceId, const std::vector<qint64>& folderIds) const
{
    // A device sits at most MaxFolderDepth folders deep, so the list stays short.
    QStringList names;
    for (size_t i = 0; i < folderIds.size(); ++i) {
        names.append(QStringLiteral(":f%1").arg(i));
    }
    const QString folders =
        names.isEmpty() ? QString()
                        : QStringLiteral(" OR folder_id IN (%1)").arg(names.join(QLatin1Char(',')));
    return readAssignments(QStringLiteral("device_id = :device") + folders, [&](QSqlQuery& query) {
        query.bindValue(QStringLiteral(":device"), deviceId);
        for (size_t i = 0; i < folderIds.size(); ++i) {
            query.bindValue(QStringLiteral(":f%1").arg(i), folderIds[i]);
        }
    });
}

Result<qint64> ProfileRepository::insertAssignment(const ProfileAssignment& assignment)
{
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO profile_assignments (profile_id, device_id, folder_id, created_at) VALUES "
        "(:profile, :device, :folder, :created) RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":profile"), assignment.profileId);
    query->bindValue(QStringLiteral(":device"), Database::nullable(assignment.deviceId));
    query->bindValue(QStringLiteral(":folder"), Database::nullable(assignment.folderId));
    query->bindValue(QStringLiteral(":created"), assignment.createdAt);
    if (auto r = Database::exec(*query, QStringLiteral("assigning a profile")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the assignment"));
    }
    return query->value(0).toLongLong();
}

Result<void> ProfileRepository::removeAssignment(qint64 profileId, qint64 assignmentId)
{
    auto query = m_db.prepare(
        QStringLiteral("DELETE FROM profile_assignments WHERE id = :id AND profile_id = :profile"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), assignmentId);
    query->bindValue(QStringLiteral(":profile"), profileId);
    if (auto r = Database::exec(*query, QStringLiteral("removing a profile assignment")); !r) {
        return r;
    }
    if (query->numRowsAffected() == 0) {
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("profile %1 has no assignment %2").arg(profileId).arg(assignmentId));
    }
    return {};
}

Result<ParameterValues> ProfileRepository::localValues(qint64 deviceId) const
{
    return readValues(m_db,
                      QStringLiteral("SELECT parameter, value FROM device_local_values WHERE "
                                     "device_id = :owner ORDER BY parameter"),
                      deviceId, QStringLiteral("reading a device's local values"));
}

Result<void> ProfileRepository::setLocalValues(qint64 deviceId, const ParameterValues& values,
                                               qint64 now)
{
    return replaceValues(m_db, QStringLiteral("device_local_values"), QStringLiteral("device_id"),
                         deviceId, values, now);
}

} // namespace steward::server::db
