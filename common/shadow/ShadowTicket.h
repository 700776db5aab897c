// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowTicket - the signed one-time ticket that admits one shadowing session
// (docs/protocol/shadow.md).
#pragma once

#include "common/core/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace steward::crypto {
class Certificate;
class PrivateKey;
} // namespace steward::crypto

namespace steward::shadow {

inline constexpr int TicketVersion = 1;
inline constexpr qsizetype NonceBytes = 16;
inline constexpr qsizetype MaxTicketBytes = 4096;

/** The payload's fields; the JSON keys are v, session, device, admin, path, expires, nonce. */
struct TicketPayload {
    int version = TicketVersion;
    QString session; // a UUID, lower-case, without braces
    qint64 device = 0;
    QString admin;
    QString path;       // "direct" or "relay"
    qint64 expires = 0; // unix seconds
    QByteArray nonce;   // NonceBytes random bytes (raw; base64url on the wire)

    bool operator==(const TicketPayload&) const = default;
};

/** A ticket as received: the decoded payload plus the exact bytes the signature covers. */
struct SignedTicket {
    TicketPayload payload;
    QByteArray payloadBytes; // the compact JSON exactly as signed
    QByteArray signature;
};

/** The payload's compact JSON (what gets signed). */
[[nodiscard]] QByteArray payloadJson(const TicketPayload& payload);

/**
 * base64url(payload JSON) "." base64url(signature) with the device-communication key:
 * SHA512withRSA for RSA keys, ECDSA-SHA256 for EC keys.
 */
[[nodiscard]] Result<QByteArray> signTicket(const TicketPayload& payload,
                                            const crypto::PrivateKey& key);

/**
 * Splits and decodes a ticket and validates every field's form; MalformedMessage names the
 * problem. It checks neither signature nor expiry: see verifyTicket().
 */
[[nodiscard]] Result<SignedTicket> parseTicket(const QByteArray& text);

/** The signature over payloadBytes with \a signer's public key: SignatureInvalid otherwise. */
[[nodiscard]] Result<void> verifyTicketSignature(const SignedTicket& ticket,
                                                 const crypto::Certificate& signer);

/** A fresh nonce of NonceBytes random bytes. */
[[nodiscard]] Result<QByteArray> newNonce();

/** base64url without padding, the encoding of every binary field of the shadow protocol. */
[[nodiscard]] QByteArray toBase64Url(const QByteArray& bytes);
/** The inverse of toBase64Url(); nullopt for any character outside the url-safe alphabet. */
[[nodiscard]] std::optional<QByteArray> fromBase64Url(const QByteArray& text);

} // namespace steward::shadow
