// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceCommandRepository - the device command queue (table device_commands).
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Admin.h"
#include "server/db/records/Device.h"

#include <vector>

namespace steward::server::db {

class Database;

namespace CommandState {
inline const QString Queued = QStringLiteral("queued");
inline const QString Sent = QStringLiteral("sent");
inline const QString Succeeded = QStringLiteral("succeeded");
inline const QString Failed = QStringLiteral("failed");
inline const QString Expired = QStringLiteral("expired");
} // namespace CommandState

/**
 * A command moves queued → sent → succeeded | failed, or from queued or sent to expired (or
 * straight to succeeded/failed for commands the server completes itself). Every transition is
 * guarded by the state it leaves, so a late result cannot revive an expired command.
 */
class DeviceCommandRepository {
public:
    explicit DeviceCommandRepository(Database& db);

    /** Stores \a command as given (state, times); returns the new id. */
    [[nodiscard]] Result<qint64> insert(const DeviceCommand& command);
    [[nodiscard]] Result<std::optional<DeviceCommand>> findById(qint64 id) const;
    /** Newest first. */
    [[nodiscard]] Result<Page<DeviceCommand>> listForDevice(qint64 deviceId, qint64 offset,
                                                            qint64 limit) const;
    /** The device's queued, unexpired commands, oldest first. */
    [[nodiscard]] Result<std::vector<DeviceCommand>> pendingFor(qint64 deviceId, qint64 now) const;
    /** queued → sent; false when the command was no longer queued. */
    [[nodiscard]] Result<bool> markSent(qint64 id);
    /**
     * queued or sent → \a state (succeeded, failed or expired) with the finish time and
     * message; false when the command is not the device's or was already finished.
     */
    [[nodiscard]] Result<bool> finish(qint64 id, qint64 deviceId, const QString& state, qint64 at,
                                      const QString& message);
    /** Unfinished commands whose expiry is at or before \a now, oldest first. */
    [[nodiscard]] Result<std::vector<DeviceCommand>> due(qint64 now) const;

private:
    [[nodiscard]] Result<std::vector<DeviceCommand>> select(const QString& where,
                                                            const QVariantMap& values) const;

    Database& m_db;
};

} // namespace steward::server::db
