// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/EventHub.h"

namespace steward::server::services {

void EventHub::publish(const QString& event, const QString& kind, qint64 id,
                       const QJsonObject& object)
{
    QJsonObject message{{QStringLiteral("event"), event},
                        {QStringLiteral("kind"), kind},
                        {QStringLiteral("id"), id}};
    if (!object.isEmpty()) {
        message.insert(QStringLiteral("object"), object);
    }
    Q_EMIT published(message);
}

} // namespace steward::server::services
