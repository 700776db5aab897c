// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/MessageType.h"

#include <algorithm>
#include <array>
#include <utility>

namespace steward::protocol {
namespace {

// The wire catalog. To add a message type: append the enum value in MessageType.h, append its
// row here (dotted lowercase, topic first: "device.list", "shadow.ticket") and bump the size.
// Never edit or reorder a released row. MessageTypeTest round-trips every enum value, so a
// forgotten row fails the tests.
constexpr std::array<std::pair<MessageType, std::string_view>, 29> WireNames{{
    {MessageType::Hello, "hello"},
    {MessageType::HelloAck, "hello.ack"},
    {MessageType::Error, "error"},
    {MessageType::ObjectEvent, "object.event"},
    {MessageType::DeviceInventory, "device.inventory"},
    {MessageType::AttributeSnapshot, "attribute.snapshot"},
    {MessageType::AttributeSync, "attribute.sync"},
    {MessageType::AttributeSet, "attribute.set"},
    {MessageType::AttributeReset, "attribute.reset"},
    {MessageType::CommandRun, "command.run"},
    {MessageType::CommandResult, "command.result"},
    {MessageType::DeviceRelease, "device.release"},
    {MessageType::ShadowCertificate, "shadow.certificate"},
    {MessageType::ShadowPolicy, "shadow.policy"},
    {MessageType::ShadowExpect, "shadow.expect"},
    {MessageType::ShadowClaim, "shadow.claim"},
    {MessageType::ShadowClaimed, "shadow.claimed"},
    {MessageType::ShadowEnded, "shadow.ended"},
    {MessageType::ShadowRefused, "shadow.refused"},
    {MessageType::TunnelOpen, "tunnel.open"},
    {MessageType::ShadowEnd, "shadow.end"},
    {MessageType::SettingsBundle, "settings.bundle"},
    {MessageType::SettingsApplied, "settings.applied"},
    {MessageType::CertificateRollover, "certificate.rollover"},
    {MessageType::CertificateConfirm, "certificate.confirm"},
    {MessageType::TrustUpdate, "trust.update"},
    {MessageType::TrustConfirm, "trust.confirm"},
    {MessageType::ClientCertificate, "client.certificate"},
    {MessageType::ClientConfirm, "client.confirm"},
}};

constexpr auto AllTypes = [] {
    std::array<MessageType, WireNames.size()> types{};
    for (std::size_t i = 0; i < WireNames.size(); ++i) {
        types[i] = WireNames[i].first;
    }
    return types;
}();

} // namespace

std::string_view messageTypeName(MessageType type)
{
    const auto it = std::find_if(WireNames.begin(), WireNames.end(),
                                 [type](const auto& entry) { return entry.first == type; });
    return it != WireNames.end() ? it->second : std::string_view();
}

QString messageTypeWireName(MessageType type)
{
    const auto name = messageTypeName(type);
    return QString::fromLatin1(name.data(), qsizetype(name.size()));
}

std::optional<MessageType> messageTypeFromName(QStringView name)
{
    const auto it = std::find_if(WireNames.begin(), WireNames.end(), [name](const auto& entry) {
        return name == QLatin1String(entry.second.data(), qsizetype(entry.second.size()));
    });
    if (it == WireNames.end()) {
        return std::nullopt;
    }
    return it->first;
}

std::span<const MessageType> allMessageTypes()
{
    return AllTypes;
}

} // namespace steward::protocol
