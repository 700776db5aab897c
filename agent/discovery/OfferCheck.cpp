// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/discovery/OfferCheck.h"

#include "agent/enrol/Enroller.h"
#include "common/crypto/Signature.h"

#include <QDateTime>
#include <QUrl>

namespace steward::agent {

Result<AcceptedOffer> checkOffer(const protocol::discovery::Offer& offer, const OfferPolicy& policy)
{
    auto signer = crypto::Certificate::fromDer(offer.certificate);
    if (!signer) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("the offer's certificate is unreadable: ")
                             + signer.error().message);
    }
    if (!signer->isValidAt(QDateTime::fromSecsSinceEpoch(policy.now, Qt::UTC))) {
        return makeError(ErrorCode::CertificateExpired,
                         QStringLiteral("the offer's certificate is outside its validity"));
    }
    if (auto verified = crypto::verifySignature(*signer, offer.terms, offer.signature); !verified) {
        return makeError(ErrorCode::SignatureInvalid,
                         QStringLiteral("the offer's signature does not verify: ")
                             + verified.error().message);
    }
    auto terms = protocol::discovery::decodeTerms(offer.terms);
    if (!terms) {
        return terms.error();
    }
    if (terms->expires <= policy.now) {
        return makeError(
            ErrorCode::Unauthenticated,
            QStringLiteral("the offer expired %1 s ago").arg(policy.now - terms->expires));
    }
    if (!terms->unitId.isEmpty() && !policy.unitId.isEmpty()
        && terms->unitId.compare(policy.unitId, Qt::CaseInsensitive) != 0) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the offer is for unit %1, this device is %2")
                             .arg(terms->unitId, policy.unitId));
    }
    const QUrl server(terms->server);
    if (!server.isValid() || server.scheme() != QLatin1String("https") || server.host().isEmpty()) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the offer's server \"%1\" is not https://HOST:PORT")
                             .arg(terms->server.left(80)));
    }
    if (!policy.pinnedFingerprint.isEmpty()
        && normalisedFingerprint(policy.pinnedFingerprint) != terms->fingerprint) {
        return makeError(ErrorCode::PeerCertificateMismatch,
                         QStringLiteral("the offer names server fingerprint %1, not the pinned %2")
                             .arg(terms->fingerprint, policy.pinnedFingerprint));
    }
    return AcceptedOffer{std::move(*terms), std::move(*signer)};
}

} // namespace steward::agent
