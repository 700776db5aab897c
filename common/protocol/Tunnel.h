// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Tunnel - the device-channel message that opens a relayed tunnel (docs/protocol/shadow.md).
#pragma once

#include "common/core/Result.h"
#include "common/protocol/MessageType.h"

#include <QJsonObject>
#include <QString>

namespace steward::protocol {

/**
 * `tunnel.open`, server → agent: a console is waiting on the relay for \a tunnel; open
 * wss://SERVER/tunnel/v1/{tunnel}/device with the device's client certificate and hand the
 * stream to \a service ("shadow"; secure terminal and file transfer will add theirs).
 */
struct TunnelOpen {
    static constexpr MessageType Type = MessageType::TunnelOpen;
    QString tunnel; // the session id: letters, digits and '-' only
    QString service;
    bool operator==(const TunnelOpen&) const = default;
};

[[nodiscard]] QJsonObject toJson(const TunnelOpen& message);
[[nodiscard]] Result<TunnelOpen> tunnelOpenFromJson(const QJsonObject& body);

/** Whether \a id may name a tunnel (and so appear in its URL path). */
[[nodiscard]] bool isTunnelId(QStringView id);

} // namespace steward::protocol
