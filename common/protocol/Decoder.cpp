// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Decoder.h"

#include "common/protocol/StrictJson.h"

namespace steward::protocol {
namespace {

QString shownType(const QString& type)
{
    constexpr qsizetype MaxShown = 64;
    return type.size() <= MaxShown ? type : type.left(MaxShown) + QStringLiteral("…");
}

} // namespace

DecodeResult decodeFrame(const QByteArray& frame, qsizetype maxBytes)
{
    if (frame.size() > maxBytes) {
        return DecodeFailure{makeError(ErrorCode::FrameTooLarge,
                                       QStringLiteral("the frame has %1 bytes; the limit is %2")
                                           .arg(frame.size())
                                           .arg(maxBytes)),
                             std::nullopt, true};
    }
    const auto object = parseStrictJsonObject(frame);
    if (!object) {
        return DecodeFailure{object.error(), std::nullopt, true};
    }
    const auto envelope = envelopeFromJson(*object);
    if (!envelope) {
        return DecodeFailure{envelope.error(), recoverId(*object), true};
    }
    const auto type = messageTypeFromName(envelope->type);
    if (!type) {
        return DecodeFailure{
            makeError(ErrorCode::UnknownMessageType,
                      QStringLiteral("unknown message type \"%1\"").arg(shownType(envelope->type))),
            envelope->id, false};
    }
    auto message = bodyFromJson(*type, envelope->body);
    if (!message) {
        return DecodeFailure{message.error(), envelope->id, false};
    }
    return IncomingMessage{envelope->id, envelope->re, std::move(message).value()};
}

QByteArray errorReplyFrame(const Error& error, MessageId requestId)
{
    return encodeMessage(makeErrorMessage(error), std::nullopt, requestId);
}

std::optional<QByteArray> errorReplyFrame(const DecodeFailure& failure)
{
    if (!failure.requestId) {
        return std::nullopt;
    }
    return errorReplyFrame(failure.error, *failure.requestId);
}

} // namespace steward::protocol
