// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Onboarding - the discovery responder plus the two ways an unenrolled agent enrols by itself.
#pragma once

#include "agent/discovery/DiscoveryResponder.h"
#include "agent/enrol/AgentState.h"
#include "agent/link/Backoff.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <optional>

namespace steward::agent {

/** Where auto-registration looks when no server is configured: the DNS alias "steward". */
inline const QUrl DefaultAutoRegisterServer{QStringLiteral("https://steward:8443")};

struct OnboardingSettings {
    ResponderSettings responder;
    bool acceptOffers = false;
    bool autoRegister = false;
    QUrl server;         // auto-registration; empty: DefaultAutoRegisterServer
    QString fingerprint; // pins the server's web certificate for offers and auto-registration
    BackoffPolicy retry; // between auto-registration attempts
};

/**
 * Runs for the agent's whole life: the responder answers probes with the current identity.
 * While the state directory holds no enrolment it also acts on signed register offers
 * (acceptOffers) or tries auto-registration with back-off (autoRegister), and emits
 * enrolled() once, after which both stop. Every refused offer is logged with its reason and
 * answered with an offer.reply, so the server can audit it.
 */
class Onboarding : public QObject {
    Q_OBJECT

public:
    Onboarding(OnboardingSettings settings, StateDirectory state, QObject* parent = nullptr);

    [[nodiscard]] Result<quint16> start();
    /** The enrolment the identity reports (also set after enrolled()). */
    void setEnrolled(const AgentState& state);

Q_SIGNALS:
    void enrolled(const steward::agent::AgentState& state);

private:
    [[nodiscard]] protocol::discovery::Identity identity() const;
    void handleOffer(const protocol::discovery::Offer& offer, const QHostAddress& from);
    [[nodiscard]] Result<AgentState> acceptOffer(const protocol::discovery::Offer& offer);
    void attemptAutoRegister();
    void finish(const AgentState& state);

    OnboardingSettings m_settings;
    StateDirectory m_state;
    DiscoveryResponder m_responder;
    QString m_unitId;
    QString m_hostname;
    std::optional<AgentState> m_enrolled;
    bool m_enrolling = false;
    Backoff m_backoff;
    QTimer m_retry;
};

} // namespace steward::agent
