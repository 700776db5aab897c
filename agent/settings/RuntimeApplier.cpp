// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/settings/RuntimeApplier.h"

namespace steward::agent::settings {

RuntimeApplier::RuntimeApplier(QString name, Step check, Step activate)
    : m_name(std::move(name)), m_check(std::move(check)), m_activate(std::move(activate))
{}

Result<std::vector<FileChange>> RuntimeApplier::render(const QJsonObject& values) const
{
    if (auto ok = check(values); !ok) {
        return ok.error();
    }
    return std::vector<FileChange>{};
}

Result<void> RuntimeApplier::check(const QJsonObject& values) const
{
    return m_check ? m_check(values) : Result<void>();
}

Result<void> RuntimeApplier::activate(const QJsonObject& values) const
{
    return m_activate ? m_activate(values) : Result<void>();
}

steward::shadow::ShadowPolicy shadowPolicyWith(steward::shadow::ShadowPolicy server,
                                               const QJsonObject& values)
{
    return steward::shadow::withConfiguredValues(server, values);
}

VncValues vncValuesWith(VncValues own, const QJsonObject& values)
{
    if (values.contains(QLatin1String("vnc.port"))) {
        own.port = quint16(values.value(QLatin1String("vnc.port")).toInt());
    }
    if (values.contains(QLatin1String("vnc.shadow_port"))) {
        own.shadowPort = quint16(values.value(QLatin1String("vnc.shadow_port")).toInt());
    }
    if (values.contains(QLatin1String("vnc.poll_interval_ms"))) {
        own.pollInterval = std::chrono::milliseconds(
            values.value(QLatin1String("vnc.poll_interval_ms")).toInteger());
    }
    if (values.contains(QLatin1String("vnc.desktop_name"))) {
        own.desktopName = values.value(QLatin1String("vnc.desktop_name")).toString();
    }
    return own;
}

std::chrono::seconds heartbeatWith(std::chrono::seconds own, const QJsonObject& values)
{
    const QJsonValue value = values.value(QLatin1String("agent.heartbeat_interval"));
    return value.isDouble() ? std::chrono::seconds(value.toInteger()) : own;
}

} // namespace steward::agent::settings
