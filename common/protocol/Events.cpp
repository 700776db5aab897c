// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Events.h"

#include "common/protocol/JsonReader.h"

namespace steward::protocol {

QJsonObject toJson(const ObjectEvent& event)
{
    QJsonObject body{{QLatin1String("event"), event.event},
                     {QLatin1String("kind"), event.kind},
                     {QLatin1String("id"), event.id}};
    if (event.object) {
        body.insert(QLatin1String("object"), *event.object);
    }
    return body;
}

Result<ObjectEvent> objectEventFromJson(const QJsonObject& body)
{
    static const QStringList Events{QStringLiteral("created"), QStringLiteral("changed"),
                                    QStringLiteral("deleted"), QStringLiteral("online"),
                                    QStringLiteral("offline")};
    JsonReader reader(body);
    ObjectEvent event;
    event.event = reader.requireString(u"event", JsonReader::Text::NonEmpty);
    event.kind = reader.requireString(u"kind", JsonReader::Text::NonEmpty);
    event.id = reader.requireInt(u"id", 0, qint64(1) << 53);
    if (body.contains(QLatin1String("object"))) {
        event.object = reader.requireObject(u"object");
    }
    if (reader.ok() && !Events.contains(event.event)) {
        reader.invalid(u"event",
                       QStringLiteral("must be one of ") + Events.join(QStringLiteral(", ")));
    }
    return reader.finish(std::move(event));
}

} // namespace steward::protocol
