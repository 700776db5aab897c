// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Commands - command.run, command.result and device.release: device commands on the channel.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/MessageType.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace steward::protocol {

/** Device command kinds the server sends; an agent answers any other kind with a failure. */
namespace CommandKind {
inline const QString Reboot = QStringLiteral("reboot");
inline const QString Shutdown = QStringLiteral("shutdown");
inline const QString PushSettings = QStringLiteral("push-settings");
inline const QString Rename = QStringLiteral("rename"); // args {"name", "network": bool}
inline const QString Release = QStringLiteral("release");
} // namespace CommandKind

/**
 * `command.run`, server → agent. `id` is the command's id (not the envelope's); `kind` at most
 * 64 characters; `args` a JSON object of at most 4 KiB; `signature` (base64, may be empty) signs
 * commandSigningPayload() with the server's device-communication key, required for release.
 */
struct CommandRun {
    static constexpr MessageType Type = MessageType::CommandRun;
    qint64 id = 0;
    QString kind;
    QJsonObject args;
    QByteArray signature; // raw bytes; base64 on the wire

    bool operator==(const CommandRun&) const = default;
};

/** `command.result`, agent → server: the outcome of command `id`; `message` at most 1000 chars. */
struct CommandResult {
    static constexpr MessageType Type = MessageType::CommandResult;
    qint64 id = 0;
    bool ok = false;
    QString message;

    bool operator==(const CommandResult&) const = default;
};

/**
 * `device.release`, agent → server: the device forgets its binding (a local
 * `steward-agent release`); the server marks it released and closes the channel normally
 * with the reason "released". The body is empty.
 */
struct DeviceRelease {
    static constexpr MessageType Type = MessageType::DeviceRelease;

    bool operator==(const DeviceRelease&) const = default;
};

/** Whether commands of \a kind must carry a valid signature. */
[[nodiscard]] bool commandNeedsSignature(const QString& kind);

/**
 * The bytes that are signed: compact JSON {"args","device","id","kind"} (keys sorted), so a
 * signature is bound to one command for one device and cannot be replayed to another.
 */
[[nodiscard]] QByteArray commandSigningPayload(const CommandRun& command, qint64 deviceId);

[[nodiscard]] QJsonObject toJson(const CommandRun& command);
[[nodiscard]] Result<CommandRun> commandRunFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const CommandResult& result);
[[nodiscard]] Result<CommandResult> commandResultFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const DeviceRelease& release);
[[nodiscard]] Result<DeviceRelease> deviceReleaseFromJson(const QJsonObject& body);

} // namespace steward::protocol
