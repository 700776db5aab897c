// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ErrorMessage - the `error` message: a stable code and a text, usually a reply (`re`).
#pragma once

#include "common/core/Result.h"
#include "common/protocol/MessageType.h"

#include <QJsonObject>
#include <QString>

namespace steward::protocol {

/**
 * `error`: `{"code": "missing_field", "message": "body.programName is missing"}`.
 *
 * `code` is kept verbatim as received. A newer peer may send a code this build does not know;
 * that is accepted (it is still a well-formed wire name: 1–64 of [a-z0-9_]) and errorCode()
 * maps it to ErrorCode::Internal, while the text survives for logs and round trips.
 */
struct ErrorMessage {
    static constexpr MessageType Type = MessageType::Error;

    QString code;    // an ErrorCode wire name, e.g. "incompatible_version"
    QString message; // for people; may be empty

    bool operator==(const ErrorMessage&) const = default;
};

[[nodiscard]] QJsonObject toJson(const ErrorMessage& error);
[[nodiscard]] Result<ErrorMessage> errorMessageFromJson(const QJsonObject& body);

/** The message for sending \a error to the peer. */
[[nodiscard]] ErrorMessage makeErrorMessage(const Error& error);
/** The code as this build knows it; Internal for a code it does not know. */
[[nodiscard]] ErrorCode errorCode(const ErrorMessage& error);
/** The received error as an Error, e.g. to return from a request. */
[[nodiscard]] Error toError(const ErrorMessage& error);

} // namespace steward::protocol
