// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FolderService - creates, renames, moves and deletes folders and moves devices between them.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Device.h"
#include "server/services/Clock.h"
#include "server/services/FolderTree.h"
#include "server/services/Requester.h"

#include <QJsonObject>

#include <functional>

namespace steward::server::db {
class Database;
class DeviceRepository;
class FolderRepository;
} // namespace steward::server::db

namespace steward::server::services {

class AuditLog;
class EventHub;

struct FolderInfo {
    db::Folder folder;
    QString path;
    qint64 deviceCount = 0; // devices directly in this folder, not in its subfolders
};

/** What a PATCH changes; an absent member stays as it is. A parent of nullopt is the root. */
struct FolderChange {
    std::optional<QString> name;
    std::optional<std::optional<qint64>> parent;
};

struct DeviceChange {
    std::optional<QString> name;
    std::optional<std::optional<qint64>> folder;
};

struct FolderRemoval {
    std::vector<qint64> folders; // the folder and its subfolders, parents first
    std::vector<qint64> devices; // devices that were in them and are now at the root
};

/** A device name has 1 … 128 characters, no control characters, no outer white space. */
[[nodiscard]] Result<void> checkDeviceName(const QString& name);

/**
 * Every change runs in one transaction and is checked against the whole tree first: sibling
 * names are unique ignoring case, a folder never moves below itself, and no folder ends up
 * deeper than MaxFolderDepth. Each change is audited ("folder.create", "folder.change",
 * "folder.delete", "device.change"; refusals with outcome "denied") and, once committed,
 * published to consoles as object events of kind "folder" or "device".
 *
 * Deleting a folder that holds devices or subfolders is refused unless it is recursive; a
 * recursive delete removes the whole subtree and moves its devices to the root "Devices",
 * so no device is ever deleted with a folder.
 */
class FolderService {
public:
    FolderService(db::Database& database, db::FolderRepository& folders,
                  db::DeviceRepository& devices, AuditLog& audit, EventHub& events, Clock clock,
                  std::function<bool(qint64)> isOnline);

    [[nodiscard]] Result<FolderTree> tree() const;
    /** Every folder with its path and device count, ordered by path. */
    [[nodiscard]] Result<std::vector<FolderInfo>> list() const;
    [[nodiscard]] Result<FolderInfo> read(qint64 id) const;
    [[nodiscard]] Result<FolderInfo> create(const QString& name, std::optional<qint64> parent,
                                            const Requester& requester);
    [[nodiscard]] Result<FolderInfo> update(qint64 id, const FolderChange& change,
                                            const Requester& requester);
    [[nodiscard]] Result<FolderRemoval> remove(qint64 id, bool recursive,
                                               const Requester& requester);
    [[nodiscard]] Result<db::Device> changeDevice(qint64 deviceId, const DeviceChange& change,
                                                  const Requester& requester);

    /** {"id","name","parent","path","deviceCount","created"} */
    [[nodiscard]] static QJsonObject folderJson(const FolderInfo& info);

private:
    [[nodiscard]] Result<FolderInfo> info(const FolderTree& tree, qint64 id) const;
    [[nodiscard]] Result<void> checkPlacement(const FolderTree& tree, qint64 id,
                                              const QString& name,
                                              std::optional<qint64> parent) const;
    [[nodiscard]] Result<FolderInfo> createInTransaction(const QString& name,
                                                         std::optional<qint64> parent);
    [[nodiscard]] Result<FolderInfo> updateInTransaction(qint64 id, const FolderChange& change);
    [[nodiscard]] Result<FolderRemoval> removeInTransaction(qint64 id, bool recursive);
    [[nodiscard]] Result<db::Device> changeDeviceInTransaction(qint64 deviceId,
                                                               const DeviceChange& change);
    template <typename T>
    void audit(const Requester& requester, const QString& action, const QString& object,
               const Result<T>& outcome, const QString& details);
    void publishSubtree(const QString& event, qint64 id);
    void publishDevice(qint64 id);

    db::Database& m_database;
    db::FolderRepository& m_folders;
    db::DeviceRepository& m_devices;
    AuditLog& m_audit;
    EventHub& m_events;
    Clock m_clock;
    std::function<bool(qint64)> m_isOnline;
};

} // namespace steward::server::services
