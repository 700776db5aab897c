// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/settings/Applier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTimeZone>

namespace steward::agent::settings {
namespace {

class HostnameApplier final : public Applier {
public:
    QString name() const override { return QStringLiteral("hostname"); }
    Result<std::vector<FileChange>> render(const QJsonObject& values) const override
    {
        const QString hostname = values.value(QStringLiteral("system.hostname")).toString();
        if (hostname.isEmpty()) {
            return std::vector<FileChange>{}; // keep the device's own name
        }
        return std::vector<FileChange>{
            {QStringLiteral("etc/hostname"), hostname.toLatin1() + '\n'}};
    }
};

class TimezoneApplier final : public Applier {
public:
    QString name() const override { return QStringLiteral("timezone"); }
    Result<std::vector<FileChange>> render(const QJsonObject& values) const override
    {
        const QString zone = values.value(QStringLiteral("system.timezone")).toString();
        // The registry's pattern allows the form; the zone must also exist on this device.
        if (!QTimeZone(zone.toUtf8()).isValid()) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("system.timezone: this device has no time zone "
                                            "\"%1\"")
                                 .arg(zone));
        }
        return std::vector<FileChange>{{QStringLiteral("etc/timezone"), zone.toUtf8() + '\n'}};
    }
};

class KeyboardApplier final : public Applier {
public:
    QString name() const override { return QStringLiteral("keyboard"); }
    Result<std::vector<FileChange>> render(const QJsonObject& values) const override
    {
        static const QRegularExpression form(
            QStringLiteral("^([a-z]{2,8})(?:\\(([A-Za-z0-9_-]{1,32})\\))?$"));
        const auto match =
            form.match(values.value(QStringLiteral("input.keyboard_layout")).toString());
        if (!match.hasMatch()) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("input.keyboard_layout is not a layout"));
        }
        const QByteArray contents = "XKBLAYOUT=\"" + match.captured(1).toLatin1() + "\"\n"
                                    + "XKBVARIANT=\"" + match.captured(2).toLatin1() + "\"\n";
        return std::vector<FileChange>{{QStringLiteral("etc/default/keyboard"), contents}};
    }
};

class ScreenApplier final : public Applier {
public:
    QString name() const override { return QStringLiteral("screen"); }
    Result<std::vector<FileChange>> render(const QJsonObject& values) const override
    {
        const qint64 timeout = values.value(QStringLiteral("screen.lock_timeout")).toInteger();
        return std::vector<FileChange>{{QStringLiteral("etc/steward/screen.conf"),
                                        "lock_timeout=" + QByteArray::number(timeout) + '\n'}};
    }
};

class SessionsApplier final : public Applier {
public:
    QString name() const override { return QStringLiteral("sessions"); }
    Result<std::vector<FileChange>> render(const QJsonObject& values) const override
    {
        const QJsonArray launchers = values.value(QStringLiteral("sessions.launchers")).toArray();
        return std::vector<FileChange>{{QStringLiteral("etc/steward/launchers.json"),
                                        QJsonDocument(launchers).toJson(QJsonDocument::Indented)}};
    }
};

// The administrator's commands, one per line, in a script that root runs at boot (a systemd
// unit) or the session runs at desktop start; the agent itself never runs them.
QByteArray script(const QJsonArray& commands)
{
    QByteArray text = "#!/bin/sh\n# Written by steward-agent from the server's settings bundle.\n";
    for (const auto& command : commands) {
        text += command.toString().toUtf8() + '\n';
    }
    return text;
}

class CommandsApplier final : public Applier {
public:
    QString name() const override { return QStringLiteral("commands"); }
    Result<std::vector<FileChange>> render(const QJsonObject& values) const override
    {
        return std::vector<FileChange>{
            {QStringLiteral("etc/steward/boot.sh"),
             script(values.value(QStringLiteral("commands.boot")).toArray())},
            {QStringLiteral("etc/steward/desktop-start.sh"),
             script(values.value(QStringLiteral("commands.desktop_start")).toArray())}};
    }
};

} // namespace

std::vector<std::unique_ptr<Applier>> deviceAppliers()
{
    auto appliers = fileAppliers();
    appliers.push_back(std::make_unique<ScreenApplier>());
    appliers.push_back(std::make_unique<SessionsApplier>());
    appliers.push_back(std::make_unique<CommandsApplier>());
    return appliers;
}

std::vector<std::unique_ptr<Applier>> fileAppliers()
{
    std::vector<std::unique_ptr<Applier>> appliers;
    appliers.push_back(std::make_unique<HostnameApplier>());
    appliers.push_back(std::make_unique<TimezoneApplier>());
    appliers.push_back(std::make_unique<KeyboardApplier>());
    return appliers;
}

} // namespace steward::agent::settings
