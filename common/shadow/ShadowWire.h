// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowWire - the preamble (console → agent) and the reply (agent → console) of a shadow stream.
#pragma once

#include "common/core/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace steward::shadow {

/** "STWD", version 0x01, 2-byte big-endian length, ticket. */
inline constexpr char PreambleMagic[] = "STWD";
inline constexpr quint8 PreambleVersion = 1;
inline constexpr qsizetype PreambleHeaderBytes = 7;
inline constexpr qsizetype ReplyHeaderBytes = 3;
inline constexpr qsizetype MaxReplyMessageBytes = 1024;

/** The reply's status byte. Values are wire format: append only. */
enum class ShadowStatus : quint8 {
    Ok = 0,
    Malformed = 1,
    BadSignature = 2,
    Expired = 3,
    WrongDevice = 4,
    AlreadyUsed = 5, // or an unknown session
    DisabledByPolicy = 6,
    ConsentDenied = 7,
    ConsentTimedOut = 8,
    ServerUnreachable = 9,
    VncUnavailable = 10,
};

/** "ok", "malformed", "bad_signature", … (for logs and the audit log). */
[[nodiscard]] QString statusName(ShadowStatus status);
/** A sentence an administrator understands, e.g. "the device's user refused the session". */
[[nodiscard]] QString statusDescription(ShadowStatus status);
/** The status for a byte, or nullopt for a value this build does not know. */
[[nodiscard]] std::optional<ShadowStatus> statusFromByte(quint8 byte);

[[nodiscard]] QByteArray encodePreamble(const QByteArray& ticket);

/** The result of looking at the first bytes of a stream. */
struct PreambleParse {
    enum class State { NeedMore, Complete, Malformed };
    State state = State::NeedMore;
    QByteArray ticket;      // Complete
    qsizetype consumed = 0; // Complete: bytes of the preamble (anything after is the peer's)
    QString error;          // Malformed
};

/** Looks at \a buffer (the bytes received so far) without changing it. */
[[nodiscard]] PreambleParse parsePreamble(const QByteArray& buffer);

/** Status byte, 2-byte big-endian length, UTF-8 message (cut at MaxReplyMessageBytes). */
[[nodiscard]] QByteArray encodeReply(ShadowStatus status, const QString& message);

struct ReplyParse {
    enum class State { NeedMore, Complete, Malformed };
    State state = State::NeedMore;
    ShadowStatus status = ShadowStatus::Ok;
    QString message;
    qsizetype consumed = 0; // Complete: anything after the reply is already RFB
    QString error;          // Malformed
};

[[nodiscard]] ReplyParse parseReply(const QByteArray& buffer);

} // namespace steward::shadow
