// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ProfileRepository - profiles, their values and assignments, and devices' local values.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Profile.h"

#include <QVariant>

#include <functional>
#include <vector>

class QSqlQuery;

namespace steward::server::db {

class Database;

/** Storage only; values are checked against the registry by ProfileService before they come. */
class ProfileRepository {
public:
    explicit ProfileRepository(Database& db);

    /** Ordered by id. */
    [[nodiscard]] Result<std::vector<Profile>> list() const;
    [[nodiscard]] Result<std::optional<Profile>> findById(qint64 id) const;
    [[nodiscard]] Result<std::optional<Profile>> findByName(const QString& name) const;
    [[nodiscard]] Result<qint64> insert(const Profile& profile);
    /** Name, kind and description; bumps the revision. NotFound for an unknown id. */
    [[nodiscard]] Result<void> update(const Profile& profile);
    /** Deletes the profile with its values and assignments. */
    [[nodiscard]] Result<void> remove(qint64 id);

    [[nodiscard]] Result<ParameterValues> values(qint64 profileId) const;
    /** Replaces every value of the profile. */
    [[nodiscard]] Result<void> setValues(qint64 profileId, const ParameterValues& values);

    /** Of one profile, ordered by id. */
    [[nodiscard]] Result<std::vector<ProfileAssignment>> assignmentsOf(qint64 profileId) const;
    /** Assignments to the device or to any of \a folderIds, ordered by id. */
    [[nodiscard]] Result<std::vector<ProfileAssignment>>
    assignmentsFor(qint64 deviceId, const std::vector<qint64>& folderIds) const;
    [[nodiscard]] Result<qint64> insertAssignment(const ProfileAssignment& assignment);
    [[nodiscard]] Result<void> removeAssignment(qint64 profileId, qint64 assignmentId);

    [[nodiscard]] Result<ParameterValues> localValues(qint64 deviceId) const;
    [[nodiscard]] Result<void> setLocalValues(qint64 deviceId, const ParameterValues& values,
                                              qint64 now);

private:
    [[nodiscard]] Result<std::optional<Profile>> findOne(const QString& where,
                                                         const QVariant& key) const;
    [[nodiscard]] Result<std::vector<ProfileAssignment>>
    readAssignments(const QString& where, const std::function<void(QSqlQuery&)>& bind) const;

    Database& m_db;
};

} // namespace steward::server::db
