// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Shadow.h"

#include "common/protocol/JsonReader.h"

#include <limits>

namespace steward::protocol {
namespace {

constexpr qsizetype MaxText = 255;
constexpr qsizetype MaxCertificate = 16 * 1024;
constexpr qint64 MaxCount = std::numeric_limits<qint64>::max();

QString text(JsonReader& reader, QStringView key, JsonReader::Text rule, qsizetype max = MaxText)
{
    QString value = reader.requireString(key, rule);
    if (reader.ok() && value.size() > max) {
        reader.invalid(key, QStringLiteral("has more than %1 characters").arg(max));
    }
    return value;
}

QString session(JsonReader& reader)
{
    return text(reader, u"session", JsonReader::Text::NonEmpty, 64);
}

} // namespace

QJsonObject toJson(const ShadowCertificate& message)
{
    return QJsonObject{{QStringLiteral("certificate"), message.certificate},
                       {QStringLiteral("port"), message.port}};
}

Result<ShadowCertificate> shadowCertificateFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    ShadowCertificate message;
    message.certificate = text(reader, u"certificate", JsonReader::Text::NonEmpty, MaxCertificate);
    message.port = int(reader.requireInt(u"port", 1, 65535));
    return reader.finish(std::move(message));
}

QJsonObject toJson(const ShadowPolicyMessage& message)
{
    return shadow::toJson(message.policy);
}

Result<ShadowPolicyMessage> shadowPolicyMessageFromJson(const QJsonObject& body)
{
    auto policy = shadow::shadowPolicyFromJson(body);
    if (!policy) {
        return policy.error();
    }
    return ShadowPolicyMessage{*policy};
}

QJsonObject toJson(const ShadowExpect& message)
{
    return QJsonObject{{QStringLiteral("session"), message.session},
                       {QStringLiteral("admin"), message.admin},
                       {QStringLiteral("path"), message.path},
                       {QStringLiteral("expires"), message.expires}};
}

Result<ShadowExpect> shadowExpectFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    ShadowExpect message;
    message.session = session(reader);
    message.admin = text(reader, u"admin", JsonReader::Text::NonEmpty);
    message.path = text(reader, u"path", JsonReader::Text::NonEmpty);
    message.expires = reader.requireInt(u"expires", 1, MaxCount);
    return reader.finish(std::move(message));
}

QJsonObject toJson(const ShadowClaim& message)
{
    return QJsonObject{{QStringLiteral("session"), message.session},
                       {QStringLiteral("nonce"), message.nonce},
                       {QStringLiteral("peer"), message.peer}};
}

Result<ShadowClaim> shadowClaimFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    ShadowClaim message;
    message.session = session(reader);
    message.nonce = text(reader, u"nonce", JsonReader::Text::NonEmpty, 64);
    message.peer = text(reader, u"peer", JsonReader::Text::AllowEmpty);
    return reader.finish(std::move(message));
}

QJsonObject toJson(const ShadowClaimed& message)
{
    return QJsonObject{{QStringLiteral("session"), message.session}};
}

Result<ShadowClaimed> shadowClaimedFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    ShadowClaimed message;
    message.session = session(reader);
    return reader.finish(std::move(message));
}

QJsonObject toJson(const ShadowEnded& message)
{
    return QJsonObject{{QStringLiteral("session"), message.session},
                       {QStringLiteral("bytesToViewer"), message.bytesToViewer},
                       {QStringLiteral("bytesFromViewer"), message.bytesFromViewer},
                       {QStringLiteral("durationMs"), message.durationMs},
                       {QStringLiteral("reason"), message.reason}};
}

Result<ShadowEnded> shadowEndedFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    ShadowEnded message;
    message.session = session(reader);
    message.bytesToViewer = reader.requireInt(u"bytesToViewer", 0, MaxCount);
    message.bytesFromViewer = reader.requireInt(u"bytesFromViewer", 0, MaxCount);
    message.durationMs = reader.requireInt(u"durationMs", 0, MaxCount);
    message.reason = text(reader, u"reason", JsonReader::Text::AllowEmpty);
    return reader.finish(std::move(message));
}

QJsonObject toJson(const ShadowRefused& message)
{
    return QJsonObject{{QStringLiteral("session"), message.session},
                       {QStringLiteral("status"), message.status},
                       {QStringLiteral("reason"), message.reason},
                       {QStringLiteral("peer"), message.peer}};
}

Result<ShadowRefused> shadowRefusedFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    ShadowRefused message;
    message.session = text(reader, u"session", JsonReader::Text::AllowEmpty, 64);
    message.status = text(reader, u"status", JsonReader::Text::NonEmpty);
    message.reason = text(reader, u"reason", JsonReader::Text::AllowEmpty, 1024);
    message.peer = text(reader, u"peer", JsonReader::Text::AllowEmpty);
    return reader.finish(std::move(message));
}

QJsonObject toJson(const ShadowEnd& message)
{
    return QJsonObject{{QStringLiteral("session"), message.session},
                       {QStringLiteral("reason"), message.reason}};
}

Result<ShadowEnd> shadowEndFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    ShadowEnd message;
    message.session = session(reader);
    message.reason = text(reader, u"reason", JsonReader::Text::NonEmpty);
    return reader.finish(std::move(message));
}

} // namespace steward::protocol
