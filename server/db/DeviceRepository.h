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
    /** The devices in use (not in the recycle bin), ordered by id. */
    [[nodiscard]] Result<Page<Device>> list(qint64 offset, qint64 limit) const;
    /** The devices in the recycle bin, ordered by id. */
    [[nodiscard]] Result<Page<Device>> listBinned(qint64 offset, qint64 limit) const;
    /** Every device, those in the recycle bin included, ordered by id. */
    [[nodiscard]] Result<Page<Device>> listWithBinned(qint64 offset, qint64 limit) const;
    /** get(), and Conflict ("device N (name) is in the recycle bin") for a binned device. */
    [[nodiscard]] Result<Device> getInUse(qint64 id) const;
    /** Last contact and address; starts an online period unless one is open. */
    [[nodiscard]] Result<void> setOnline(qint64 id, qint64 at, const QString& ip);
    /** Last contact; adds the open online period to the operating time and closes it. */
    [[nodiscard]] Result<void> setOffline(qint64 id, qint64 at);
    /** At start-up: closes periods left open by a server that stopped without goodbyes. */
    [[nodiscard]] Result<void> closeOnlinePeriods();
    /**
     * Only the devices in use placed directly in \a folder (nullopt: at the root, in no
     * folder), ordered by id; total counts those only.
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

    /**
     * Recycle bin: setBinned() moves a device in use there (Conflict when it is not in use),
     * setRestored() brings it back to its folder (the root if the folder was deleted meanwhile),
     * purge() deletes it with every dependent row and its permission entries. The last two
     * answer Conflict for a device that is not in the recycle bin.
     */
    [[nodiscard]] Result<void> setBinned(qint64 id, qint64 at, const QString& by);
    [[nodiscard]] Result<void> setRestored(qint64 id);
    [[nodiscard]] Result<void> purge(qint64 id);

private:
    [[nodiscard]] Result<Page<Device>> listWhere(const QString& where, std::optional<qint64> folder,
                                                 qint64 offset, qint64 limit) const;
    Database& m_db;
};

} // namespace steward::server::db
