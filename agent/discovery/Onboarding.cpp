// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/discovery/Onboarding.h"

#include "agent/app/Logging.h"
#include "agent/discovery/OfferCheck.h"
#include "agent/enrol/Enroller.h"
#include "common/core/Version.h"

#include <QDateTime>
#include <QHostInfo>

namespace steward::agent {

namespace discovery = protocol::discovery;

Onboarding::Onboarding(OnboardingSettings settings, StateDirectory state, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_state(std::move(state)),
      m_responder(m_settings.responder, [this] { return identity(); }),
      m_unitId(primaryMacAddress()), m_hostname(QHostInfo::localHostName()),
      m_backoff(m_settings.retry)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &Onboarding::attemptAutoRegister);
    // Queued: enrolling runs a nested event loop, which must not sit inside the socket's
    // readyRead (the responder would go deaf meanwhile).
    connect(&m_responder, &DiscoveryResponder::offerReceived, this, &Onboarding::handleOffer,
            Qt::QueuedConnection);
}

Result<quint16> Onboarding::start()
{
    auto port = m_responder.start();
    if (port && !m_enrolled && m_settings.autoRegister) {
        m_retry.start(0);
    }
    return port;
}

void Onboarding::setEnrolled(const AgentState& state)
{
    m_enrolled = state;
    m_retry.stop();
}

discovery::Identity Onboarding::identity() const
{
    discovery::Identity identity;
    identity.unitId = m_unitId;
    // The datagram needs a host name; an unnamed host still wants to be found.
    identity.hostname = m_hostname.isEmpty() ? QStringLiteral("localhost") : m_hostname.left(253);
    identity.agentVersion = QLatin1String(ProductVersion);
    identity.enrolled = m_enrolled.has_value();
    if (m_enrolled) {
        identity.deviceId = m_enrolled->deviceId;
        identity.server = m_enrolled->server.toString();
    }
    return identity;
}

void Onboarding::handleOffer(const discovery::Offer& offer, const QHostAddress& from)
{
    const auto answer = [&](bool accepted, const QString& reason) {
        m_responder.send(from, offer.replyPort,
                         discovery::OfferReply{offer.nonce, accepted, reason});
    };
    QString refusal;
    if (m_enrolled || m_state.isEnrolled()) {
        refusal = QStringLiteral("this agent is already enrolled; release it first");
    } else if (!m_settings.acceptOffers) {
        refusal = QStringLiteral("this agent does not accept register offers");
    } else if (m_enrolling) {
        refusal = QStringLiteral("this agent is enrolling already");
    }
    if (!refusal.isEmpty()) {
        qCWarning(lcAgentDiscovery).noquote()
            << QStringLiteral("register offer refused from=%1 reason=%2")
                   .arg(from.toString(), refusal);
        answer(false, refusal);
        return;
    }
    m_enrolling = true;
    auto enrolledState = acceptOffer(offer);
    m_enrolling = false;
    if (!enrolledState) {
        qCWarning(lcAgentDiscovery).noquote()
            << QStringLiteral("register offer refused from=%1 reason=%2")
                   .arg(from.toString(), enrolledState.error().message);
        answer(false, enrolledState.error().message);
        return;
    }
    answer(true, QStringLiteral("enrolled as device %1").arg(enrolledState->deviceId));
    finish(*enrolledState);
}

Result<AgentState> Onboarding::acceptOffer(const discovery::Offer& offer)
{
    auto accepted =
        checkOffer(offer, {m_unitId, m_settings.fingerprint, QDateTime::currentSecsSinceEpoch()});
    if (!accepted) {
        return accepted.error();
    }
    EnrollOptions options;
    options.server = QUrl(accepted->terms.server);
    options.token = accepted->terms.token;
    // The enroller checks this fingerprint before the token leaves the device.
    options.expectedFingerprint = accepted->terms.fingerprint;
    options.hostname = m_hostname;
    options.unitId = m_unitId;
    auto enrolledState = enroll(m_state, options);
    if (!enrolledState) {
        return enrolledState;
    }
    // The server that enrolled us must be the one that signed the offer.
    const auto pinned =
        crypto::Certificate::fromQSslCertificate(enrolledState->deviceCommunication);
    if (!pinned || !(*pinned == accepted->signer)) {
        (void)m_state.release();
        return makeError(ErrorCode::PeerCertificateMismatch,
                         QStringLiteral("the server at %1 does not hold the certificate that "
                                        "signed the offer; the enrolment was discarded")
                             .arg(options.server.authority()));
    }
    return enrolledState;
}

void Onboarding::attemptAutoRegister()
{
    if (m_enrolled || m_enrolling || m_state.isEnrolled()) {
        return;
    }
    EnrollOptions options;
    options.server = m_settings.server.isEmpty() ? DefaultAutoRegisterServer : m_settings.server;
    options.expectedFingerprint = m_settings.fingerprint;
    options.hostname = m_hostname;
    options.unitId = m_unitId;
    // Without a pin the first certificate seen is trusted: the administrator chose that by
    // enabling auto-registration (docs/discovery.md explains the risk).
    options.confirm = [](const QString&) { return true; };
    m_enrolling = true;
    auto enrolledState = enroll(m_state, options);
    m_enrolling = false;
    if (!enrolledState) {
        const auto delay = m_backoff.next();
        qCWarning(lcAgentDiscovery).noquote()
            << QStringLiteral("auto-registration failed server=%1 retry_ms=%2 reason=%3")
                   .arg(options.server.authority())
                   .arg(delay.count())
                   .arg(enrolledState.error().message);
        m_retry.start(delay);
        return;
    }
    qCInfo(lcAgentDiscovery).noquote() << QStringLiteral("auto-registered device=%1 server=%2")
                                              .arg(enrolledState->deviceId)
                                              .arg(options.server.authority());
    finish(*enrolledState);
}

void Onboarding::finish(const AgentState& state)
{
    setEnrolled(state);
    Q_EMIT enrolled(state);
}

} // namespace steward::agent
