// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AccessRepository - administrator groups, their members and the permission entries.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Access.h"
#include "server/db/records/Admin.h"

#include <vector>

namespace steward::server::db {

class Database;

class AccessRepository {
public:
    explicit AccessRepository(Database& db);

    /** AlreadyExists when the name is taken. */
    [[nodiscard]] Result<qint64> insertGroup(const QString& name, const QString& description,
                                             qint64 now);
    [[nodiscard]] Result<std::optional<Group>> findGroup(qint64 id) const;
    [[nodiscard]] Result<Page<Group>> listGroups(qint64 offset, qint64 limit) const;
    /** Conflict when \a expectedRevision is stale, AlreadyExists for a taken name. */
    [[nodiscard]] Result<void> updateGroup(qint64 id, const QString& name,
                                           const QString& description, qint64 expectedRevision,
                                           qint64 now);
    /** Removes the group, its memberships and its permission entries in one transaction. */
    [[nodiscard]] Result<void> removeGroup(qint64 id);

    [[nodiscard]] Result<std::vector<qint64>> members(qint64 group) const;
    [[nodiscard]] Result<std::vector<Membership>> allMemberships() const;
    /** NotFound when the group or the administrator does not exist; a member already is one. */
    [[nodiscard]] Result<void> addMember(qint64 group, qint64 admin);
    /** NotFound when \a admin is not a member. */
    [[nodiscard]] Result<void> removeMember(qint64 group, qint64 admin);

    [[nodiscard]] Result<std::vector<PermissionRow>> allPermissions() const;
    [[nodiscard]] Result<std::vector<PermissionRow>> permissionsOn(const QString& nodeKind,
                                                                   qint64 nodeId) const;
    /** Replaces every entry on the node with \a rows (whose node fields are ignored), atomically.
     */
    [[nodiscard]] Result<void> replacePermissionsOn(const QString& nodeKind, qint64 nodeId,
                                                    const std::vector<PermissionRow>& rows);

private:
    [[nodiscard]] Result<std::vector<PermissionRow>>
    readPermissions(const QString& where, const QString& nodeKind, qint64 nodeId) const;

    Database& m_db;
};

} // namespace steward::server::db
