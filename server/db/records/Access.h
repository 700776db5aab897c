// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Access - groups, memberships and permission entries as stored.
#pragma once

#include <QString>

namespace steward::server::db {

struct Group {
    qint64 id = 0;
    QString name;
    QString description;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 revision = 1;
};

struct Membership {
    qint64 groupId = 0;
    qint64 adminId = 0;
};

/** One stored entry; the words are checked by the access service before they are written. */
struct PermissionRow {
    QString principalKind; // "admin" or "group"
    qint64 principalId = 0;
    QString nodeKind;
    qint64 nodeId = 0;
    QString right;  // "Browse", "Shadow", …
    QString effect; // "allow" or "deny"
};

} // namespace steward::server::db
