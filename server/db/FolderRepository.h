// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FolderRepository - the folders of the device tree and which devices sit in them.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Folder.h"

#include <QHash>

#include <vector>

namespace steward::server::db {

class Database;

/**
 * Plain storage: names, parents and counts. The rules (unique sibling names, no cycles,
 * limits) are FolderService's, which holds the whole tree when it decides; the unique index
 * on (parent, name) backs it up against a second server racing on PostgreSQL.
 */
class FolderRepository {
public:
    explicit FolderRepository(Database& db);

    /** Every folder, ordered by id. */
    [[nodiscard]] Result<std::vector<Folder>> list() const;
    [[nodiscard]] Result<std::optional<Folder>> findById(qint64 id) const;
    [[nodiscard]] Result<qint64> insert(const Folder& folder);
    /** Renames and moves in one statement; NotFound for an unknown id. */
    [[nodiscard]] Result<void> update(const Folder& folder);
    /** Deletes these folders; devices and tokens in them must have been moved first. */
    [[nodiscard]] Result<void> remove(const std::vector<qint64>& ids);
    /** Devices directly in each folder that has any (the root's count under key 0). */
    [[nodiscard]] Result<QHash<qint64, qint64>> deviceCounts() const;
    /** Ids of the devices directly in any of \a folderIds, ordered by id. */
    [[nodiscard]] Result<std::vector<qint64>> devicesIn(const std::vector<qint64>& folderIds) const;
    /** Moves every device in \a folderIds to the root, bumping each one's revision. */
    [[nodiscard]] Result<void> moveDevicesToRoot(const std::vector<qint64>& folderIds);

private:
    Database& m_db;
};

} // namespace steward::server::db
