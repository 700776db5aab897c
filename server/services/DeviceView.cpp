// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/DeviceView.h"

#include "server/http/RouteSupport.h"

#include <QDateTime>
#include <QJsonDocument>

namespace steward::server::services {
namespace {

QJsonValue optionalTime(const std::optional<qint64>& at)
{
    return at ? QJsonValue(http::isoTime(*at)) : QJsonValue(QJsonValue::Null);
}

QString colonHex(const QString& hex)
{
    QStringList pairs;
    for (qsizetype i = 0; i + 1 < hex.size(); i += 2) {
        pairs.append(hex.mid(i, 2).toUpper());
    }
    return pairs.join(QLatin1Char(':'));
}

// The device-communication certificate the device pins, as /api/v1/certificates shows it.
QJsonValue certificateInUse(const db::Device& device)
{
    if (!device.certificateId) {
        return QJsonValue(QJsonValue::Null);
    }
    return QJsonObject{{QStringLiteral("id"), *device.certificateId},
                       {QStringLiteral("fingerprint"), colonHex(device.certificateFingerprint)}};
}

} // namespace

QJsonObject deviceJson(const db::Device& device, bool online)
{
    // Stored by the gateway only after strict validation, so it parses; null until reported.
    const QJsonValue inventory =
        device.inventory.isEmpty()
            ? QJsonValue(QJsonValue::Null)
            : QJsonValue(QJsonDocument::fromJson(device.inventory.toUtf8()).object());
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    // Runtime: since the last boot, while the device is online (its clock is running then).
    const QJsonValue runtime = online && device.lastBootAt && *device.lastBootAt <= now
                                   ? QJsonValue(now - *device.lastBootAt)
                                   : QJsonValue(QJsonValue::Null);
    // Operating time: every finished online period plus the open one.
    const qint64 operating =
        device.operatingSeconds
        + (device.onlineSince && *device.onlineSince <= now ? now - *device.onlineSince : 0);
    return QJsonObject{{QStringLiteral("inventory"), inventory},
                       {QStringLiteral("id"), device.id},
                       {QStringLiteral("name"), device.name},
                       {QStringLiteral("unitId"), device.unitId},
                       {QStringLiteral("hostname"), device.hostname},
                       {QStringLiteral("online"), online},
                       {QStringLiteral("lastContact"), optionalTime(device.lastContactAt)},
                       {QStringLiteral("lastIp"), device.lastIp},
                       {QStringLiteral("enrolledAt"), http::isoTime(device.enrolledAt)},
                       {QStringLiteral("released"), device.releasedAt.has_value()},
                       {QStringLiteral("certificateFingerprint"), colonHex(device.certFingerprint)},
                       {QStringLiteral("certificateInUse"), certificateInUse(device)},
                       {QStringLiteral("revision"), device.revision},
                       {QStringLiteral("lastBoot"), optionalTime(device.lastBootAt)},
                       {QStringLiteral("runtimeSeconds"), runtime},
                       {QStringLiteral("operatingSeconds"), operating},
                       {QStringLiteral("folder"), device.folderId ? QJsonValue(*device.folderId)
                                                                  : QJsonValue(QJsonValue::Null)}};
}

QJsonObject deviceJson(const db::Device& device, bool online, std::optional<bool> reachable)
{
    QJsonObject json = deviceJson(device, online);
    json.insert(QStringLiteral("reachable"),
                reachable ? QJsonValue(*reachable) : QJsonValue(QJsonValue::Null));
    return json;
}

} // namespace steward::server::services
