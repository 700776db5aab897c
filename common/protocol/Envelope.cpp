// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Envelope.h"

#include "common/protocol/JsonReader.h"
#include "common/protocol/StrictJson.h"

#include <QJsonDocument>

namespace steward::protocol {
namespace {

constexpr QLatin1String TypeKey("type");
constexpr QLatin1String IdKey("id");
constexpr QLatin1String ReKey("re");
constexpr QLatin1String BodyKey("body");

std::optional<Error> unknownTopLevelKey(const QJsonObject& object)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString key = it.key();
        if (key != TypeKey && key != IdKey && key != ReKey && key != BodyKey) {
            constexpr qsizetype MaxShown = 64;
            return makeError(ErrorCode::MalformedMessage,
                             QStringLiteral("unknown top-level key \"%1\" (allowed: type, id, re, "
                                            "body)")
                                 .arg(key.size() > MaxShown ? key.left(MaxShown) : key));
        }
    }
    return std::nullopt;
}

} // namespace

Result<Envelope> envelopeFromJson(const QJsonObject& object)
{
    if (const auto unknown = unknownTopLevelKey(object)) {
        return *unknown;
    }
    JsonReader reader(object, QString());
    Envelope envelope;
    envelope.type = reader.requireString(u"type", JsonReader::Text::NonEmpty);
    envelope.id = reader.optionalInt(u"id", 1, MaxMessageId);
    envelope.re = reader.optionalInt(u"re", 1, MaxMessageId);
    envelope.body = reader.requireObject(u"body");
    if (reader.ok() && !envelope.id && !envelope.re) {
        reader.fail(
            makeError(ErrorCode::MissingField,
                      QStringLiteral("id is missing (only a reply, with re, may omit it)")));
    }
    return reader.finish(std::move(envelope));
}

std::optional<MessageId> recoverId(const QJsonObject& object)
{
    JsonReader reader(object, QString());
    const auto id = reader.optionalInt(u"id", 1, MaxMessageId);
    return reader.ok() ? id : std::nullopt;
}

Result<Envelope> parseEnvelope(const QByteArray& frame, qsizetype maxBytes)
{
    if (frame.size() > maxBytes) {
        return makeError(ErrorCode::FrameTooLarge,
                         QStringLiteral("the frame has %1 bytes; the limit is %2")
                             .arg(frame.size())
                             .arg(maxBytes));
    }
    const auto object = parseStrictJsonObject(frame);
    if (!object) {
        return object.error();
    }
    return envelopeFromJson(*object);
}

QJsonObject toJson(const Envelope& envelope)
{
    QJsonObject object{{TypeKey, envelope.type}, {BodyKey, envelope.body}};
    if (envelope.id) {
        object.insert(IdKey, *envelope.id);
    }
    if (envelope.re) {
        object.insert(ReKey, *envelope.re);
    }
    return object;
}

QByteArray serialize(const Envelope& envelope)
{
    return QJsonDocument(toJson(envelope)).toJson(QJsonDocument::Compact);
}

} // namespace steward::protocol
