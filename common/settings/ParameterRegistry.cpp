// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/settings/ParameterRegistry.h"

#include <algorithm>

namespace steward::settings {
namespace {

// Builders keep the table below one entry per parameter.
Parameter boolean(const char* key, bool value, const char* applier, const char* description,
                  bool reboot = false)
{
    Parameter p;
    p.key = QString::fromLatin1(key);
    p.type = ParameterType::Bool;
    p.defaultValue = value;
    p.applier = QString::fromLatin1(applier);
    p.description = QString::fromUtf8(description);
    p.rebootRequired = reboot;
    return p;
}

Parameter integer(const char* key, qint64 value, qint64 minimum, qint64 maximum,
                  const char* applier, const char* description, bool reboot = false)
{
    Parameter p = boolean(key, false, applier, description, reboot);
    p.type = ParameterType::Integer;
    p.defaultValue = value;
    p.minimum = minimum;
    p.maximum = maximum;
    return p;
}

Parameter text(const char* key, const char* value, int maxLength, const char* pattern,
               const char* applier, const char* description, bool reboot = false)
{
    Parameter p = boolean(key, false, applier, description, reboot);
    p.type = ParameterType::String;
    p.defaultValue = QString::fromUtf8(value);
    p.maxLength = maxLength;
    p.pattern = QString::fromLatin1(pattern);
    return p;
}

Parameter choice(const char* key, const char* value, const QStringList& allowed,
                 const char* applier, const char* description)
{
    Parameter p = boolean(key, false, applier, description);
    p.type = ParameterType::Choice;
    p.defaultValue = QString::fromLatin1(value);
    p.allowedValues = QJsonArray::fromStringList(allowed);
    return p;
}

Parameter list(const char* key, ParameterType type, int maxItems, int maxLength,
               const char* applier, const char* description, bool reboot = false)
{
    Parameter p = boolean(key, false, applier, description, reboot);
    p.type = type;
    p.defaultValue = QJsonArray();
    p.maxItems = maxItems;
    p.maxLength = maxLength;
    return p;
}

std::vector<Parameter> thinClientParameters()
{
    // A host name label (RFC 1123), empty for "keep the device's own".
    const char* hostName = "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)?";
    Parameter heartbeat =
        integer("agent.heartbeat_interval", 3 * 3600, 0, 0, "agent",
                "Seconds between the agent's contact signals when nothing else happens; a random "
                "delay of up to 10 minutes is added so that devices do not report at once.");
    for (const int hours : {1, 2, 3, 4, 5, 6, 12, 24}) {
        heartbeat.allowedValues.append(hours * 3600);
    }
    return {
        heartbeat,
        list("commands.boot", ParameterType::StringList, 20, 4096, "commands",
             "Shell commands run as root, in order, when the device boots.", true),
        list("commands.desktop_start", ParameterType::StringList, 20, 4096, "commands",
             "Shell commands run as the session user, in order, when the desktop starts."),
        list("sessions.launchers", ParameterType::Launchers, 50, 2048, "sessions",
             "Session launchers on the desktop: each has a name, a type (RDP, VNC or browser) "
             "and a target (host, host:port or URL)."),
        boolean("shadow.allow", true, "shadow",
                "Whether administrators may shadow this device at all."),
        boolean("shadow.secure_only", true, "shadow",
                "Refuse plain VNC; only the TLS shadow proxy with a signed ticket is accepted."),
        boolean("shadow.prompt", false, "shadow",
                "Ask the local user before a shadow session starts; no answer refuses."),
        integer("shadow.prompt_timeout", 30, 5, 300, "shadow",
                "Seconds the local user has to accept a shadow session before it is refused."),
        boolean("shadow.view_only", false, "shadow",
                "Shadow sessions only watch: keyboard, pointer and clipboard input is dropped."),
        choice("shadow.path", "direct-then-relay",
               {QStringLiteral("direct"), QStringLiteral("relay"),
                QStringLiteral("direct-then-relay")},
               "shadow",
               "How a console reaches the device: straight to its port 5900, through the "
               "server's relay, or directly with the relay as fallback."),
        text("system.hostname", "", 63, hostName, "hostname",
             "The device's host name (one DNS label); empty keeps the name the device has."),
        text("system.timezone", "UTC", 64, "[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+){0,2}", "timezone",
             "The IANA time zone, e.g. Europe/Berlin."),
        text("input.keyboard_layout", "us", 48, "[a-z]{2,8}(\\([A-Za-z0-9_-]{1,32}\\))?",
             "keyboard", "The XKB keyboard layout, optionally with a variant: de, de(nodeadkeys)."),
        integer("screen.lock_timeout", 600, 0, 24 * 3600, "screen",
                "Seconds of inactivity before the screen locks; 0 never locks."),
        text("desktop.wallpaper", "", 128, "([A-Za-z0-9][A-Za-z0-9._-]{0,127})?", "wallpaper",
             "A file the server distributes (its name in the server's file store); empty shows "
             "the plain default background."),
        integer("vnc.port", 5901, 1024, 65535, "vnc",
                "Loopback port of the device's VNC server; only the shadow proxy connects to it."),
        integer("vnc.shadow_port", 5900, 1, 65535, "vnc",
                "Port of the TLS shadow proxy that consoles connect to."),
        integer("vnc.poll_interval_ms", 10, 1, 1000, "vnc",
                "Milliseconds between the VNC server's screen and socket checks."),
        text("vnc.desktop_name", "steward", 64, "", "vnc",
             "The desktop name the VNC server announces to viewers."),
    };
}

} // namespace

ParameterRegistry::ParameterRegistry(std::vector<Parameter> parameters)
    : m_parameters(std::move(parameters))
{
    std::sort(m_parameters.begin(), m_parameters.end(),
              [](const Parameter& a, const Parameter& b) { return a.key < b.key; });
    for (qsizetype i = 0; i < qsizetype(m_parameters.size()); ++i) {
        auto& parameter = m_parameters[size_t(i)];
        if (!parameter.pattern.isEmpty()) {
            parameter.matcher =
                QRegularExpression(QRegularExpression::anchoredPattern(parameter.pattern));
        }
        Q_ASSERT(!m_index.contains(m_parameters[size_t(i)].key));
        m_index.insert(m_parameters[size_t(i)].key, i);
    }
}

const ParameterRegistry& ParameterRegistry::standard()
{
    static const ParameterRegistry registry(thinClientParameters());
    return registry;
}

const Parameter* ParameterRegistry::find(const QString& key) const
{
    const auto it = m_index.constFind(key);
    return it == m_index.constEnd() ? nullptr : &m_parameters[size_t(*it)];
}

Result<void> ParameterRegistry::check(const QString& key, const QJsonValue& value) const
{
    const auto* parameter = find(key);
    if (!parameter) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("there is no parameter \"%1\"").arg(key.left(80)));
    }
    return parameter->check(value);
}

QJsonObject ParameterRegistry::toJson() const
{
    QJsonArray items;
    for (const auto& parameter : m_parameters) {
        items.append(parameter.toJson());
    }
    return QJsonObject{{QStringLiteral("parameters"), items}};
}

} // namespace steward::settings
