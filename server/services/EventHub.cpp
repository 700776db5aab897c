// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/EventHub.h"

namespace steward::server::services {

void EventHub::publish(const QString& event, const QString& kind, qint64 id,
                       const QJsonObject& object)
{
    Q_EMIT published(eventJson(event, kind, id, object));
}

QJsonObject EventHub::eventJson(const QString& event, const QString& kind, qint64 id,
                                const QJsonObject& object)
{
    QJsonObject message{{QStringLiteral("event"), event},
                        {QStringLiteral("kind"), kind},
                        {QStringLiteral("id"), id}};
    if (!object.isEmpty()) {
        message.insert(QStringLiteral("object"), object);
    }
    return message;
}

} // namespace steward::server::services
