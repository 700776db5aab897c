// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceConfigRepository - the device_config table of the versioned push, and the device ids a
// configuration change reaches.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/DeviceConfig.h"

#include <QHash>

#include <vector>

namespace steward::server::db {

class Database;

/** Desired version and revision of one device, for comparing a recomputed configuration. */
struct DesiredVersion {
    QString version;
    qint64 revision = 0;
    QString deliveredVersion;
    QString appliedVersion;
};

class DeviceConfigRepository {
public:
    explicit DeviceConfigRepository(Database& db);

    [[nodiscard]] Result<std::optional<DeviceConfig>> find(qint64 deviceId) const;
    /** The desired versions of those of \a deviceIds that have a row. */
    [[nodiscard]] Result<QHash<qint64, DesiredVersion>>
    desiredVersions(const std::vector<qint64>& deviceIds) const;
    /**
     * Inserts or replaces the desired part of a row (revision, version, values, changed_at,
     * push mode, state); the delivered and reported columns stay.
     */
    [[nodiscard]] Result<void> storeDesired(const DeviceConfig& config);
    [[nodiscard]] Result<void> markDelivered(qint64 deviceId, const QString& version, qint64 at);
    /** The agent's report: state, applied version, failures, not applied, reboot required. */
    [[nodiscard]] Result<void> storeReport(const DeviceConfig& config);
    /** Counts per state ("pending" → n, …). */
    [[nodiscard]] Result<QHash<QString, qint64>> countByState() const;
    /** Devices (not released) in any of \a folderIds, ordered by id. */
    [[nodiscard]] Result<std::vector<qint64>>
    devicesInFolders(const std::vector<qint64>& folderIds) const;
    /** Every device that is not released, ordered by id. */
    [[nodiscard]] Result<std::vector<qint64>> allDevices() const;

private:
    Database& m_db;
};

} // namespace steward::server::db
