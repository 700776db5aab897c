// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/shadow/ShadowTicket.h"

#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"
#include "common/crypto/Random.h"
#include "common/crypto/Signature.h"
#include "common/protocol/JsonReader.h"
#include "common/protocol/StrictJson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>
#include <limits>
#include <optional>

namespace steward::shadow {
namespace {

constexpr qsizetype MaxAdminLength = 255;

Error malformed(const QString& why)
{
    return Error{ErrorCode::MalformedMessage, QStringLiteral("malformed shadow ticket: ") + why};
}

bool isUrlSafe(const QByteArray& text)
{
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
               || c == '-' || c == '_';
    });
}

} // namespace

QByteArray toBase64Url(const QByteArray& bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> fromBase64Url(const QByteArray& text)
{
    if (!isUrlSafe(text) || text.size() % 4 == 1) {
        return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(
        text, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return std::nullopt;
    }
    return std::move(decoded).decoded;
}

QByteArray payloadJson(const TicketPayload& payload)
{
    const QJsonObject object{
        {QStringLiteral("v"), payload.version},
        {QStringLiteral("session"), payload.session},
        {QStringLiteral("device"), payload.device},
        {QStringLiteral("admin"), payload.admin},
        {QStringLiteral("path"), payload.path},
        {QStringLiteral("expires"), payload.expires},
        {QStringLiteral("nonce"), QString::fromLatin1(toBase64Url(payload.nonce))}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<QByteArray> signTicket(const TicketPayload& payload, const crypto::PrivateKey& key)
{
    const QByteArray json = payloadJson(payload);
    auto signature = crypto::signData(key, json);
    if (!signature) {
        return signature.error();
    }
    return QByteArray(toBase64Url(json) + '.' + toBase64Url(*signature));
}

Result<SignedTicket> parseTicket(const QByteArray& text)
{
    if (text.size() > MaxTicketBytes) {
        return malformed(QStringLiteral("longer than %1 bytes").arg(MaxTicketBytes));
    }
    const auto parts = text.split('.');
    if (parts.size() != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
        return malformed(QStringLiteral("expected PAYLOAD.SIGNATURE"));
    }
    auto payloadBytes = fromBase64Url(parts[0]);
    auto signature = fromBase64Url(parts[1]);
    if (!payloadBytes || !signature) {
        return malformed(QStringLiteral("not base64url"));
    }
    auto object = protocol::parseStrictJsonObject(*payloadBytes);
    if (!object) {
        return malformed(object.error().message);
    }
    protocol::JsonReader reader(*object);
    SignedTicket ticket;
    ticket.payloadBytes = *payloadBytes;
    ticket.signature = *signature;
    TicketPayload& payload = ticket.payload;
    payload.version = int(reader.requireInt(u"v", 1, 255));
    payload.session = reader.requireString(u"session", protocol::JsonReader::Text::NonEmpty);
    payload.device = reader.requireInt(u"device", 1, std::numeric_limits<qint64>::max());
    payload.admin = reader.requireString(u"admin", protocol::JsonReader::Text::NonEmpty);
    payload.path = reader.requireString(u"path", protocol::JsonReader::Text::NonEmpty);
    payload.expires = reader.requireInt(u"expires", 1, std::numeric_limits<qint64>::max());
    const QString nonce = reader.requireString(u"nonce", protocol::JsonReader::Text::NonEmpty);
    if (!reader.ok()) {
        return malformed(reader.error()->message);
    }
    if (payload.version != TicketVersion) {
        return malformed(QStringLiteral("version %1 is not supported (expected %2)")
                             .arg(payload.version)
                             .arg(TicketVersion));
    }
    const QUuid uuid = QUuid::fromString(payload.session);
    if (uuid.isNull() || payload.session.size() != 36
        || payload.session != uuid.toString(QUuid::WithoutBraces)) {
        return malformed(QStringLiteral("session is not a lower-case UUID"));
    }
    if (payload.admin.size() > MaxAdminLength) {
        return malformed(QStringLiteral("admin is longer than %1 characters").arg(MaxAdminLength));
    }
    if (payload.path != QLatin1String("direct") && payload.path != QLatin1String("relay")) {
        return malformed(QStringLiteral("path must be \"direct\" or \"relay\""));
    }
    auto nonceBytes = fromBase64Url(nonce.toLatin1());
    if (!nonceBytes || nonceBytes->size() != NonceBytes) {
        return malformed(QStringLiteral("nonce must be %1 bytes in base64url").arg(NonceBytes));
    }
    payload.nonce = *nonceBytes;
    return ticket;
}

Result<void> verifyTicketSignature(const SignedTicket& ticket, const crypto::Certificate& signer)
{
    return crypto::verifySignature(signer, ticket.payloadBytes, ticket.signature);
}

Result<QByteArray> newNonce()
{
    return crypto::randomBytes(NonceBytes);
}

} // namespace steward::shadow
