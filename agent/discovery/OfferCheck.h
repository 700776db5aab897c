// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// OfferCheck - decides whether a register offer may be acted on (docs/discovery.md).
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "common/protocol/Discovery.h"

namespace steward::agent {

struct OfferPolicy {
    QString unitId;            // this device's primary MAC, may be empty
    QString pinnedFingerprint; // when set, the offered server's web fingerprint must equal it
    qint64 now = 0;            // UTC epoch seconds
};

struct AcceptedOffer {
    protocol::discovery::OfferTerms terms;
    crypto::Certificate signer; // the enrolment answer must pin this very certificate
};

/**
 * In this order: the certificate parses and is within its validity; the signature over the
 * terms verifies with its key (SignatureInvalid); the terms parse; they have not expired; they
 * name this device (when both sides know a MAC); the server is https; and, with a pin, the
 * fingerprint is the pinned one. Nothing here can tell a rogue signer from the real server:
 * that is trust on first use, and why accepting offers is off by default.
 */
[[nodiscard]] Result<AcceptedOffer> checkOffer(const protocol::discovery::Offer& offer,
                                               const OfferPolicy& policy);

} // namespace steward::agent
