// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Inventory - what this device is: host name, OS, kernel, agent version and interfaces.
#pragma once

#include "common/protocol/Devices.h"

namespace steward::agent {

/**
 * Read from Qt (QSysInfo, QNetworkInterface), so it needs no privileges. Loopback interfaces
 * are left out; values are cut to the protocol's limits. TODO(#4): CPU, memory, disks, boot time.
 */
[[nodiscard]] protocol::DeviceInventory collectInventory(const QString& agentVersion);

} // namespace steward::agent
