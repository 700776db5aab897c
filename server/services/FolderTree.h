// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FolderTree - the device tree in memory: paths, ancestors, subtrees and the naming rules.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Folder.h"

#include <QHash>

#include <vector>

namespace steward::server::services {

/** A folder name has 1 … 64 characters. */
inline constexpr int MaxFolderNameLength = 64;
/** A top-level folder is at depth 1; nothing is deeper than this. */
inline constexpr int MaxFolderDepth = 10;

/**
 * Checks a folder name: 1 … 64 characters, no '/', no control characters, no leading or
 * trailing white space, not "." or "..". InvalidValue names the problem.
 */
[[nodiscard]] Result<void> checkFolderName(const QString& name);

/**
 * A snapshot of every folder. Paths are "/Berlin/Floor 2"; the root "Devices" is "/" and is
 * not a folder (its id is absent). Sibling names are unique ignoring case, so a path names at
 * most one folder. Walks upwards are bounded, so even a corrupted parent chain ends.
 */
class FolderTree {
public:
    explicit FolderTree(std::vector<db::Folder> folders = {});

    [[nodiscard]] const std::vector<db::Folder>& folders() const { return m_folders; }
    [[nodiscard]] const db::Folder* find(qint64 id) const;
    /** "/A/B" for a folder, "/" for the root (absent id). */
    [[nodiscard]] QString path(std::optional<qint64> id) const;
    /** 1 for a top-level folder, 0 for the root. */
    [[nodiscard]] int depth(std::optional<qint64> id) const;
    /** The folder's ancestors, nearest first, without the folder itself. */
    [[nodiscard]] std::vector<qint64> ancestors(qint64 id) const;
    /** The folder and everything below it, parents before children. */
    [[nodiscard]] std::vector<qint64> subtree(qint64 id) const;
    /** How many levels the subtree of \a id spans: 1 for a folder without subfolders. */
    [[nodiscard]] int height(qint64 id) const;
    /** The child of \a parent called \a name, ignoring case, other than \a except. */
    [[nodiscard]] const db::Folder* child(std::optional<qint64> parent, const QString& name,
                                          qint64 except = 0) const;
    /**
     * The folder a path names: "/" (or empty) is the root, "/A/B" a folder; a trailing '/' is
     * allowed. NotFound names the first part that does not exist, InvalidValue a malformed path.
     */
    [[nodiscard]] Result<std::optional<qint64>> resolve(const QString& path) const;

private:
    std::vector<db::Folder> m_folders;
    QHash<qint64, qsizetype> m_index;
    QHash<qint64, std::vector<qint64>> m_children; // key 0: top-level folders
};

} // namespace steward::server::services
