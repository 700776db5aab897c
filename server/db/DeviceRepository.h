// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceRepository - enrolled devices: their identity, certificate and last contact.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Admin.h"
#include "server/db/records/Device.h"

namespace steward::server::db {

class Database;

class DeviceRepository {
public:
    explicit DeviceRepository(Database& db);

    /** AlreadyExists when a device already holds this certificate fingerprint. */
    [[nodiscard]] Result<qint64> insert(const Device& device);
    [[nodiscard]] Result<std::optional<Device>> findById(qint64 id) const;
    /** findById() with an absent device as NotFound ("no device N"). */
    [[nodiscard]] Result<Device> get(qint64 id) const;
    [[nodiscard]] Result<std::optional<Device>>
    findByFingerprint(const QString& certFingerprint) const;
    /** Ordered by id. */
    [[nodiscard]] Result<Page<Device>> list(qint64 offset, qint64 limit) const;
    /** Last contact and address; starts an online period unless one is open. */
    [[nodiscard]] Result<void> setOnline(qint64 id, qint64 at, const QString& ip);
    /** Last contact; adds the open online period to the operating time and closes it. */
    [[nodiscard]] Result<void> setOffline(qint64 id, qint64 at);
    /** At start-up: closes periods left open by a server that stopped without goodbyes. */
    [[nodiscard]] Result<void> closeOnlinePeriods();
    /**
     * Only the devices placed directly in \a folder (nullopt: at the root, in no folder),
     * ordered by id; total counts those only.
     */
    [[nodiscard]] Result<Page<Device>> listInFolder(std::optional<qint64> folder, qint64 offset,
                                                    qint64 limit) const;
    [[nodiscard]] Result<void> setReleased(qint64 id, qint64 at);
    /** Stores the device's last inventory report (compact JSON), host name and boot time. */
    [[nodiscard]] Result<void> setInventory(qint64 id, const QString& hostname,
                                            const QString& inventoryJson,
                                            std::optional<qint64> bootAt);

    /** Renames and moves a device (\a folderId absent: the root), bumping its revision. */
    [[nodiscard]] Result<void> setPlacement(qint64 id, const QString& name,
                                            std::optional<qint64> folderId);

private:
    [[nodiscard]] Result<Page<Device>> listWhere(const QString& where, std::optional<qint64> folder,
                                                 qint64 offset, qint64 limit) const;
    Database& m_db;
};

} // namespace steward::server::db
