// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Tunnel.h"

#include "common/protocol/JsonReader.h"

#include <algorithm>

namespace steward::protocol {

bool isTunnelId(QStringView id)
{
    return !id.isEmpty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
               || c == u'-';
    });
}

QJsonObject toJson(const TunnelOpen& message)
{
    return QJsonObject{{QStringLiteral("tunnel"), message.tunnel},
                       {QStringLiteral("service"), message.service}};
}

Result<TunnelOpen> tunnelOpenFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    TunnelOpen message;
    message.tunnel = reader.requireString(u"tunnel", JsonReader::Text::NonEmpty);
    if (reader.ok() && !isTunnelId(message.tunnel)) {
        reader.invalid(u"tunnel", QStringLiteral("is not 1 to 64 letters, digits or '-'"));
    }
    message.service = reader.requireString(u"service", JsonReader::Text::NonEmpty);
    if (reader.ok() && message.service.size() > 32) {
        reader.invalid(u"service", QStringLiteral("has more than 32 characters"));
    }
    return reader.finish(std::move(message));
}

} // namespace steward::protocol
