// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Message.h"

namespace steward::protocol {
namespace {

template <typename T> Result<Message> lift(Result<T> parsed)
{
    if (!parsed) {
        return parsed.error();
    }
    return Message(std::move(parsed).value());
}

} // namespace

MessageType messageType(const Message& message)
{
    return std::visit([](const auto& typed) { return std::decay_t<decltype(typed)>::Type; },
                      message);
}

QJsonObject bodyToJson(const Message& message)
{
    return std::visit([](const auto& typed) { return toJson(typed); }, message);
}

Result<Message> bodyFromJson(MessageType type, const QJsonObject& body)
{
    // One line per type and no default, so -Wswitch catches a type without a case.
    switch (type) {
    case MessageType::Hello:
        return lift(helloFromJson(body));
    case MessageType::HelloAck:
        return lift(helloAckFromJson(body));
    case MessageType::Error:
        return lift(errorMessageFromJson(body));
    case MessageType::ObjectEvent:
        return lift(objectEventFromJson(body));
    case MessageType::DeviceInventory:
        return lift(deviceInventoryFromJson(body));
    case MessageType::AttributeSnapshot:
        return lift(attributeSnapshotFromJson(body));
    case MessageType::AttributeSync:
        return lift(attributeSyncFromJson(body));
    case MessageType::AttributeSet:
        return lift(attributeSetFromJson(body));
    case MessageType::AttributeReset:
        return lift(attributeResetFromJson(body));
    case MessageType::CommandRun:
        return lift(commandRunFromJson(body));
    case MessageType::CommandResult:
        return lift(commandResultFromJson(body));
    case MessageType::DeviceRelease:
        return lift(deviceReleaseFromJson(body));
    case MessageType::ShadowCertificate:
        return lift(shadowCertificateFromJson(body));
    case MessageType::ShadowPolicy:
        return lift(shadowPolicyMessageFromJson(body));
    case MessageType::ShadowExpect:
        return lift(shadowExpectFromJson(body));
    case MessageType::ShadowClaim:
        return lift(shadowClaimFromJson(body));
    case MessageType::ShadowClaimed:
        return lift(shadowClaimedFromJson(body));
    case MessageType::ShadowEnded:
        return lift(shadowEndedFromJson(body));
    case MessageType::ShadowRefused:
        return lift(shadowRefusedFromJson(body));
    case MessageType::TunnelOpen:
        return lift(tunnelOpenFromJson(body));
    case MessageType::ShadowEnd:
        return lift(shadowEndFromJson(body));
    case MessageType::SettingsBundle:
        return lift(settingsBundleFromJson(body));
    case MessageType::SettingsApplied:
        return lift(settingsAppliedFromJson(body));
    case MessageType::CertificateRollover:
        return lift(certificateRolloverFromJson(body));
    case MessageType::CertificateConfirm:
        return lift(certificateConfirmFromJson(body));
    case MessageType::TrustUpdate:
        return lift(trustUpdateFromJson(body));
    case MessageType::TrustConfirm:
        return lift(trustConfirmFromJson(body));
    case MessageType::ClientCertificate:
        return lift(clientCertificateFromJson(body));
    case MessageType::ClientConfirm:
        return lift(clientConfirmFromJson(body));
    }
    return makeError(ErrorCode::UnknownMessageType,
                     QStringLiteral("message type %1 has no decoder").arg(int(type)));
}

Envelope makeEnvelope(const Message& message, std::optional<MessageId> id,
                      std::optional<MessageId> re)
{
    return Envelope{messageTypeWireName(messageType(message)), id, re, bodyToJson(message)};
}

QByteArray encodeMessage(const Message& message, std::optional<MessageId> id,
                         std::optional<MessageId> re)
{
    return serialize(makeEnvelope(message, id, re));
}

} // namespace steward::protocol
