// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/discovery/WakeOnLan.h"

#include "server/discovery/AddressRange.h"

#include <QRegularExpression>
#include <QUdpSocket>

namespace steward::server::discovery {

Result<QByteArray> magicPacket(const QString& mac)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[0-9A-Fa-f]{2}([:-][0-9A-Fa-f]{2}){5}$"));
    if (!pattern.match(mac).hasMatch()) {
        return makeError(
            ErrorCode::InvalidValue,
            QStringLiteral("\"%1\" is not a MAC address like 00:11:22:33:44:55").arg(mac.left(40)));
    }
    QString hex = mac;
    hex.remove(QLatin1Char(':')).remove(QLatin1Char('-'));
    const QByteArray address = QByteArray::fromHex(hex.toLatin1());
    QByteArray packet(6, char(0xFF));
    for (int i = 0; i < 16; ++i) {
        packet.append(address);
    }
    return packet;
}

Result<QList<WakeTarget>> sendWake(const QString& mac, const QString& lastIp,
                                   const WakeSettings& settings)
{
    auto packet = magicPacket(mac);
    if (!packet) {
        return packet.error();
    }
    QList<WakeTarget> targets;
    const auto add = [&](const QHostAddress& address, const QString& reason) {
        for (const auto& existing : targets) {
            if (existing.address == address) {
                return;
            }
        }
        targets.append({address, reason, false, {}});
    };
    if (settings.broadcast) {
        add(QHostAddress(QHostAddress::Broadcast), QStringLiteral("broadcast"));
    }
    if (const auto last = ipv4Address(lastIp)) {
        add(*last, QStringLiteral("last-ip"));
    }
    for (const auto& subnet : settings.subnets) {
        if (auto address = subnetBroadcast(subnet)) {
            add(*address, QStringLiteral("subnet ") + subnet);
        }
    }
    QUdpSocket socket;
    for (auto& target : targets) {
        const qint64 written = socket.writeDatagram(*packet, target.address, settings.port);
        target.sent = written == packet->size();
        if (!target.sent) {
            target.error = socket.errorString();
        }
    }
    return targets;
}

} // namespace steward::server::discovery
