// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ConfigPushService - the versioned push: recomputes devices' configurations after a change,
// versions them and sends signed settings.bundle messages (docs/settings.md, "Versioned push").
#pragma once

#include "common/core/Result.h"
#include "common/protocol/Settings.h"
#include "server/db/records/DeviceConfig.h"
#include "server/services/Clock.h"
#include "server/services/SigningKeys.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <deque>
#include <functional>

namespace steward::server::db {
class Database;
class DeviceConfigRepository;
class ProfileRepository;
} // namespace steward::server::db

namespace steward::server::services {

class EventHub;
class FolderService;
class ProfileService;

struct ConfigPushDependencies {
    db::Database& database;
    db::DeviceConfigRepository& configs;
    db::ProfileRepository& profiles;
    ProfileService& profileService;
    FolderService& folders;
    SigningKeyOf signingKey; // the key of the certificate the device pinned
    EventHub& events;
    Clock clock;
    /** Sends a bundle on the device's channel; false when it is offline. */
    std::function<bool(qint64 deviceId, const protocol::SettingsBundle&)> send;
    /** Whether the device has a greeted channel: offline devices are never signed for. */
    std::function<bool(qint64 deviceId)> isOnline;
};

/** How view assignments reach devices (ViewMembership); without it views reach nothing. */
struct ViewReach {
    /** The devices of every view \a profileId is assigned to. */
    std::function<Result<std::vector<qint64>>(qint64 profileId)> byProfile;
    /** The devices of view \a viewId when a profile is assigned to it, none otherwise. */
    std::function<Result<std::vector<qint64>>(qint64 viewId)> byView;
};

/**
 * A change schedules the devices it may reach; they are recomputed from a queue, chunkSize per
 * event-loop turn (a zero-timer), so a change reaching 50,000 devices never stalls the server's
 * other work. A device whose effective values did not change keeps its version and gets
 * nothing. A changed one gets the next revision and state "pending"; with PushMode::Now an
 * online device gets its signed bundle at once, otherwise at its next connect. Every hello
 * recomputes the device and sends the bundle when what it applied is not what it should have
 * (catch-up). settings.applied reports set "applied" or "failed" with the failures per
 * parameter. Each state change is published as an object event of kind "device-config".
 */
class ConfigPushService : public QObject {
    Q_OBJECT

public:
    /**
     * \a chunkSize devices are recomputed per turn; deliveries (an RSA-4096 signature each)
     * take turns of at most \a turnBudget.
     */
    explicit ConfigPushService(ConfigPushDependencies dependencies, int chunkSize = 250,
                               std::chrono::milliseconds turnBudget = std::chrono::milliseconds(20),
                               QObject* parent = nullptr);

    void setViewReach(ViewReach reach) { m_viewReach = std::move(reach); }

    void scheduleDevices(const std::vector<qint64>& deviceIds, db::PushMode mode);
    /** The devices \a profileId is assigned to, directly, through a folder or a view, by id. */
    [[nodiscard]] Result<std::vector<qint64>> devicesReachedBy(qint64 profileId) const;
    /** Schedules devicesReachedBy(\a profileId). */
    [[nodiscard]] Result<void> scheduleProfile(qint64 profileId, db::PushMode mode);
    /** The devices of view \a viewId if a profile is assigned to it (a view changed). */
    [[nodiscard]] Result<std::vector<qint64>> devicesReachedThroughView(qint64 viewId) const;
    /** Every device (a folder moved or disappeared). */
    [[nodiscard]] Result<void> scheduleAll(db::PushMode mode);
    /** Recomputes one device now; sends when \a mode is Now. */
    [[nodiscard]] Result<db::DeviceConfig> refresh(qint64 deviceId, db::PushMode mode);
    /** A device's channel was greeted: recompute, and send what it lacks. */
    void deviceGreeted(qint64 deviceId);
    /** Stores an agent's settings.applied; an error names what was wrong with it. */
    [[nodiscard]] Result<void> handleApplied(qint64 deviceId,
                                             const protocol::SettingsApplied& report);
    /** GET /api/v1/devices/{id}/config-state; NotFound before the first computation. */
    [[nodiscard]] Result<QJsonObject> stateJson(qint64 deviceId) const;
    /** How many devices are in each state ("pending" → n, …). */
    [[nodiscard]] Result<QHash<QString, qint64>> counts() const;
    /** Devices waiting to be recomputed or sent. */
    [[nodiscard]] qsizetype queued() const
    {
        return qsizetype(m_queue.size() + m_deliveries.size());
    }

    [[nodiscard]] static QJsonObject configJson(const db::DeviceConfig& config);

Q_SIGNALS:
    /** The queue became empty. */
    void drained();

private:
    void processTurn();
    void wake();
    [[nodiscard]] Result<void> recompute(const std::vector<qint64>& deviceIds);
    /** Signs and sends the device's desired bundle; false when it is offline. */
    [[nodiscard]] Result<bool> deliver(qint64 deviceId);
    void publish(qint64 deviceId);

    ConfigPushDependencies m_deps;
    ViewReach m_viewReach;
    int m_chunkSize;
    std::chrono::milliseconds m_turnBudget;
    std::deque<qint64> m_queue;
    QHash<qint64, db::PushMode> m_modes; // queued devices; Now wins over NextConnect
    std::deque<qint64> m_deliveries;     // recomputed, to be signed and sent now
    QTimer m_turn;
};

} // namespace steward::server::services
