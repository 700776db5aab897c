// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/FolderService.h"

#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "server/db/FolderRepository.h"
#include "server/db/Transaction.h"
#include "server/http/RouteSupport.h"
#include "server/services/AuditLog.h"
#include "server/services/DeviceView.h"
#include "server/services/EventHub.h"

#include <QJsonValue>

namespace steward::server::services {
namespace {

constexpr int MaxDeviceNameLength = 128;

QString folderObject(qint64 id)
{
    return QStringLiteral("folder:%1").arg(id);
}

QString parentText(std::optional<qint64> parent)
{
    return parent ? QString::number(*parent) : QStringLiteral("root");
}

} // namespace

Result<void> checkDeviceName(const QString& name)
{
    if (name.isEmpty() || name.size() > MaxDeviceNameLength || name.trimmed() != name) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("device name \"%1\" must have 1 … %2 characters and no "
                                        "white space at either end")
                             .arg(name.left(80))
                             .arg(MaxDeviceNameLength));
    }
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("device name \"%1\" contains a control character")
                                 .arg(name.left(80)));
        }
    }
    return {};
}

FolderService::FolderService(db::Database& database, db::FolderRepository& folders,
                             db::DeviceRepository& devices, AuditLog& audit, EventHub& events,
                             Clock clock, std::function<bool(qint64)> isOnline)
    : m_database(database), m_folders(folders), m_devices(devices), m_audit(audit),
      m_events(events), m_clock(std::move(clock)), m_isOnline(std::move(isOnline))
{}

Result<FolderTree> FolderService::tree() const
{
    auto folders = m_folders.list();
    if (!folders) {
        return folders.error();
    }
    return FolderTree(std::move(*folders));
}

Result<std::vector<FolderInfo>> FolderService::list() const
{
    auto folders = tree();
    auto counts = m_folders.deviceCounts();
    if (!folders || !counts) {
        return !folders ? folders.error() : counts.error();
    }
    std::vector<FolderInfo> infos;
    infos.reserve(folders->folders().size());
    for (const auto& folder : folders->folders()) {
        infos.push_back({folder, folders->path(folder.id), counts->value(folder.id)});
    }
    std::sort(infos.begin(), infos.end(), [](const FolderInfo& a, const FolderInfo& b) {
        const int order = a.path.compare(b.path, Qt::CaseInsensitive);
        return order != 0 ? order < 0 : a.folder.id < b.folder.id;
    });
    return infos;
}

Result<FolderInfo> FolderService::info(const FolderTree& tree, qint64 id) const
{
    const auto* folder = tree.find(id);
    if (!folder) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no folder %1").arg(id));
    }
    auto counts = m_folders.deviceCounts();
    if (!counts) {
        return counts.error();
    }
    return FolderInfo{*folder, tree.path(id), counts->value(id)};
}

Result<FolderInfo> FolderService::read(qint64 id) const
{
    auto folders = tree();
    if (!folders) {
        return folders.error();
    }
    return info(*folders, id);
}

Result<void> FolderService::checkPlacement(const FolderTree& tree, qint64 id, const QString& name,
                                           std::optional<qint64> parent) const
{
    if (auto valid = checkFolderName(name); !valid) {
        return valid;
    }
    if (parent && !tree.find(*parent)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no parent folder %1").arg(*parent));
    }
    if (parent && id != 0) {
        const auto below = tree.subtree(id);
        if (std::find(below.begin(), below.end(), *parent) != below.end()) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("folder %1 cannot move into %2, which is itself or "
                                            "one of its subfolders")
                                 .arg(tree.path(id), tree.path(parent)));
        }
    }
    const int height = id != 0 ? tree.height(id) : 1;
    if (tree.depth(parent) + height > MaxFolderDepth) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("folders nest at most %1 levels deep; below %2 this "
                                        "would reach level %3")
                             .arg(MaxFolderDepth)
                             .arg(tree.path(parent))
                             .arg(tree.depth(parent) + height));
    }
    if (const auto* twin = tree.child(parent, name, id)) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("%1 already has a folder named \"%2\" (folder %3)")
                             .arg(tree.path(parent), twin->name)
                             .arg(twin->id));
    }
    return {};
}

Result<FolderInfo> FolderService::createInTransaction(const QString& name,
                                                      std::optional<qint64> parent)
{
    auto folders = tree();
    if (!folders) {
        return folders.error();
    }
    if (auto allowed = checkPlacement(*folders, 0, name, parent); !allowed) {
        return allowed.error();
    }
    db::Folder folder{0, name, parent, m_clock()};
    auto id = m_folders.insert(folder);
    if (!id) {
        return id.error();
    }
    folder.id = *id;
    const QString parentPath = parent ? folders->path(parent) : QString();
    return FolderInfo{folder, parentPath + QLatin1Char('/') + name, 0};
}

Result<FolderInfo> FolderService::create(const QString& name, std::optional<qint64> parent,
                                         const Requester& requester)
{
    auto created = db::inTransaction<FolderInfo>(m_database,
                                                 [&] { return createInTransaction(name, parent); });
    audit(requester, QStringLiteral("folder.create"),
          created ? folderObject(created->folder.id) : QStringLiteral("folder"), created,
          QStringLiteral("name=\"%1\" parent=%2").arg(name.left(80), parentText(parent)));
    if (created) {
        m_events.publish(QStringLiteral("created"), QStringLiteral("folder"), created->folder.id,
                         folderJson(*created));
    }
    return created;
}

Result<FolderInfo> FolderService::updateInTransaction(qint64 id, const FolderChange& change)
{
    auto folders = tree();
    if (!folders) {
        return folders.error();
    }
    const auto* current = folders->find(id);
    if (!current) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no folder %1").arg(id));
    }
    db::Folder changed = *current;
    changed.name = change.name.value_or(current->name);
    changed.parentId = change.parent.value_or(current->parentId);
    if (auto allowed = checkPlacement(*folders, id, changed.name, changed.parentId); !allowed) {
        return allowed.error();
    }
    if (auto stored = m_folders.update(changed); !stored) {
        return stored.error();
    }
    auto after = tree();
    if (!after) {
        return after.error();
    }
    return info(*after, id);
}

Result<FolderInfo> FolderService::update(qint64 id, const FolderChange& change,
                                         const Requester& requester)
{
    const auto before = read(id);
    auto updated =
        db::inTransaction<FolderInfo>(m_database, [&] { return updateInTransaction(id, change); });
    QString details = before ? QStringLiteral("from=\"%1\"").arg(before->path) : QString();
    if (updated) {
        details += QStringLiteral(" to=\"%1\"").arg(updated->path);
    }
    audit(requester, QStringLiteral("folder.change"), folderObject(id), updated, details.trimmed());
    if (updated) {
        publishSubtree(QStringLiteral("changed"), id);
    }
    return updated;
}

Result<FolderRemoval> FolderService::removeInTransaction(qint64 id, bool recursive)
{
    auto folders = tree();
    if (!folders) {
        return folders.error();
    }
    if (!folders->find(id)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no folder %1").arg(id));
    }
    FolderRemoval removal;
    removal.folders = folders->subtree(id);
    auto devices = m_folders.devicesIn(removal.folders);
    if (!devices) {
        return devices.error();
    }
    removal.devices = std::move(*devices);
    if (!recursive && (removal.folders.size() > 1 || !removal.devices.empty())) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("folder %1 is not empty (%2 subfolders, %3 devices); "
                                        "delete with ?recursive=true to remove its subfolders "
                                        "and move its devices to the root")
                             .arg(folders->path(id))
                             .arg(removal.folders.size() - 1)
                             .arg(removal.devices.size()));
    }
    if (auto moved = m_folders.moveDevicesToRoot(removal.folders); !moved) {
        return moved.error();
    }
    if (auto removed = m_folders.remove(removal.folders); !removed) {
        return removed.error();
    }
    return removal;
}

Result<FolderRemoval> FolderService::remove(qint64 id, bool recursive, const Requester& requester)
{
    const auto before = read(id);
    auto removed = db::inTransaction<FolderRemoval>(
        m_database, [&] { return removeInTransaction(id, recursive); });
    QString details = before ? QStringLiteral("path=\"%1\"").arg(before->path) : QString();
    if (removed) {
        details += QStringLiteral(" folders=%1 devices_to_root=%2")
                       .arg(removed->folders.size())
                       .arg(removed->devices.size());
    }
    audit(requester, QStringLiteral("folder.delete"), folderObject(id), removed, details.trimmed());
    if (removed) {
        for (auto it = removed->folders.crbegin(); it != removed->folders.crend(); ++it) {
            m_events.publish(QStringLiteral("deleted"), QStringLiteral("folder"), *it);
        }
        for (const qint64 device : removed->devices) {
            publishDevice(device);
        }
    }
    return removed;
}

Result<db::Device> FolderService::changeDeviceInTransaction(qint64 deviceId,
                                                            const DeviceChange& change)
{
    auto found = m_devices.getInUse(deviceId);
    if (!found) {
        return found.error();
    }
    db::Device device = *found;
    device.name = change.name.value_or(device.name);
    device.folderId = change.folder.value_or(device.folderId);
    if (auto valid = checkDeviceName(device.name); !valid) {
        return valid.error();
    }
    if (device.folderId) {
        auto folder = m_folders.findById(*device.folderId);
        if (!folder) {
            return folder.error();
        }
        if (!folder->has_value()) {
            return makeError(ErrorCode::NotFound,
                             QStringLiteral("no folder %1").arg(*device.folderId));
        }
    }
    if (auto stored = m_devices.setPlacement(deviceId, device.name, device.folderId); !stored) {
        return stored.error();
    }
    ++device.revision;
    return device;
}

Result<db::Device> FolderService::changeDevice(qint64 deviceId, const DeviceChange& change,
                                               const Requester& requester)
{
    auto changed = db::inTransaction<db::Device>(
        m_database, [&] { return changeDeviceInTransaction(deviceId, change); });
    QString details;
    if (change.name) {
        details += QStringLiteral("name=\"%1\" ").arg(change.name->left(80));
    }
    if (change.folder) {
        details += QStringLiteral("folder=%1").arg(parentText(*change.folder));
    }
    audit(requester, QStringLiteral("device.change"), QStringLiteral("device:%1").arg(deviceId),
          changed, details.trimmed());
    if (changed) {
        publishDevice(deviceId);
    }
    return changed;
}

QJsonObject FolderService::folderJson(const FolderInfo& info)
{
    return QJsonObject{{QStringLiteral("id"), info.folder.id},
                       {QStringLiteral("name"), info.folder.name},
                       {QStringLiteral("parent"), info.folder.parentId
                                                      ? QJsonValue(*info.folder.parentId)
                                                      : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("path"), info.path},
                       {QStringLiteral("deviceCount"), info.deviceCount},
                       {QStringLiteral("created"), http::isoTime(info.folder.createdAt)}};
}

template <typename T>
void FolderService::audit(const Requester& requester, const QString& action, const QString& object,
                          const Result<T>& outcome, const QString& details)
{
    m_audit.recordResult(requester.name, action, object, requester.peer, outcome, details);
}

void FolderService::publishSubtree(const QString& event, qint64 id)
{
    auto folders = tree();
    auto counts = m_folders.deviceCounts();
    if (!folders || !counts) {
        return; // the change is committed; consoles reload on their next list
    }
    for (const qint64 member : folders->subtree(id)) {
        if (const auto* folder = folders->find(member)) {
            m_events.publish(event, QStringLiteral("folder"), member,
                             folderJson({*folder, folders->path(member), counts->value(member)}));
        }
    }
}

void FolderService::publishDevice(qint64 id)
{
    auto device = m_devices.findById(id);
    if (device && device->has_value()) {
        m_events.publish(QStringLiteral("changed"), QStringLiteral("device"), id,
                         deviceJson(**device, m_isOnline(id)));
    }
}

} // namespace steward::server::services
