// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/link/CertificateRollover.h"

#include "agent/app/Logging.h"
#include "agent/link/PinnedSignature.h"
#include "agent/link/ServerLink.h"
#include "common/protocol/Decoder.h"

namespace steward::agent {
namespace {

constexpr char PinFile[] = "tckey.crt";

} // namespace

QString pinFingerprint(const QSslCertificate& certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
}

Result<crypto::Certificate> checkRollover(const protocol::CertificateRollover& rollover,
                                          qint64 deviceId, const QSslCertificate& pinned,
                                          const protocol::CertificateSupport& support)
{
    if (rollover.device != deviceId) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the rollover is for device %1, this is device %2")
                             .arg(rollover.device)
                             .arg(deviceId));
    }
    if (auto verified =
            verifyPinnedSignature(pinned, protocol::rolloverSigningPayload(rollover),
                                  rollover.signature, QStringLiteral("the certificate rollover"));
        !verified) {
        return verified.error();
    }
    auto chain = crypto::Certificate::chainFromPem(rollover.certificate.toLatin1());
    if (!chain) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("the offered certificate does not parse: ")
                             + chain.error().message);
    }
    if (chain->size() != 1) {
        return makeError(
            ErrorCode::ChainNotAllowed,
            QStringLiteral("the rollover holds %1 certificates, not one").arg(chain->size()));
    }
    const crypto::Certificate& offered = chain->first();
    const QString fingerprint =
        QString::fromLatin1(offered.fingerprint(crypto::FingerprintAlgorithm::Sha256).toHex());
    if (fingerprint != rollover.fingerprint) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("the offered certificate's SHA-256 is %1, the rollover "
                                        "announces %2")
                             .arg(fingerprint, rollover.fingerprint));
    }
    if (!offered.isValidAt()) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("the offered certificate is not valid now (%1 – %2)")
                             .arg(offered.notBefore().toString(Qt::ISODate),
                                  offered.notAfter().toString(Qt::ISODate)));
    }
    const QString keySpec = offered.keySpec().toString();
    const QString algorithm = offered.signatureAlgorithm();
    if (!support.supports(keySpec, algorithm)) {
        return makeError(ErrorCode::UnsupportedAlgorithm,
                         QStringLiteral("the offered certificate (%1, %2) is not one this agent "
                                        "supports (%3)")
                             .arg(keySpec, algorithm, support.describe()));
    }
    return offered;
}

CertificateRollover::CertificateRollover(StateDirectory state, qint64 deviceId,
                                         QSslCertificate pinned,
                                         protocol::CertificateSupport support, QObject* parent)
    : QObject(parent), m_state(std::move(state)), m_deviceId(deviceId), m_pinned(std::move(pinned)),
      m_support(std::move(support))
{}

void CertificateRollover::attach(ServerLink& link)
{
    connect(&link, &ServerLink::received, this,
            [this, &link](const protocol::IncomingMessage& message) { received(link, message); });
}

void CertificateRollover::received(ServerLink& link, const protocol::IncomingMessage& message)
{
    const auto* rollover = std::get_if<protocol::CertificateRollover>(&message.message);
    if (rollover == nullptr) {
        return;
    }
    const auto confirm = handle(*rollover);
    if (!link.send(confirm, message.id)) {
        // The server offers it again at the next hello; the pin on disk is what counts.
        qCWarning(lcAgentApp).noquote()
            << QStringLiteral("certificate.confirm not sent: the link is down");
    }
}

protocol::CertificateConfirm
CertificateRollover::handle(const protocol::CertificateRollover& rollover)
{
    const QString before = pinFingerprint(m_pinned);
    const auto refuse = [&](const QString& reason) {
        qCWarning(lcAgentApp).noquote()
            << QStringLiteral("certificate rollover to %1 refused, keeping %2: %3")
                   .arg(rollover.fingerprint, before, reason);
        return protocol::CertificateConfirm{rollover.fingerprint, before, false, reason};
    };
    auto offered = checkRollover(rollover, m_deviceId, m_pinned, m_support);
    if (!offered) {
        return refuse(offered.error().message);
    }
    if (auto written = m_state.writeAtomically(QLatin1String(PinFile), offered->toPem());
        !written) {
        return refuse(QStringLiteral("the new pin could not be stored: ")
                      + written.error().message);
    }
    m_pinned = offered->toQSslCertificate();
    qCInfo(lcAgentApp).noquote()
        << QStringLiteral("device-communication certificate rolled over from %1 to %2")
               .arg(before, rollover.fingerprint);
    Q_EMIT pinChanged(m_pinned);
    return protocol::CertificateConfirm{rollover.fingerprint, rollover.fingerprint, true, {}};
}

} // namespace steward::agent
