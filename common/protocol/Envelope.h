// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Envelope - the outer frame {"type","id","re","body"} of every socket message, parsed strictly.
#pragma once

#include "common/core/Result.h"

#include <optional>

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace steward::protocol {

/** Message ids are positive integers that survive a JSON number (a double) exactly. */
using MessageId = qint64;
inline constexpr MessageId MaxMessageId = MessageId(1) << 53;

/** The largest frame accepted, checked before a single byte is parsed. */
inline constexpr qsizetype MaxMessageBytes = 1024 * 1024;

/**
 * One frame: `{"type": "...", "id": N, "re": N, "body": {...}}`.
 *
 * - `type`: a non-empty string; whether this build knows it is the decoder's business, so an
 *   unknown type still makes a valid envelope (and gets an error reply, not a closed session).
 * - `id`: the sender's number for this message, 1 ≤ id ≤ 2^53. Required, except that a reply
 *   (a frame with `re`) may omit it: error replies carry only `re`.
 * - `re`: the `id` of the request this frame answers.
 * - `body`: an object, always present, possibly `{}`.
 * - Any other top-level key makes the frame malformed; `body` may carry fields this build does
 *   not know (see JsonReader).
 */
struct Envelope {
    QString type;
    std::optional<MessageId> id;
    std::optional<MessageId> re;
    QJsonObject body;

    bool operator==(const Envelope&) const = default;
};

/**
 * Parses one frame. FrameTooLarge when it is longer than \a maxBytes (nothing is parsed then);
 * MalformedMessage when it is not exactly one strict JSON object (see StrictJson.h) or has an
 * unknown top-level key; MissingField, WrongFieldType or InvalidValue for a bad envelope field,
 * naming it.
 */
[[nodiscard]] Result<Envelope> parseEnvelope(const QByteArray& frame,
                                             qsizetype maxBytes = MaxMessageBytes);

/** The envelope checks of parseEnvelope() on an already parsed object. */
[[nodiscard]] Result<Envelope> envelopeFromJson(const QJsonObject& object);

/**
 * The top-level `id` of \a object when it is a valid id, even if the rest of the envelope is
 * not; it lets a failure be answered with an error reply.
 */
[[nodiscard]] std::optional<MessageId> recoverId(const QJsonObject& object);

/** The envelope as a JSON object (absent id/re are left out). */
[[nodiscard]] QJsonObject toJson(const Envelope& envelope);

/** The frame's canonical bytes: compact JSON, keys sorted (as QJsonObject keeps them). */
[[nodiscard]] QByteArray serialize(const Envelope& envelope);

} // namespace steward::protocol
