// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AgentApp - the agent's composition root: runs enroll, run and release.
#pragma once

#include "agent/app/AgentSettings.h"
#include "agent/discovery/Onboarding.h"
#include "agent/enrol/AgentState.h"
#include "agent/link/ServerLink.h"
#include "common/core/Result.h"

#include <QObject>
#include <QSslCertificate>
#include <QTextStream>

#include <memory>

class QFileSystemWatcher;

namespace steward::agent::vnc {
class ScreenSource;
class VncServer;
} // namespace steward::agent::vnc
namespace steward::agent::shadow {
class LinkAuthority;
class ShadowProxy;
} // namespace steward::agent::shadow

namespace steward::agent {

/** The channel's settings for an enrolled state: wss to the enrolled server, mutual TLS. */
[[nodiscard]] LinkSettings linkSettingsFor(const AgentState& state, BackoffPolicy backoff);

/**
 * Exit codes: 0 done (run: stopped by SIGTERM/SIGINT), 1 failure, 2 usage, 78 configuration
 * (e.g. run without an enrolment).
 */
class AgentApp : public QObject {
    Q_OBJECT

public:
    AgentApp(AgentSettings settings, QTextStream& out, QTextStream& err, QObject* parent = nullptr);
    ~AgentApp() override;

    /** enroll and release finish at once; run starts the link and returns -1 (keep going). */
    [[nodiscard]] int start();

private:
    [[nodiscard]] int enrollCommand();
    [[nodiscard]] int runCommand();
    [[nodiscard]] int releaseCommand();
    [[nodiscard]] int shadowCertCommand();
    /** The VNC server (or external target) and the TLS proxy in front of it. */
    [[nodiscard]] Result<void> startShadowing(const AgentState& state);
    [[nodiscard]] int fail(int code, const QString& message);
    void startLink(const AgentState& state);

    AgentSettings m_settings;
    StateDirectory m_state;
    QTextStream& m_out;
    QTextStream& m_err;
    std::unique_ptr<ServerLink> m_link;
    std::unique_ptr<Onboarding> m_onboarding; // discovery responder, offers, auto-registration
    std::unique_ptr<vnc::ScreenSource> m_screen;
    std::unique_ptr<vnc::VncServer> m_vnc;
    std::unique_ptr<shadow::LinkAuthority> m_shadowAuthority;
    std::unique_ptr<shadow::ShadowProxy> m_shadowProxy;
    std::unique_ptr<QFileSystemWatcher> m_shadowWatcher;
    QSslCertificate m_shadowIdentityCertificate;
};

} // namespace steward::agent
