// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AgentApp - the agent's composition root: runs enroll, run and release.
#pragma once

#include "agent/app/AgentConfig.h"
#include "agent/app/AgentSettings.h"
#include "agent/attributes/AttributeCache.h"
#include "agent/discovery/Onboarding.h"
#include "agent/enrol/AgentState.h"
#include "agent/link/ServerLink.h"
#include "common/core/Result.h"

#include <QObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTextStream>

#include <memory>

class QFileSystemWatcher;

namespace steward::agent::vnc {
class ScreenSource;
class VncServer;
} // namespace steward::agent::vnc
namespace steward::agent::settings {
class RuntimeControl;
class SettingsClient;
class WallpaperFetcher;
} // namespace steward::agent::settings
namespace steward::agent::shadow {
class LinkAuthority;
class SessionIndicators;
class ShadowProxy;
} // namespace steward::agent::shadow

namespace steward::agent {

class CertificateRollover;
class TrustUpdater;
class CommandRunner;

/**
 * The channel's settings for an enrolled state: wss to the configured servers (by default the
 * enrolled one), mutual TLS, the configured heartbeat.
 */
[[nodiscard]] LinkSettings linkSettingsFor(const AgentState& state, BackoffPolicy backoff,
                                           const AgentConfig& config = {});

/**
 * Exit codes: 0 done (run: stopped by SIGTERM/SIGINT), 1 failure, 2 usage, 78 configuration
 * (e.g. run without an enrolment); attr adds 65, 69 and 77 (AttributeCommand.h).
 */
class AgentApp : public QObject {
    Q_OBJECT

public:
    AgentApp(AgentSettings settings, QTextStream& out, QTextStream& err, QObject* parent = nullptr);
    ~AgentApp() override;

    /** enroll and release finish at once; run starts the link and returns -1 (keep going). */
    [[nodiscard]] int start();

Q_SIGNALS:
    /** run ended by itself (after a release) with this exit code. */
    void finished(int exitCode);

private:
    [[nodiscard]] int enrollCommand();
    [[nodiscard]] int runCommand();
    [[nodiscard]] int releaseCommand();
    [[nodiscard]] int attrCommand();
    [[nodiscard]] int shadowCertCommand();
    /** The VNC server (or external target) and the TLS proxy in front of it. */
    [[nodiscard]] Result<void> startShadowing(const AgentState& state);
    [[nodiscard]] int fail(int code, const QString& message);
    [[nodiscard]] Result<AgentConfig> loadConfig() const;
    /** Tells the server over the channel that this device forgets its binding. */
    [[nodiscard]] Result<void> tellServerReleased(const AgentState& state,
                                                  const AgentConfig& config);
    void acknowledgeRelease(qint64 commandId);
    void forgetAfterRelease();
    void sendResult(const protocol::CommandResult& result);
    void startLink(const AgentState& state);
    /** The settings bundle's appliers and client (AgentAppSettings.cpp). */
    void startSettings(const AgentState& state);
    void watchRollover(const AgentState& state);
    /** trust.update and client.certificate: the next connection uses what they renewed. */
    void watchTrust(const AgentState& state);

    AgentSettings m_settings;
    StateDirectory m_state;
    QTextStream& m_out;
    QTextStream& m_err;
    std::unique_ptr<ServerLink> m_link;
    std::unique_ptr<CommandRunner> m_runner;
    std::unique_ptr<CertificateRollover> m_rollover;
    std::unique_ptr<TrustUpdater> m_trust;
    QSslConfiguration m_tunnelTls; // the relay's TLS: the roots and client certificate in use
    std::vector<protocol::CommandResult> m_unsent; // finished while the link was down
    bool m_releasing = false;                      // a verified release is being acknowledged
    std::unique_ptr<Onboarding> m_onboarding;      // discovery responder, offers, auto-registration
    AgentConfig m_config;                          // run: the settings file
    std::unique_ptr<AttributeCacheKeeper> m_attributes;
    std::unique_ptr<settings::RuntimeControl> m_runtime; // outlives the appliers using it
    std::unique_ptr<settings::WallpaperFetcher> m_wallpaperFetcher;
    std::unique_ptr<settings::SettingsClient> m_settingsClient;
    std::unique_ptr<vnc::ScreenSource> m_screen;
    std::unique_ptr<vnc::VncServer> m_vnc;
    std::unique_ptr<shadow::LinkAuthority> m_shadowAuthority;
    std::unique_ptr<shadow::ShadowProxy> m_shadowProxy;
    std::unique_ptr<shadow::SessionIndicators> m_shadowIndicators;
    std::unique_ptr<QFileSystemWatcher> m_shadowWatcher;
    QSslCertificate m_shadowIdentityCertificate;
};

} // namespace steward::agent
