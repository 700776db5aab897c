// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/FolderRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <algorithm>
#include <functional>

namespace steward::server::db {
namespace {

Folder readFolder(const QSqlQuery& query)
{
    Folder folder;
    folder.id = query.value(0).toLongLong();
    folder.name = query.value(1).toString();
    if (!query.value(2).isNull()) {
        folder.parentId = query.value(2).toLongLong();
    }
    folder.createdAt = query.value(3).toLongLong();
    return folder;
}

// "(:id0,:id1,...)" for an IN list; the values are bound by bindIds().
QString idList(const std::vector<qint64>& ids)
{
    QStringList names;
    for (size_t i = 0; i < ids.size(); ++i) {
        names.append(QStringLiteral(":id%1").arg(i));
    }
    return QLatin1Char('(') + names.join(QLatin1Char(',')) + QLatin1Char(')');
}

void bindIds(QSqlQuery& query, const std::vector<qint64>& ids)
{
    for (size_t i = 0; i < ids.size(); ++i) {
        query.bindValue(QStringLiteral(":id%1").arg(i), ids[i]);
    }
}

// Runs "<head> WHERE <column> IN (...)" for \a ids, in chunks that stay below every
// driver's limit on bound values.
Result<void> forChunks(const std::vector<qint64>& ids,
                       const std::function<Result<void>(const std::vector<qint64>&)>& run)
{
    constexpr size_t Chunk = 500;
    for (size_t start = 0; start < ids.size(); start += Chunk) {
        const auto end = ids.begin() + qsizetype(std::min(ids.size(), start + Chunk));
        if (auto r = run(std::vector<qint64>(ids.begin() + qsizetype(start), end)); !r) {
            return r;
        }
    }
    return {};
}

} // namespace

FolderRepository::FolderRepository(Database& db) : m_db(db) {}

Result<std::vector<Folder>> FolderRepository::list() const
{
    auto query = m_db.prepare(
        QStringLiteral("SELECT id, name, parent_id, created_at FROM folders ORDER BY id"));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("listing folders")); !r) {
        return r.error();
    }
    std::vector<Folder> folders;
    while (query->next()) {
        folders.push_back(readFolder(*query));
    }
    return folders;
}

Result<std::optional<Folder>> FolderRepository::findById(qint64 id) const
{
    auto query = m_db.prepare(
        QStringLiteral("SELECT id, name, parent_id, created_at FROM folders WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), id);
    if (auto r = Database::exec(*query, QStringLiteral("reading a folder")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<Folder>{};
    }
    return std::optional<Folder>{readFolder(*query)};
}

Result<qint64> FolderRepository::insert(const Folder& folder)
{
    auto query = m_db.prepare(QStringLiteral("INSERT INTO folders (name, parent_id, created_at) "
                                             "VALUES (:name, :parent, :created) RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":name"), folder.name);
    query->bindValue(QStringLiteral(":parent"), Database::nullable(folder.parentId));
    query->bindValue(QStringLiteral(":created"), folder.createdAt);
    if (auto r = Database::exec(*query, QStringLiteral("creating a folder")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the new folder"));
    }
    return query->value(0).toLongLong();
}

Result<void> FolderRepository::update(const Folder& folder)
{
    auto query = m_db.prepare(
        QStringLiteral("UPDATE folders SET name = :name, parent_id = :parent WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":name"), folder.name);
    query->bindValue(QStringLiteral(":parent"), Database::nullable(folder.parentId));
    query->bindValue(QStringLiteral(":id"), folder.id);
    if (auto r = Database::exec(*query, QStringLiteral("changing a folder")); !r) {
        return r;
    }
    if (query->numRowsAffected() == 0) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no folder %1").arg(folder.id));
    }
    return {};
}

Result<void> FolderRepository::remove(const std::vector<qint64>& ids)
{
    return forChunks(ids, [this](const std::vector<qint64>& chunk) -> Result<void> {
        auto query =
            m_db.prepare(QStringLiteral("DELETE FROM folders WHERE id IN ") + idList(chunk));
        if (!query) {
            return query.error();
        }
        bindIds(*query, chunk);
        return Database::exec(*query, QStringLiteral("deleting folders"));
    });
}

Result<QHash<qint64, qint64>> FolderRepository::deviceCounts() const
{
    auto query = m_db.prepare(QStringLiteral(
        "SELECT COALESCE(folder_id, 0), COUNT(*) FROM devices WHERE deleted_at IS NULL "
        "GROUP BY COALESCE(folder_id, 0)"));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("counting devices per folder")); !r) {
        return r.error();
    }
    QHash<qint64, qint64> counts;
    while (query->next()) {
        counts.insert(query->value(0).toLongLong(), query->value(1).toLongLong());
    }
    return counts;
}

Result<std::vector<qint64>> FolderRepository::devicesIn(const std::vector<qint64>& folderIds) const
{
    std::vector<qint64> devices;
    auto read = forChunks(folderIds, [&](const std::vector<qint64>& chunk) -> Result<void> {
        auto query = m_db.prepare(
            QStringLiteral("SELECT id FROM devices WHERE deleted_at IS NULL AND folder_id IN ")
            + idList(chunk));
        if (!query) {
            return query.error();
        }
        bindIds(*query, chunk);
        if (auto r = Database::exec(*query, QStringLiteral("finding devices in folders")); !r) {
            return r;
        }
        while (query->next()) {
            devices.push_back(query->value(0).toLongLong());
        }
        return {};
    });
    if (!read) {
        return read.error();
    }
    std::sort(devices.begin(), devices.end());
    return devices;
}

Result<void> FolderRepository::moveDevicesToRoot(const std::vector<qint64>& folderIds)
{
    return forChunks(folderIds, [this](const std::vector<qint64>& chunk) -> Result<void> {
        auto query = m_db.prepare(QStringLiteral("UPDATE devices SET folder_id = NULL, "
                                                 "revision = revision + 1 WHERE deleted_at IS NULL "
                                                 "AND folder_id IN ")
                                  + idList(chunk));
        if (!query) {
            return query.error();
        }
        bindIds(*query, chunk);
        return Database::exec(*query, QStringLiteral("moving devices to the root"));
    });
}

} // namespace steward::server::db
