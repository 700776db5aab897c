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
    using steward::shadow::PathPreference;
    const auto flag = [&values](const char* key, bool fallback) {
        return values.value(QLatin1String(key)).toBool(fallback);
    };
    server.allowed = server.allowed && flag("shadow.allow", true);
    server.secureOnly = server.secureOnly || flag("shadow.secure_only", false);
    server.prompt = server.prompt || flag("shadow.prompt", false);
    server.viewOnly = server.viewOnly || flag("shadow.view_only", false);
    if (values.contains(QLatin1String("shadow.prompt_timeout"))) {
        server.promptTimeout =
            std::chrono::seconds(values.value(QLatin1String("shadow.prompt_timeout")).toInteger());
    }
    const QString path = values.value(QLatin1String("shadow.path")).toString();
    if (path == QLatin1String("direct")) {
        server.path = PathPreference::DirectOnly;
    } else if (path == QLatin1String("relay")) {
        server.path = PathPreference::RelayOnly;
    } else if (path == QLatin1String("direct-then-relay")) {
        server.path = PathPreference::DirectThenRelay;
    }
    return server;
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
