// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/shadow/ShadowWire.h"

#include "common/shadow/ShadowTicket.h"

#include <QtEndian>

#include <array>
#include <utility>

namespace steward::shadow {
namespace {

struct StatusText {
    ShadowStatus status;
    const char* name;
    const char* description;
};

constexpr std::array<StatusText, 11> Statuses{{
    {ShadowStatus::Ok, "ok", "the session is open"},
    {ShadowStatus::Malformed, "malformed", "the agent could not read the ticket"},
    {ShadowStatus::BadSignature, "bad_signature",
     "the ticket's signature does not match this server's device-communication certificate"},
    {ShadowStatus::Expired, "expired", "the ticket has expired; ask for a new one"},
    {ShadowStatus::WrongDevice, "wrong_device", "the ticket is for another device"},
    {ShadowStatus::AlreadyUsed, "already_used",
     "the ticket was already used or the server does not know the session"},
    {ShadowStatus::DisabledByPolicy, "disabled_by_policy",
     "the device's policy does not allow this shadowing session"},
    {ShadowStatus::ConsentDenied, "consent_denied", "the device's user refused the session"},
    {ShadowStatus::ConsentTimedOut, "consent_timed_out",
     "the device's user did not answer in time"},
    {ShadowStatus::ServerUnreachable, "server_unreachable",
     "the agent could not confirm the ticket with the server"},
    {ShadowStatus::VncUnavailable, "vnc_unavailable", "the device's VNC server is not available"},
}};

quint16 readBigEndian16(const QByteArray& buffer, qsizetype at)
{
    return qFromBigEndian<quint16>(reinterpret_cast<const uchar*>(buffer.constData() + at));
}

void appendBigEndian16(QByteArray& out, quint16 value)
{
    out.append(char(value >> 8));
    out.append(char(value & 0xff));
}

} // namespace

QString statusName(ShadowStatus status)
{
    for (const auto& entry : Statuses) {
        if (entry.status == status) {
            return QString::fromLatin1(entry.name);
        }
    }
    return QStringLiteral("status_%1").arg(int(status));
}

QString statusDescription(ShadowStatus status)
{
    for (const auto& entry : Statuses) {
        if (entry.status == status) {
            return QString::fromLatin1(entry.description);
        }
    }
    return QStringLiteral("the agent refused the session (status %1)").arg(int(status));
}

std::optional<ShadowStatus> statusFromByte(quint8 byte)
{
    for (const auto& entry : Statuses) {
        if (quint8(entry.status) == byte) {
            return entry.status;
        }
    }
    return std::nullopt;
}

QByteArray encodePreamble(const QByteArray& ticket)
{
    QByteArray out;
    out.reserve(PreambleHeaderBytes + ticket.size());
    out.append(PreambleMagic, 4);
    out.append(char(PreambleVersion));
    appendBigEndian16(out, quint16(ticket.size()));
    out.append(ticket);
    return out;
}

PreambleParse parsePreamble(const QByteArray& buffer)
{
    PreambleParse result;
    const auto fail = [&result](QString why) {
        result.state = PreambleParse::State::Malformed;
        result.error = std::move(why);
        return result;
    };
    const qsizetype magicSeen = std::min<qsizetype>(buffer.size(), 4);
    if (buffer.left(magicSeen) != QByteArray(PreambleMagic, magicSeen)) {
        return fail(QStringLiteral("the stream does not start with the STWD preamble"));
    }
    if (buffer.size() >= 5 && quint8(buffer[4]) != PreambleVersion) {
        return fail(QStringLiteral("preamble version %1 is not supported (expected %2)")
                        .arg(quint8(buffer[4]))
                        .arg(PreambleVersion));
    }
    if (buffer.size() < PreambleHeaderBytes) {
        return result;
    }
    const quint16 length = readBigEndian16(buffer, 5);
    if (length == 0 || length > MaxTicketBytes) {
        return fail(
            QStringLiteral("ticket length %1 is outside 1..%2").arg(length).arg(MaxTicketBytes));
    }
    if (buffer.size() < PreambleHeaderBytes + length) {
        return result;
    }
    result.state = PreambleParse::State::Complete;
    result.ticket = buffer.mid(PreambleHeaderBytes, length);
    result.consumed = PreambleHeaderBytes + length;
    return result;
}

QByteArray encodeReply(ShadowStatus status, const QString& message)
{
    QByteArray text = message.toUtf8();
    if (text.size() > MaxReplyMessageBytes) {
        // Cut on a character boundary: drop UTF-8 continuation bytes at the cut.
        text.truncate(MaxReplyMessageBytes);
        while (!text.isEmpty() && (quint8(text.back()) & 0xC0) == 0x80) {
            text.chop(1);
        }
        if (!text.isEmpty() && quint8(text.back()) >= 0xC0) {
            text.chop(1);
        }
    }
    QByteArray out;
    out.append(char(status));
    appendBigEndian16(out, quint16(text.size()));
    out.append(text);
    return out;
}

ReplyParse parseReply(const QByteArray& buffer)
{
    ReplyParse result;
    if (buffer.size() < ReplyHeaderBytes) {
        return result;
    }
    const auto status = statusFromByte(quint8(buffer[0]));
    const quint16 length = readBigEndian16(buffer, 1);
    if (!status || length > MaxReplyMessageBytes) {
        result.state = ReplyParse::State::Malformed;
        result.error = status ? QStringLiteral("the agent's reply is longer than %1 bytes")
                                    .arg(MaxReplyMessageBytes)
                              : QStringLiteral("the agent answered with unknown status %1")
                                    .arg(quint8(buffer[0]));
        return result;
    }
    if (buffer.size() < ReplyHeaderBytes + length) {
        return result;
    }
    result.state = ReplyParse::State::Complete;
    result.status = *status;
    result.message = QString::fromUtf8(buffer.mid(ReplyHeaderBytes, length));
    result.consumed = ReplyHeaderBytes + length;
    return result;
}

} // namespace steward::shadow
