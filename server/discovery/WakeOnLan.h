// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WakeOnLan - builds the magic packet and sends it to every configured target.
#pragma once

#include "common/core/Result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

namespace steward::server::discovery {

/** 6 × 0xFF followed by the 6-byte MAC 16 times: 102 bytes. InvalidValue for a bad MAC. */
[[nodiscard]] Result<QByteArray> magicPacket(const QString& mac);

struct WakeSettings {
    quint16 port = 9;
    bool broadcast = true; // 255.255.255.255
    QStringList subnets;   // CIDRs whose broadcast addresses also get the packet
};

struct WakeTarget {
    QHostAddress address;
    QString reason; // "broadcast", "last-ip" or "subnet 10.0.0.0/24"
    bool sent = false;
    QString error;
};

/**
 * Sends the packet for \a mac to the broadcast address, \a lastIp (when known) and each
 * subnet's broadcast address, once each; a target that fails is reported, not fatal.
 */
[[nodiscard]] Result<QList<WakeTarget>> sendWake(const QString& mac, const QString& lastIp,
                                                 const WakeSettings& settings);

} // namespace steward::server::discovery
