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
    [[nodiscard]] Result<std::optional<Device>>
    findByFingerprint(const QString& certFingerprint) const;
    /** Ordered by id. */
    [[nodiscard]] Result<Page<Device>> list(qint64 offset, qint64 limit) const;
    /**
     * Only the devices placed directly in \a folder (nullopt: at the root, in no folder),
     * ordered by id; total counts those only.
     */
    [[nodiscard]] Result<Page<Device>> listInFolder(std::optional<qint64> folder, qint64 offset,
                                                    qint64 limit) const;
    [[nodiscard]] Result<void> setLastContact(qint64 id, qint64 at, const QString& ip);
    [[nodiscard]] Result<void> setReleased(qint64 id, qint64 at);
    /** Stores the device's last inventory report (compact JSON) and its reported host name. */
    [[nodiscard]] Result<void> setInventory(qint64 id, const QString& hostname,
                                            const QString& inventoryJson);

    /** Renames and moves a device (\a folderId absent: the root), bumping its revision. */
    [[nodiscard]] Result<void> setPlacement(qint64 id, const QString& name,
                                            std::optional<qint64> folderId);

private:
    [[nodiscard]] Result<Page<Device>> listWhere(const QString& where, std::optional<qint64> folder,
                                                 qint64 offset, qint64 limit) const;
    Database& m_db;
};

} // namespace steward::server::db
