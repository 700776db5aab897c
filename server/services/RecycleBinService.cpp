// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/RecycleBinService.h"

#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "server/db/Transaction.h"
#include "server/http/RouteSupport.h"
#include "server/services/AuditLog.h"
#include "server/services/DeviceView.h"
#include "server/services/EventHub.h"

#include <QJsonArray>

namespace steward::server::services {
namespace {

const QString DeviceKind = QStringLiteral("device");
const QString BinKind = QStringLiteral("recycle-bin");

QString deviceObject(qint64 id)
{
    return QStringLiteral("device:%1").arg(id);
}

/** Applies \a step to every id inside one transaction. */
Result<void> forEachInTransaction(db::Database& database, const std::vector<db::Device>& devices,
                                  const std::function<Result<void>(qint64)>& step)
{
    return db::inTransaction<void>(database, [&]() -> Result<void> {
        for (const auto& device : devices) {
            if (auto done = step(device.id); !done) {
                return done;
            }
        }
        return {};
    });
}

} // namespace

RecycleBinService::RecycleBinService(db::Database& database, db::DeviceRepository& devices,
                                     AuditLog& audit, EventHub& events, Clock clock,
                                     RecycleBinHooks hooks)
    : m_database(database), m_devices(devices), m_audit(audit), m_events(events),
      m_clock(std::move(clock)), m_hooks(std::move(hooks))
{}

QJsonObject RecycleBinService::entryJson(const db::Device& device)
{
    return QJsonObject{
        {QStringLiteral("id"), device.id},
        {QStringLiteral("name"), device.name},
        {QStringLiteral("unitId"), device.unitId},
        {QStringLiteral("hostname"), device.hostname},
        {QStringLiteral("lastIp"), device.lastIp},
        {QStringLiteral("folder"),
         device.folderId ? QJsonValue(*device.folderId) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("deletedAt"), device.deletedAt
                                          ? QJsonValue(http::isoTime(*device.deletedAt))
                                          : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("deletedBy"), device.deletedBy},
    };
}

Result<std::vector<db::Device>> RecycleBinService::check(const std::vector<qint64>& ids,
                                                         Expect expect) const
{
    if (ids.empty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("name at least one device"));
    }
    if (ids.size() > size_t(MaxRecycleBinBatch)) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("at most %1 devices at once, not %2")
                             .arg(MaxRecycleBinBatch)
                             .arg(ids.size()));
    }
    std::vector<db::Device> devices;
    devices.reserve(ids.size());
    for (const qint64 id : ids) {
        auto device = m_devices.get(id);
        if (!device) {
            return device.error();
        }
        const bool binned = device->deletedAt.has_value();
        if (expect == Expect::InUse && binned) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("device %1 (%2) is already in the recycle bin")
                                 .arg(id)
                                 .arg(device->name));
        }
        if (expect == Expect::Binned && !binned) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("device %1 (%2) is not in the recycle bin")
                                 .arg(id)
                                 .arg(device->name));
        }
        devices.push_back(std::move(*device));
    }
    return devices;
}

void RecycleBinService::auditFailure(const QString& action, const std::vector<qint64>& ids,
                                     const Requester& requester, const Error& error)
{
    const QString object =
        ids.size() == 1 ? deviceObject(ids.front()) : QStringLiteral("%1 devices").arg(ids.size());
    m_audit.recordResult(requester.name, action, object, requester.peer, Result<void>(error),
                         QString());
}

Result<std::vector<db::Device>> RecycleBinService::remove(const std::vector<qint64>& ids,
                                                          const Requester& requester)
{
    const QString action = QStringLiteral("device.delete");
    auto devices = check(ids, Expect::InUse);
    const qint64 now = m_clock();
    auto done = devices ? forEachInTransaction(
                    m_database, *devices,
                    [&](qint64 id) { return m_devices.setBinned(id, now, requester.name); })
                        : Result<void>(devices.error());
    if (!done) {
        auditFailure(action, ids, requester, done.error());
        return done.error();
    }
    for (auto& device : *devices) {
        device.deletedAt = now;
        device.deletedBy = requester.name;
        m_audit.record(requester.name, action, deviceObject(device.id), requester.peer,
                       QStringLiteral("ok"), QStringLiteral("name=%1").arg(device.name));
        m_events.publish(QStringLiteral("deleted"), DeviceKind, device.id);
        m_events.publish(QStringLiteral("created"), BinKind, device.id, entryJson(device));
        if (m_hooks.disconnect) {
            m_hooks.disconnect(device.id, QStringLiteral("moved to the recycle bin"));
        }
    }
    return devices;
}

Result<std::vector<db::Device>> RecycleBinService::restore(const std::vector<qint64>& ids,
                                                           const Requester& requester)
{
    const QString action = QStringLiteral("device.restore");
    auto devices = check(ids, Expect::Binned);
    auto done = devices ? forEachInTransaction(m_database, *devices,
                                               [&](qint64 id) { return m_devices.setRestored(id); })
                        : Result<void>(devices.error());
    if (!done) {
        auditFailure(action, ids, requester, done.error());
        return done.error();
    }
    std::vector<db::Device> restored;
    for (const auto& before : *devices) {
        // Read again: the folder may have been deleted while the device was in the bin.
        auto device = m_devices.get(before.id);
        if (!device) {
            return device.error();
        }
        m_audit.record(requester.name, action, deviceObject(device->id), requester.peer,
                       QStringLiteral("ok"),
                       QStringLiteral("name=%1 folder=%2")
                           .arg(device->name, device->folderId ? QString::number(*device->folderId)
                                                               : QStringLiteral("root")));
        const bool online = m_hooks.isOnline && m_hooks.isOnline(device->id);
        m_events.publish(QStringLiteral("created"), DeviceKind, device->id,
                         deviceJson(*device, online));
        m_events.publish(QStringLiteral("deleted"), BinKind, device->id);
        restored.push_back(std::move(*device));
    }
    return restored;
}

Result<std::vector<qint64>> RecycleBinService::purge(const std::vector<qint64>& ids,
                                                     const Requester& requester)
{
    const QString action = QStringLiteral("device.purge");
    auto devices = check(ids, Expect::Binned);
    auto done = devices ? forEachInTransaction(m_database, *devices,
                                               [&](qint64 id) { return m_devices.purge(id); })
                        : Result<void>(devices.error());
    if (!done) {
        auditFailure(action, ids, requester, done.error());
        return done.error();
    }
    std::vector<qint64> purged;
    for (const auto& device : *devices) {
        m_audit.record(requester.name, action, deviceObject(device.id), requester.peer,
                       QStringLiteral("ok"),
                       QStringLiteral("name=%1 unitId=%2").arg(device.name, device.unitId));
        m_events.publish(QStringLiteral("deleted"), BinKind, device.id);
        purged.push_back(device.id);
    }
    if (m_hooks.purged) {
        m_hooks.purged();
    }
    return purged;
}

Result<std::vector<db::Device>> RecycleBinService::contents() const
{
    constexpr qint64 PageSize = 1000;
    std::vector<db::Device> all;
    for (qint64 offset = 0;; offset += PageSize) {
        auto page = m_devices.listBinned(offset, PageSize);
        if (!page) {
            return page.error();
        }
        all.insert(all.end(), page->items.begin(), page->items.end());
        if (page->items.empty() || qint64(all.size()) >= page->total) {
            return all;
        }
    }
}

} // namespace steward::server::services
