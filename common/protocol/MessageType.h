// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// MessageType - the append-only catalog of socket message types and their wire names.
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include <QString>

namespace steward::protocol {

/**
 * Append only: add new types at the end, next to a new row in the wire-name table in
 * MessageType.cpp. A wire name, once released, is forever; a removed type's name is never
 * reused. The enum's numeric values never go on the wire.
 */
enum class MessageType {
    Hello,
    HelloAck,
    Error,
    ObjectEvent,
    DeviceInventory,
    AttributeSnapshot,
    AttributeSync,
    AttributeSet,
    AttributeReset,
    CommandRun,
    CommandResult,
    DeviceRelease,
    ShadowCertificate,
    ShadowPolicy,
    ShadowExpect,
    ShadowClaim,
    ShadowClaimed,
    ShadowEnded,
    ShadowRefused,
    TunnelOpen,
    ShadowEnd,
    SettingsBundle,
    SettingsApplied,
    CertificateRollover,
    CertificateConfirm,
    TrustUpdate,
    TrustConfirm,
    ClientCertificate,
    ClientConfirm,
    // append new types above this line
};

/** The wire name, e.g. "hello.ack". */
[[nodiscard]] std::string_view messageTypeName(MessageType type);
/** messageTypeName() as a QString, for messages and JSON. */
[[nodiscard]] QString messageTypeWireName(MessageType type);
/** The type for a wire name, or nullopt for a name this build does not know. */
[[nodiscard]] std::optional<MessageType> messageTypeFromName(QStringView name);
/** Every type, in catalog order; tests round-trip them all. */
[[nodiscard]] std::span<const MessageType> allMessageTypes();

} // namespace steward::protocol
