// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Commands.h"

#include "common/protocol/JsonReader.h"

#include <QJsonDocument>

namespace steward::protocol {
namespace {

constexpr qsizetype MaxKind = 64;
constexpr qsizetype MaxArgsBytes = 4096;
constexpr qsizetype MaxSignatureChars = 2048;
constexpr qsizetype MaxMessage = 1000;
constexpr qint64 MaxId = qint64(1) << 53;

QByteArray compact(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

bool commandNeedsSignature(const QString& kind)
{
    return kind == CommandKind::Release;
}

QByteArray commandSigningPayload(const CommandRun& command, qint64 deviceId)
{
    return compact(QJsonObject{{QLatin1String("args"), command.args},
                               {QLatin1String("device"), deviceId},
                               {QLatin1String("id"), command.id},
                               {QLatin1String("kind"), command.kind}});
}

QJsonObject toJson(const CommandRun& command)
{
    QJsonObject body{{QLatin1String("id"), command.id},
                     {QLatin1String("kind"), command.kind},
                     {QLatin1String("args"), command.args}};
    if (!command.signature.isEmpty()) {
        body.insert(QLatin1String("signature"), QString::fromLatin1(command.signature.toBase64()));
    }
    return body;
}

Result<CommandRun> commandRunFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    CommandRun command;
    command.id = reader.requireInt(u"id", 1, MaxId);
    command.kind = reader.requireString(u"kind", JsonReader::Text::NonEmpty);
    if (reader.ok() && command.kind.size() > MaxKind) {
        reader.invalid(u"kind", QStringLiteral("has more than %1 characters").arg(MaxKind));
    }
    command.args = reader.requireObject(u"args");
    if (reader.ok() && compact(command.args).size() > MaxArgsBytes) {
        reader.invalid(u"args", QStringLiteral("has more than %1 bytes").arg(MaxArgsBytes));
    }
    const auto signature = reader.optionalString(u"signature", JsonReader::Text::NonEmpty);
    if (reader.ok() && signature) {
        const auto decoded = QByteArray::fromBase64Encoding(
            signature->toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (signature->size() > MaxSignatureChars || !decoded) {
            reader.invalid(
                u"signature",
                QStringLiteral("is not base64 of at most %1 characters").arg(MaxSignatureChars));
        } else {
            command.signature = *decoded;
        }
    }
    return reader.finish(std::move(command));
}

QJsonObject toJson(const CommandResult& result)
{
    return QJsonObject{{QLatin1String("id"), result.id},
                       {QLatin1String("ok"), result.ok},
                       {QLatin1String("message"), result.message}};
}

Result<CommandResult> commandResultFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    CommandResult result;
    result.id = reader.requireInt(u"id", 1, MaxId);
    result.ok = reader.requireBool(u"ok");
    result.message = reader.requireString(u"message");
    if (reader.ok() && result.message.size() > MaxMessage) {
        reader.invalid(u"message", QStringLiteral("has more than %1 characters").arg(MaxMessage));
    }
    return reader.finish(std::move(result));
}

QJsonObject toJson(const DeviceRelease&)
{
    return {};
}

Result<DeviceRelease> deviceReleaseFromJson(const QJsonObject&)
{
    return DeviceRelease{};
}

} // namespace steward::protocol
