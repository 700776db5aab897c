// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/settings/Applier.h"

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

} // namespace

std::vector<std::unique_ptr<Applier>> fileAppliers()
{
    std::vector<std::unique_ptr<Applier>> appliers;
    appliers.push_back(std::make_unique<HostnameApplier>());
    appliers.push_back(std::make_unique<TimezoneApplier>());
    appliers.push_back(std::make_unique<KeyboardApplier>());
    return appliers;
}

} // namespace steward::agent::settings
