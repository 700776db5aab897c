// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Discovery - the UDP datagrams of scan, online check and register offer
// (docs/protocol/discovery.md).
#pragma once

#include "common/core/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <variant>

namespace steward::protocol::discovery {

/** The "v" every datagram carries; a receiver refuses any other. */
inline constexpr int Version = 1;
/** The agent's responder port. */
inline constexpr quint16 DefaultPort = 30005;
/** No datagram is larger; checked before any parsing. An offer is the largest (~2.9 KB). */
inline constexpr qsizetype MaxDatagramBytes = 8192;
/** A probe is tiny; the responder refuses larger probes before parsing. */
inline constexpr qsizetype MaxProbeBytes = 512;

/** server → agent: "who are you?"; the answer goes to the sender's address at replyPort. */
struct Probe {
    QString nonce; // 8 … 64 base64url characters, echoed in the answer
    quint16 replyPort = 0;
};

/** agent → server: the answer to a probe. */
struct Identity {
    QString nonce;
    QString unitId; // primary MAC "00:11:22:33:44:55", or empty
    QString hostname;
    QString agentVersion;
    bool enrolled = false;
    std::optional<qint64> deviceId; // when enrolled
    QString server;                 // the server it is bound to, when enrolled
};

/**
 * server → agent: a signed register offer. \a terms is the exact byte string that was signed
 * (SHA512withRSA with the device-communication key); \a certificate is that key's certificate
 * in DER. The receiver parses \a terms only after the signature checked out.
 */
struct Offer {
    QString nonce;
    quint16 replyPort = 0;
    QByteArray terms;
    QByteArray signature;
    QByteArray certificate;
};

/** agent → server: what the agent did with an offer. */
struct OfferReply {
    QString nonce;
    bool accepted = false;
    QString reason; // at most 200 characters
};

using Datagram = std::variant<Probe, Identity, Offer, OfferReply>;

/** The signed content of an offer. */
struct OfferTerms {
    QString server;      // https://HOST:PORT
    QString fingerprint; // SHA-256 of the server's web certificate, upper-case hex
    QByteArray token;    // one-time enrolment token
    qint64 expires = 0;  // UTC epoch seconds
    QString unitId;      // the device the offer is for; empty when the scan saw no MAC
};

[[nodiscard]] QByteArray encode(const Datagram& datagram);
/**
 * Strict: size first (FrameTooLarge over MaxDatagramBytes), then strict JSON, "v" equal to
 * Version (IncompatibleVersion), a known "type" (UnknownMessageType) and every field checked
 * for type, length and range. Never throws, never allocates from a length in the input.
 */
[[nodiscard]] Result<Datagram> decode(const QByteArray& bytes);

[[nodiscard]] QByteArray encodeTerms(const OfferTerms& terms);
[[nodiscard]] Result<OfferTerms> decodeTerms(const QByteArray& bytes);

/** A fresh random nonce: 16 bytes, base64url (22 characters). */
[[nodiscard]] QString newNonce();

} // namespace steward::protocol::discovery
