// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Message - every typed message as one variant, with the catalog dispatch for bodies.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/Attributes.h"
#include "common/protocol/CertificateRollover.h"
#include "common/protocol/Commands.h"
#include "common/protocol/Devices.h"
#include "common/protocol/Envelope.h"
#include "common/protocol/ErrorMessage.h"
#include "common/protocol/Events.h"
#include "common/protocol/Hello.h"
#include "common/protocol/MessageType.h"
#include "common/protocol/Settings.h"
#include "common/protocol/Shadow.h"
#include "common/protocol/TrustUpdate.h"
#include "common/protocol/Tunnel.h"

#include <variant>

#include <QByteArray>
#include <QJsonObject>

namespace steward::protocol {

/**
 * One alternative per MessageType. Adding a message means adding its struct here and its case
 * in bodyFromJson() (Message.cpp); the compiler flags a forgotten case.
 */
using Message =
    std::variant<Hello, HelloAck, ErrorMessage, ObjectEvent, DeviceInventory, AttributeSnapshot,
                 AttributeSync, AttributeSet, AttributeReset, CommandRun, CommandResult,
                 DeviceRelease, ShadowCertificate, ShadowPolicyMessage, ShadowExpect, ShadowClaim,
                 ShadowClaimed, ShadowEnded, ShadowRefused, TunnelOpen, ShadowEnd, SettingsBundle,
                 SettingsApplied, CertificateRollover, CertificateConfirm, TrustUpdate,
                 TrustConfirm, ClientCertificate, ClientConfirm>;

/** The catalog entry of \a message. */
[[nodiscard]] MessageType messageType(const Message& message);

/** The body of \a message as JSON. */
[[nodiscard]] QJsonObject bodyToJson(const Message& message);

/** Validates \a body as a message of \a type; never yields a half-filled message. */
[[nodiscard]] Result<Message> bodyFromJson(MessageType type, const QJsonObject& body);

/** The envelope carrying \a message. */
[[nodiscard]] Envelope makeEnvelope(const Message& message, std::optional<MessageId> id,
                                    std::optional<MessageId> re = std::nullopt);

/** The frame's bytes for \a message: serialize(makeEnvelope(...)). */
[[nodiscard]] QByteArray encodeMessage(const Message& message, std::optional<MessageId> id,
                                       std::optional<MessageId> re = std::nullopt);

} // namespace steward::protocol
