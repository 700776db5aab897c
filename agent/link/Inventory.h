// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Inventory - what this device is: host name, OS, kernel, agent version, interfaces, hardware.
#pragma once

#include "common/protocol/Devices.h"

namespace steward::agent {

/** Where the hardware facts are read from; tests point these at fake files. */
struct SystemFiles {
    QString cpuinfo = QStringLiteral("/proc/cpuinfo");
    QString meminfo = QStringLiteral("/proc/meminfo");
    QString stat = QStringLiteral("/proc/stat"); // btime: the boot time
    QString mounts = QStringLiteral("/proc/self/mounts");
    // When the mount table shows no disk (a container or chroot whose root is not a mount of
    // its own), this directory's file system is reported instead; empty: none.
    QString rootFallback = QStringLiteral("/");
};

/** CPU model and cores, memory, disks (statvfs of each real mount) and boot time. */
void readHardware(protocol::DeviceInventory& inventory, const SystemFiles& files = {});

/**
 * Read from Qt (QSysInfo, QNetworkInterface) and readHardware(), so it needs no privileges.
 * Loopback interfaces are left out; values are cut to the protocol's limits.
 */
[[nodiscard]] protocol::DeviceInventory collectInventory(const QString& agentVersion);

} // namespace steward::agent
