// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/link/Inventory.h"

#include <QHostInfo>
#include <QNetworkInterface>
#include <QSysInfo>

namespace steward::agent {
namespace {

// The protocol's limits (common/protocol/Devices.h).
constexpr qsizetype MaxText = 255;
constexpr qsizetype MaxInterfaces = 64;
constexpr qsizetype MaxAddresses = 32;

} // namespace

protocol::DeviceInventory collectInventory(const QString& agentVersion)
{
    protocol::DeviceInventory inventory;
    inventory.hostname = QHostInfo::localHostName().left(MaxText);
    if (inventory.hostname.isEmpty()) {
        inventory.hostname = QStringLiteral("unknown");
    }
    inventory.os = QSysInfo::prettyProductName().left(MaxText);
    inventory.kernel = QSysInfo::kernelVersion().left(MaxText);
    inventory.agentVersion = agentVersion.left(MaxText);
    for (const auto& interface : QNetworkInterface::allInterfaces()) {
        if (interface.flags().testFlag(QNetworkInterface::IsLoopBack)
            || qsizetype(inventory.interfaces.size()) >= MaxInterfaces) {
            continue;
        }
        protocol::NetworkInterfaceInfo info;
        info.name = interface.name().left(MaxText);
        info.mac = interface.hardwareAddress().toUpper().left(MaxText);
        for (const auto& entry : interface.addressEntries()) {
            if (info.addresses.size() < MaxAddresses) {
                info.addresses.append(entry.ip().toString().left(MaxText));
            }
        }
        inventory.interfaces.push_back(std::move(info));
    }
    return inventory;
}

} // namespace steward::agent
