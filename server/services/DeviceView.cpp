// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/DeviceView.h"

#include "server/http/RouteSupport.h"

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

} // namespace

QJsonObject deviceJson(const db::Device& device, bool online)
{
    // Stored by the gateway only after strict validation, so it parses; null until reported.
    const QJsonValue inventory =
        device.inventory.isEmpty()
            ? QJsonValue(QJsonValue::Null)
            : QJsonValue(QJsonDocument::fromJson(device.inventory.toUtf8()).object());
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
                       {QStringLiteral("revision"), device.revision},
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
