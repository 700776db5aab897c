// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Discovery.h"

#include "common/crypto/Random.h"
#include "common/protocol/JsonReader.h"
#include "common/protocol/StrictJson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace steward::protocol::discovery {
namespace {

using Text = JsonReader::Text;

constexpr qsizetype MaxHostname = 253;
constexpr qsizetype MaxVersion = 64;
constexpr qsizetype MaxServer = 512;
constexpr qsizetype MaxReason = 200;
constexpr qsizetype MaxTerms = 2048;
constexpr qsizetype MaxSignature = 1024;   // RSA-8192 fits
constexpr qsizetype MaxCertificate = 4096; // DER

const QString Identifier = QStringLiteral("steward-discovery");

QJsonObject header(const QString& type, const QString& nonce)
{
    return QJsonObject{{QStringLiteral("p"), Identifier},
                       {QStringLiteral("v"), Version},
                       {QStringLiteral("type"), type},
                       {QStringLiteral("nonce"), nonce}};
}

QString base64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

// A string field of at most \a max characters.
QString boundedString(JsonReader& reader, QStringView key, qsizetype max, Text rule)
{
    QString value = reader.requireString(key, rule);
    if (reader.ok() && value.size() > max) {
        reader.invalid(key, QStringLiteral("is longer than %1 characters").arg(max));
    }
    return value;
}

QString readNonce(JsonReader& reader)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{8,64}$"));
    QString nonce = reader.requireString(u"nonce", Text::NonEmpty);
    if (reader.ok() && !pattern.match(nonce).hasMatch()) {
        reader.invalid(u"nonce", QStringLiteral("must be 8 to 64 base64url characters"));
    }
    return nonce;
}

QString readUnitId(JsonReader& reader)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9A-F]{2}(:[0-9A-F]{2}){5})?$"));
    QString unit = reader.requireString(u"unitId");
    if (reader.ok() && !pattern.match(unit).hasMatch()) {
        reader.invalid(u"unitId", QStringLiteral("must be empty or a MAC like 00:11:22:AA:BB:CC"));
    }
    return unit;
}

QByteArray readBase64(JsonReader& reader, QStringView key, qsizetype maxDecoded)
{
    const QString text = reader.requireString(key, Text::NonEmpty);
    if (!reader.ok()) {
        return {};
    }
    if (text.size() > (maxDecoded + 2) / 3 * 4) {
        reader.invalid(key, QStringLiteral("holds more than %1 bytes").arg(maxDecoded));
        return {};
    }
    auto decoded =
        QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        reader.invalid(key, QStringLiteral("is not base64"));
        return {};
    }
    return *decoded;
}

quint16 readPort(JsonReader& reader)
{
    return quint16(reader.requireInt(u"replyPort", 1, 65535));
}

Result<Datagram> readBody(JsonReader& reader, const QString& type)
{
    if (type == QLatin1String("probe")) {
        Probe probe;
        probe.nonce = readNonce(reader);
        probe.replyPort = readPort(reader);
        return reader.finish<Datagram>(probe);
    }
    if (type == QLatin1String("identity")) {
        Identity identity;
        identity.nonce = readNonce(reader);
        identity.unitId = readUnitId(reader);
        identity.hostname = boundedString(reader, u"hostname", MaxHostname, Text::NonEmpty);
        identity.agentVersion = boundedString(reader, u"agentVersion", MaxVersion, Text::NonEmpty);
        identity.enrolled = reader.requireBool(u"enrolled");
        identity.deviceId =
            reader.optionalInt(u"deviceId", 1, std::numeric_limits<qint64>::max() / 2);
        identity.server = reader.optionalString(u"server").value_or(QString());
        if (reader.ok() && identity.server.size() > MaxServer) {
            reader.invalid(u"server",
                           QStringLiteral("is longer than %1 characters").arg(MaxServer));
        }
        if (reader.ok() && identity.enrolled != identity.deviceId.has_value()) {
            reader.invalid(u"deviceId", QStringLiteral("is given exactly when enrolled is true"));
        }
        return reader.finish<Datagram>(identity);
    }
    if (type == QLatin1String("offer")) {
        Offer offer;
        offer.nonce = readNonce(reader);
        offer.replyPort = readPort(reader);
        offer.terms = readBase64(reader, u"terms", MaxTerms);
        offer.signature = readBase64(reader, u"signature", MaxSignature);
        offer.certificate = readBase64(reader, u"certificate", MaxCertificate);
        return reader.finish<Datagram>(offer);
    }
    if (type == QLatin1String("offer.reply")) {
        OfferReply reply;
        reply.nonce = readNonce(reader);
        reply.accepted = reader.requireBool(u"accepted");
        reply.reason = boundedString(reader, u"reason", MaxReason, Text::AllowEmpty);
        return reader.finish<Datagram>(reply);
    }
    return makeError(ErrorCode::UnknownMessageType,
                     QStringLiteral("unknown discovery datagram type \"%1\"").arg(type.left(40)));
}

} // namespace

QByteArray encode(const Datagram& datagram)
{
    QJsonObject json;
    if (const auto* probe = std::get_if<Probe>(&datagram)) {
        json = header(QStringLiteral("probe"), probe->nonce);
        json.insert(QStringLiteral("replyPort"), probe->replyPort);
    } else if (const auto* identity = std::get_if<Identity>(&datagram)) {
        json = header(QStringLiteral("identity"), identity->nonce);
        json.insert(QStringLiteral("unitId"), identity->unitId);
        json.insert(QStringLiteral("hostname"), identity->hostname);
        json.insert(QStringLiteral("agentVersion"), identity->agentVersion);
        json.insert(QStringLiteral("enrolled"), identity->enrolled);
        if (identity->deviceId) {
            json.insert(QStringLiteral("deviceId"), *identity->deviceId);
        }
        if (!identity->server.isEmpty()) {
            json.insert(QStringLiteral("server"), identity->server);
        }
    } else if (const auto* offer = std::get_if<Offer>(&datagram)) {
        json = header(QStringLiteral("offer"), offer->nonce);
        json.insert(QStringLiteral("replyPort"), offer->replyPort);
        json.insert(QStringLiteral("terms"), base64(offer->terms));
        json.insert(QStringLiteral("signature"), base64(offer->signature));
        json.insert(QStringLiteral("certificate"), base64(offer->certificate));
    } else if (const auto* reply = std::get_if<OfferReply>(&datagram)) {
        json = header(QStringLiteral("offer.reply"), reply->nonce);
        json.insert(QStringLiteral("accepted"), reply->accepted);
        json.insert(QStringLiteral("reason"), reply->reason.left(MaxReason));
    }
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

Result<Datagram> decode(const QByteArray& bytes)
{
    if (bytes.size() > MaxDatagramBytes) {
        return makeError(ErrorCode::FrameTooLarge,
                         QStringLiteral("a discovery datagram has at most %1 bytes, not %2")
                             .arg(MaxDatagramBytes)
                             .arg(bytes.size()));
    }
    auto json = parseStrictJsonObject(bytes);
    if (!json) {
        return json.error();
    }
    JsonReader reader(*json, QStringLiteral("datagram"));
    const QString identifier = reader.requireString(u"p");
    const qint64 version = reader.requireInt(u"v", 0, std::numeric_limits<int>::max());
    const QString type = reader.requireString(u"type", Text::NonEmpty);
    if (!reader.ok()) {
        return *reader.error();
    }
    if (identifier != Identifier) {
        return makeError(ErrorCode::MalformedMessage,
                         QStringLiteral("datagram.p must be \"%1\"").arg(Identifier));
    }
    if (version != Version) {
        return makeError(ErrorCode::IncompatibleVersion,
                         QStringLiteral("discovery version %1 is not supported; this side "
                                        "speaks version %2")
                             .arg(version)
                             .arg(Version));
    }
    return readBody(reader, type);
}

QByteArray encodeTerms(const OfferTerms& terms)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("server"), terms.server},
                                     {QStringLiteral("fingerprint"), terms.fingerprint},
                                     {QStringLiteral("token"), QString::fromLatin1(terms.token)},
                                     {QStringLiteral("expires"), terms.expires},
                                     {QStringLiteral("unitId"), terms.unitId}})
        .toJson(QJsonDocument::Compact);
}

Result<OfferTerms> decodeTerms(const QByteArray& bytes)
{
    if (bytes.size() > MaxTerms) {
        return makeError(ErrorCode::FrameTooLarge,
                         QStringLiteral("offer terms have at most %1 bytes").arg(MaxTerms));
    }
    auto json = parseStrictJsonObject(bytes);
    if (!json) {
        return json.error();
    }
    static const QRegularExpression hex(QStringLiteral("^[0-9A-F]{64}$"));
    static const QRegularExpression token(QStringLiteral("^[A-Za-z0-9_-]{16,128}$"));
    JsonReader reader(*json, QStringLiteral("terms"));
    OfferTerms terms;
    terms.server = boundedString(reader, u"server", MaxServer, Text::NonEmpty);
    terms.fingerprint = reader.requireString(u"fingerprint", Text::NonEmpty);
    if (reader.ok() && !hex.match(terms.fingerprint).hasMatch()) {
        reader.invalid(u"fingerprint", QStringLiteral("must be 64 upper-case hex digits"));
    }
    const QString secret = reader.requireString(u"token", Text::NonEmpty);
    if (reader.ok() && !token.match(secret).hasMatch()) {
        reader.invalid(u"token", QStringLiteral("must be 16 to 128 base64url characters"));
    }
    terms.token = secret.toLatin1();
    terms.expires = reader.requireInt(u"expires", 0, std::numeric_limits<qint64>::max() / 2);
    terms.unitId = readUnitId(reader);
    return reader.finish(std::move(terms));
}

QString newNonce()
{
    auto random = crypto::randomBytes(16);
    QByteArray bytes;
    if (random) {
        bytes = *random;
    } else { // OpenSSL's generator failed; the system one is as good for a nonce
        for (int i = 0; i < 4; ++i) {
            const quint32 word = QRandomGenerator::system()->generate();
            bytes.append(reinterpret_cast<const char*>(&word), sizeof word);
        }
    }
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace steward::protocol::discovery
