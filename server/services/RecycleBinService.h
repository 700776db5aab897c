// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// RecycleBinService - deletes devices into the recycle bin, restores them, purges them.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Admin.h"
#include "server/db/records/Device.h"
#include "server/services/Clock.h"
#include "server/services/Requester.h"

#include <QJsonObject>

#include <functional>
#include <vector>

namespace steward::server::db {
class Database;
class DeviceRepository;
} // namespace steward::server::db

namespace steward::server::services {

class AuditLog;
class EventHub;

/** What the service needs of the device channels and the access tree; each may be empty. */
struct RecycleBinHooks {
    std::function<bool(qint64)> isOnline;
    /** Closes the device's live channel, telling the agent why. */
    std::function<void(qint64, const QString&)> disconnect;
    /** After a purge: the tree and permission entries changed. */
    std::function<void()> purged;
};

/**
 * A deleted device keeps its row and everything that hangs off it, marked deleted_at: it is no
 * longer listed, counted or reachable (its channel is closed and refused, shadowing and
 * commands answer Conflict) until it is restored or purged.
 *
 * Every operation takes several ids and is all or nothing: each id is checked first (NotFound
 * "no device N", Conflict when the device is in the wrong place), then all change in one
 * transaction. Events: a deleted device is "deleted" (kind device) and "created" (kind
 * recycle-bin, the entry); a restored one "created" (kind device) and "deleted" (recycle-bin);
 * a purged one "deleted" (recycle-bin). Audit actions: device.delete, device.restore,
 * device.purge.
 */
class RecycleBinService {
public:
    RecycleBinService(db::Database& database, db::DeviceRepository& devices, AuditLog& audit,
                      EventHub& events, Clock clock, RecycleBinHooks hooks);

    /** Moves devices in use to the recycle bin; their entries. */
    [[nodiscard]] Result<std::vector<db::Device>> remove(const std::vector<qint64>& ids,
                                                         const Requester& requester);
    /** Devices in the recycle bin back into their folders (the root if it is gone). */
    [[nodiscard]] Result<std::vector<db::Device>> restore(const std::vector<qint64>& ids,
                                                          const Requester& requester);
    /** Deletes devices in the recycle bin for good, with every dependent row. */
    [[nodiscard]] Result<std::vector<qint64>> purge(const std::vector<qint64>& ids,
                                                    const Requester& requester);
    /** Every device in the recycle bin, ordered by id. */
    [[nodiscard]] Result<std::vector<db::Device>> contents() const;

    /** {"id","name","unitId","hostname","lastIp","folder","deletedAt","deletedBy"}. */
    [[nodiscard]] static QJsonObject entryJson(const db::Device& device);

private:
    enum class Expect { InUse, Binned };
    [[nodiscard]] Result<std::vector<db::Device>> check(const std::vector<qint64>& ids,
                                                        Expect expect) const;
    void auditFailure(const QString& action, const std::vector<qint64>& ids,
                      const Requester& requester, const Error& error);

    db::Database& m_database;
    db::DeviceRepository& m_devices;
    AuditLog& m_audit;
    EventHub& m_events;
    Clock m_clock;
    RecycleBinHooks m_hooks;
};

/** Largest number of ids one request may name. */
inline constexpr int MaxRecycleBinBatch = 10000;

} // namespace steward::server::services
