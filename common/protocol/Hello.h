// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Hello - the opening handshake (hello, hello.ack) and protocol version negotiation.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/MessageType.h"

#include <optional>

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace steward::protocol {

/** `hello`: the first message on every channel, sent by the connecting side. */
struct Hello {
    static constexpr MessageType Type = MessageType::Hello;

    int protocolVersion = 0;  // 1 … MaxProtocolVersion
    QString programName;      // e.g. "steward-agent"; non-empty
    QString programVersion;   // e.g. "0.1.0"; non-empty
    QStringList capabilities; // optional on the wire; each non-empty

    bool operator==(const Hello&) const = default;
};

/** `hello.ack`: the accepting side's answer (`re` = the hello's id). */
struct HelloAck {
    static constexpr MessageType Type = MessageType::HelloAck;

    int protocolVersion = 0;
    QString programName;
    QString programVersion;
    std::optional<QString> sessionId; // non-empty when present

    bool operator==(const HelloAck&) const = default;
};

[[nodiscard]] QJsonObject toJson(const Hello& hello);
[[nodiscard]] Result<Hello> helloFromJson(const QJsonObject& body);

[[nodiscard]] QJsonObject toJson(const HelloAck& ack);
[[nodiscard]] Result<HelloAck> helloAckFromJson(const QJsonObject& body);

/**
 * Whether a peer that announced \a peerProtocolVersion can talk to this build; the failure is
 * IncompatibleVersion naming both programs and versions, e.g. "peer steward-agent 0.3.0 speaks
 * protocol 2; this steward-server 0.1.0 speaks protocol 1 (accepts 1–1)".
 */
[[nodiscard]] Result<void> checkProtocolVersion(int peerProtocolVersion,
                                                const QString& peerProgramName,
                                                const QString& peerProgramVersion,
                                                const QString& ourProgramName,
                                                const QString& ourProgramVersion);

/** checkProtocolVersion() for a received hello (server side). */
[[nodiscard]] Result<void> negotiate(const Hello& peer, const QString& ourProgramName,
                                     const QString& ourProgramVersion);
/** checkProtocolVersion() for a received hello.ack (client side). */
[[nodiscard]] Result<void> negotiate(const HelloAck& peer, const QString& ourProgramName,
                                     const QString& ourProgramVersion);

} // namespace steward::protocol
