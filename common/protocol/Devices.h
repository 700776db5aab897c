// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Devices - device.inventory: what an agent reports about its device when its channel comes up.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/MessageType.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace steward::protocol {

/** One network interface: its name, MAC (may be empty) and addresses (IPv4/IPv6 text). */
struct NetworkInterfaceInfo {
    QString name;
    QString mac;
    QStringList addresses;

    bool operator==(const NetworkInterfaceInfo&) const = default;
};

/** One mounted file system: where it is mounted and its size in bytes. */
struct DiskInfo {
    QString mount;
    qint64 sizeBytes = 0;

    bool operator==(const DiskInfo&) const = default;
};

/**
 * `device.inventory`, agent → server, after hello.ack and on change. Strings are at most 255
 * characters, at most 64 interfaces with 32 addresses each and 64 disks; anything more is
 * refused. cpuModel, cpuCores, memoryBytes, disks and bootTime (UTC epoch seconds, 0 unknown)
 * came later: a report without them reads as empty/0.
 */
struct DeviceInventory {
    static constexpr MessageType Type = MessageType::DeviceInventory;

    QString hostname; // non-empty
    QString os;       // e.g. "Debian GNU/Linux 12 (bookworm)"
    QString kernel;   // e.g. "6.1.0-18-amd64"
    QString agentVersion;
    std::vector<NetworkInterfaceInfo> interfaces;
    QString cpuModel;
    int cpuCores = 0;
    qint64 memoryBytes = 0;
    std::vector<DiskInfo> disks;
    qint64 bootTime = 0;

    bool operator==(const DeviceInventory&) const = default;
};

[[nodiscard]] QJsonObject toJson(const DeviceInventory& inventory);
[[nodiscard]] Result<DeviceInventory> deviceInventoryFromJson(const QJsonObject& body);

} // namespace steward::protocol
