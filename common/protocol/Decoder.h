// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Decoder - turns one raw frame into a fully validated message or a failure that says what to do.
#pragma once

#include "common/core/Error.h"
#include "common/protocol/Envelope.h"
#include "common/protocol/Message.h"

#include <optional>
#include <variant>

#include <QByteArray>

namespace steward::protocol {

/** A received message that passed every check: handlers only ever see these. */
struct IncomingMessage {
    std::optional<MessageId> id;
    std::optional<MessageId> re;
    Message message;

    bool operator==(const IncomingMessage&) const = default;
};

/**
 * Why a frame was refused, and what the session does about it:
 *
 * | failure                                          | closeSession | reply possible      |
 * |--------------------------------------------------|--------------|---------------------|
 * | over the size limit (FrameTooLarge)              | yes          | no (never parsed)   |
 * | not one strict JSON object (MalformedMessage)    | yes          | no                  |
 * | a JSON object but a bad envelope                 | yes          | if its id is valid  |
 * | unknown type (UnknownMessageType)                | no           | if it has an id     |
 * | body fails the message's own validation          | no           | if it has an id     |
 */
struct DecodeFailure {
    Error error;
    std::optional<MessageId> requestId; // the frame's id, when one could be recovered
    bool closeSession = true;
};

/** Either an IncomingMessage or a DecodeFailure. */
class DecodeResult {
public:
    DecodeResult(IncomingMessage message) : m_state(std::move(message)) {}
    DecodeResult(DecodeFailure failure) : m_state(std::move(failure)) {}

    [[nodiscard]] bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }
    [[nodiscard]] const IncomingMessage& message() const { return std::get<0>(m_state); }
    [[nodiscard]] const DecodeFailure& failure() const { return std::get<1>(m_state); }

private:
    std::variant<IncomingMessage, DecodeFailure> m_state;
};

/** Size check, strict JSON, envelope, catalog lookup and body validation, in that order. */
[[nodiscard]] DecodeResult decodeFrame(const QByteArray& frame,
                                       qsizetype maxBytes = MaxMessageBytes);

/**
 * The error reply for \a error answering request \a requestId:
 * `{"body":{"code":"...","message":"..."},"re":N,"type":"error"}`.
 */
[[nodiscard]] QByteArray errorReplyFrame(const Error& error, MessageId requestId);

/** The error reply for \a failure, or nullopt when no id could be recovered to answer. */
[[nodiscard]] std::optional<QByteArray> errorReplyFrame(const DecodeFailure& failure);

} // namespace steward::protocol
