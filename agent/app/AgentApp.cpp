// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/app/AgentApp.h"

#include "agent/app/Logging.h"
#include "agent/attributes/AttributeCommand.h"
#include "agent/commands/CommandRunner.h"
#include "agent/enrol/Enroller.h"
#include "agent/link/CertificateRollover.h"
#include "agent/link/TrustUpdater.h"
#include "agent/settings/RuntimeControl.h"
#include "agent/settings/SettingsClient.h"
#include "agent/settings/Wallpaper.h"
#include "agent/shadow/LinkAuthority.h"
#include "agent/shadow/SessionIndicators.h"
#include "agent/shadow/ShadowIdentity.h"
#include "agent/shadow/ShadowProxy.h"
#include "agent/vnc/SyntheticScreenSource.h"
#include "agent/vnc/VncServer.h"
#include "agent/vnc/X11ScreenSource.h"
#include "common/core/Version.h"
#include "common/crypto/Certificate.h"
#include "common/tls/TlsConfig.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileSystemWatcher>
#include <QHostInfo>
#include <QTimer>

#include <unistd.h>

namespace steward::agent {
namespace {

constexpr int ExitFailure = 1;
constexpr int ExitConfig = 78;
// How long a release waits for the server's confirmation before forgetting locally anyway.
constexpr std::chrono::seconds ReleaseTimeout{10};

// Only a person at a terminal can say yes; a pipe or a service never trusts on first use.
bool askAtTerminal(QTextStream& err, const QString& fingerprint)
{
    if (::isatty(STDIN_FILENO) == 0) {
        return false;
    }
    err << QStringLiteral("Is %1 the fingerprint your administrator gave you? Type yes: ")
               .arg(fingerprint)
        << Qt::flush;
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly)) {
        return false;
    }
    return input.readLine(64).trimmed() == "yes";
}

} // namespace

LinkSettings linkSettingsFor(const AgentState& state, BackoffPolicy backoff,
                             const AgentConfig& config)
{
    QList<QUrl> urls = config.serverUrls(state.server);
    LinkSettings settings{urls.takeFirst(),
                          tls::clientConfiguration(state.trustAnchors(), state.client),
                          backoff,
                          QLatin1String(ProductVersion),
                          urls,
                          config.heartbeat,
                          config.heartbeatJitter,
                          {}};
    return settings;
}

AgentApp::AgentApp(AgentSettings settings, QTextStream& out, QTextStream& err, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_state(m_settings.stateDir), m_out(out),
      m_err(err)
{}

AgentApp::~AgentApp() = default;

int AgentApp::fail(int code, const QString& message)
{
    m_err << QStringLiteral("steward-agent: ") << message << Qt::endl;
    return code;
}

int AgentApp::start()
{
    if (m_settings.command == QLatin1String("enroll")) {
        return enrollCommand();
    }
    if (m_settings.command == QLatin1String("release")) {
        return releaseCommand();
    }
    if (m_settings.command == QLatin1String("attr")) {
        return attrCommand();
    }
    if (m_settings.command == QLatin1String("shadow-cert")) {
        return shadowCertCommand();
    }
    return runCommand();
}

int AgentApp::enrollCommand()
{
    EnrollOptions options;
    options.server = m_settings.server;
    options.token = m_settings.token;
    options.expectedFingerprint = m_settings.fingerprint;
    options.hostname = QHostInfo::localHostName();
    options.unitId = primaryMacAddress();
    options.show = [this](const QString& fingerprint) {
        m_out << QStringLiteral("server certificate SHA-256 fingerprint: %1").arg(fingerprint)
              << Qt::endl;
    };
    options.confirm = [this](const QString& fingerprint) {
        return m_settings.acceptFingerprint || askAtTerminal(m_err, fingerprint);
    };
    auto enrolled = enroll(m_state, options);
    if (!enrolled) {
        return fail(ExitFailure, enrolled.error().message);
    }
    m_out
        << QStringLiteral("enrolled as %1 (device %2)").arg(enrolled->name).arg(enrolled->deviceId)
        << Qt::endl;
    return 0;
}

Result<AgentConfig> AgentApp::loadConfig() const
{
    const bool given = !m_settings.configPath.isEmpty();
    return loadAgentConfig(given ? m_settings.configPath : defaultAgentConfigPath(m_state.path()),
                           given);
}

Result<void> AgentApp::tellServerReleased(const AgentState& state, const AgentConfig& config)
{
    ServerLink link(linkSettingsFor(state, m_settings.backoff, config));
    QEventLoop loop;
    bool told = false;
    connect(&link, &ServerLink::up, &loop, [&] { link.send(protocol::DeviceRelease{}); });
    connect(&link, &ServerLink::released, &loop, [&] {
        told = true;
        loop.quit();
    });
    QTimer::singleShot(ReleaseTimeout, &loop, &QEventLoop::quit);
    // Every server tried once without getting up: nobody to tell, no need to wait longer.
    const int servers = int(config.serverUrls(state.server).size());
    QTimer giveUp;
    connect(&giveUp, &QTimer::timeout, &loop, [&] {
        if (link.connectAttempts() > servers && link.state() == ServerLink::State::Waiting) {
            loop.quit();
        }
    });
    giveUp.start(50);
    link.start();
    loop.exec();
    link.stop();
    if (told) {
        return {};
    }
    return makeError(
        ErrorCode::Timeout,
        QStringLiteral("the server at %1 could not be told within %2 s: %3")
            .arg(link.currentUrl().authority())
            .arg(ReleaseTimeout.count())
            .arg(link.lastError() ? link.lastError()->message : QStringLiteral("no answer")));
}

int AgentApp::releaseCommand()
{
    auto config = loadConfig();
    if (!config) {
        return fail(ExitConfig, config.error().message);
    }
    if (auto state = m_state.load()) {
        if (auto told = tellServerReleased(*state, *config); told) {
            m_out << QStringLiteral("the server marked device %1 released").arg(state->deviceId)
                  << Qt::endl;
        } else {
            m_err << QStringLiteral("steward-agent: forgetting the enrolment locally only; ")
                  << told.error().message << Qt::endl;
        }
    }
    if (auto released = m_state.release(); !released) {
        return fail(ExitFailure, released.error().message);
    }
    m_out << QStringLiteral("released: %1 no longer holds an enrolment").arg(m_state.path())
          << Qt::endl;
    return 0;
}

int AgentApp::runCommand()
{
    auto config = loadConfig();
    if (!config) {
        return fail(ExitConfig, config.error().message);
    }
    m_config = std::move(*config);
    OnboardingSettings onboarding;
    onboarding.responder.address = m_settings.discoveryAddress;
    onboarding.responder.port = m_settings.discoveryPort;
    onboarding.acceptOffers = m_settings.acceptOffers;
    onboarding.autoRegister = m_settings.autoRegister;
    onboarding.server = m_settings.server;
    onboarding.fingerprint = m_settings.fingerprint;
    onboarding.retry = m_settings.backoff;
    m_onboarding = std::make_unique<Onboarding>(std::move(onboarding), m_state);
    std::optional<AgentState> state;
    if (m_state.isEnrolled()) {
        auto loaded = m_state.load();
        if (!loaded) {
            return fail(ExitConfig, loaded.error().message);
        }
        state = std::move(*loaded);
        m_onboarding->setEnrolled(*state);
    }
    if (auto listening = m_onboarding->start(); !listening) {
        // The channel matters more than being scannable: run on, say so loudly.
        qCWarning(lcAgentApp).noquote()
            << QStringLiteral("discovery responder disabled, scans and online checks will not "
                              "find this device: %1")
                   .arg(listening.error().message);
    }
    if (state) {
        startLink(*state);
        return -1;
    }
    if (!m_settings.acceptOffers && !m_settings.autoRegister) {
        qCWarning(lcAgentApp).noquote()
            << QStringLiteral("not enrolled: answering scans only; enrol with steward-agent "
                              "enroll, --accept-offers or --auto-register");
    }
    connect(m_onboarding.get(), &Onboarding::enrolled, this, &AgentApp::startLink);
    return -1;
}

void AgentApp::startLink(const AgentState& state)
{
    m_link = std::make_unique<ServerLink>(linkSettingsFor(state, m_settings.backoff, m_config));
    m_runner =
        std::make_unique<CommandRunner>(CommandHooks{m_config.rebootHook, m_config.shutdownHook,
                                                     m_config.renameHook, m_config.hookTimeout},
                                        state.deviceId, state.deviceCommunication);
    connect(m_link.get(), &ServerLink::commandReceived, m_runner.get(), &CommandRunner::run);
    connect(m_runner.get(), &CommandRunner::finished, this, &AgentApp::sendResult);
    connect(m_runner.get(), &CommandRunner::settingsRequested, m_link.get(),
            &ServerLink::reportInventory);
    connect(m_runner.get(), &CommandRunner::releaseVerified, this, &AgentApp::acknowledgeRelease);
    connect(m_link.get(), &ServerLink::up, this, [this] {
        for (const auto& result : std::exchange(m_unsent, {})) {
            sendResult(result);
        }
    });
    // Queued: released() comes from inside the socket's own signal, which must not destroy it.
    connect(
        m_link.get(), &ServerLink::released, this,
        [this] {
            if (m_releasing) {
                forgetAfterRelease();
                return;
            }
            // Only a release this agent verified and acknowledged makes it forget its binding.
            qCWarning(lcAgentApp).noquote()
                << QStringLiteral("the server closed the channel as released without a "
                                  "verified release; keeping the enrolment");
            m_link->start();
        },
        Qt::QueuedConnection);
    qCInfo(lcAgentApp).noquote() << QStringLiteral("steward-agent %1 running device=%2 server=%3")
                                        .arg(QLatin1String(ProductVersion))
                                        .arg(state.deviceId)
                                        .arg(m_link->currentUrl().authority());
    m_attributes = std::make_unique<AttributeCacheKeeper>(m_state, *m_link);
    startSettings(state);
    // Management goes on without shadowing (no display, port taken): say why, keep running.
    if (auto shadowing = startShadowing(state); !shadowing) {
        qCWarning(lcAgentApp).noquote()
            << QStringLiteral("shadowing unavailable: %1").arg(shadowing.error().message);
        m_runtime->detachShadowing();
        m_shadowProxy.reset();
        m_shadowAuthority.reset();
        m_vnc.reset();
        m_screen.reset();
    }
    watchRollover(state);
    watchTrust(state);
    m_link->start();
}

void AgentApp::watchRollover(const AgentState& state)
{
    // A rollover moves the pin: every verifier of signed instructions uses the new one at once.
    m_rollover =
        std::make_unique<CertificateRollover>(m_state, state.deviceId, state.deviceCommunication);
    m_rollover->attach(*m_link);
    connect(m_rollover.get(), &CertificateRollover::pinChanged, this,
            [this](const QSslCertificate& pinned) {
                m_runner->setPinned(pinned);
                m_settingsClient->setPinned(pinned);
                if (m_shadowProxy) {
                    if (auto signer = crypto::Certificate::fromQSslCertificate(pinned); signer) {
                        m_shadowProxy->setSigner(*signer);
                    }
                }
            });
}

void AgentApp::watchTrust(const AgentState& state)
{
    m_trust = std::make_unique<TrustUpdater>(m_state, state.deviceId, state.deviceCommunication,
                                             state.trustAnchors());
    m_trust->attach(*m_link);
    connect(m_rollover.get(), &CertificateRollover::pinChanged, m_trust.get(),
            &TrustUpdater::setPinned);
    connect(m_trust.get(), &TrustUpdater::trustChanged, this, [this] {
        auto reloaded = m_state.load();
        if (!reloaded) {
            qCWarning(lcAgentApp).noquote() << reloaded.error().message;
            return;
        }
        m_link->setTlsConfiguration(linkSettingsFor(*reloaded, m_settings.backoff, m_config).tls);
        m_tunnelTls = tls::clientConfiguration(reloaded->trustAnchors(), reloaded->client);
    });
}

void AgentApp::sendResult(const protocol::CommandResult& result)
{
    if (!m_link->send(result)) {
        m_unsent.push_back(result); // reported when the link is up again
    }
}

void AgentApp::acknowledgeRelease(qint64 commandId)
{
    m_releasing = true;
    qCInfo(lcAgentApp).noquote() << QStringLiteral("verified release command=%1").arg(commandId);
    sendResult({commandId, true, QStringLiteral("released: the device forgets its binding")});
    // The server confirms by closing the channel as "released"; forget anyway if it does not.
    QTimer::singleShot(ReleaseTimeout, this, [this] {
        if (m_link->state() != ServerLink::State::Idle) {
            qCWarning(lcAgentApp).noquote()
                << QStringLiteral("the server did not confirm the release; forgetting anyway");
            forgetAfterRelease();
        }
    });
}

void AgentApp::forgetAfterRelease()
{
    m_link->stop();
    if (auto released = m_state.release(); !released) {
        qCCritical(lcAgentApp).noquote() << released.error().message;
        Q_EMIT finished(ExitFailure);
        return;
    }
    qCInfo(lcAgentApp).noquote()
        << QStringLiteral("released: %1 no longer holds an enrolment").arg(m_state.path());
    Q_EMIT finished(0);
}

int AgentApp::attrCommand()
{
    auto state = m_state.load();
    if (!state) {
        return fail(ExitConfig, state.error().message);
    }
    return runAttributeCommand(
        m_settings.attrArguments,
        {m_state, linkSettingsFor(*state, m_settings.backoff), m_out, m_err});
}

int AgentApp::shadowCertCommand()
{
    auto state = m_state.load();
    if (!state) {
        return fail(ExitConfig, state.error().message);
    }
    auto identity = shadow::regenerateShadowIdentity(m_state.path(), state->deviceId);
    if (!identity) {
        return fail(ExitFailure, identity.error().message);
    }
    m_out << QStringLiteral("shadow certificate regenerated, SHA-256 %1; a running agent "
                            "presents and uploads it at once")
                 .arg(QString::fromLatin1(
                     identity->certificate.digest(QCryptographicHash::Sha256).toHex()))
          << Qt::endl;
    return 0;
}

Result<void> AgentApp::startShadowing(const AgentState& state)
{
    auto signer = crypto::Certificate::fromQSslCertificate(state.deviceCommunication);
    if (!signer) {
        return signer.error();
    }
    shadow::ShadowProxySettings proxy;
    proxy.bindAddress = m_settings.shadowBind;
    proxy.port = m_runtime->vnc().shadowPort;
    proxy.gate.deviceId = state.deviceId;
    proxy.gate.deviceName = state.name;
    proxy.gate.signer = *signer;
    proxy.gate.consentCommand = m_settings.shadowConsent;
    proxy.gate.promptProgram = m_settings.shadowPrompt;
    if (m_settings.vncSource == QLatin1String("external")) {
        proxy.gate.vncHost = m_settings.vncHost;
        proxy.gate.vncPort = quint16(m_settings.vncPort);
        proxy.gate.vncEnforcesViewOnly = false;
    } else {
        if (m_settings.vncSource == QLatin1String("synthetic")) {
            vnc::SyntheticPattern pattern;
            pattern.interval = std::chrono::milliseconds(500);
            m_screen = std::make_unique<vnc::SyntheticScreenSource>(pattern);
        } else {
            auto x11 = vnc::X11ScreenSource::open();
            if (!x11) {
                return makeError(x11.error().code,
                                 QStringLiteral("--vnc-source x11: %1").arg(x11.error().message));
            }
            m_screen = std::move(*x11);
        }
        vnc::VncServerOptions options;
        options.port = m_runtime->vnc().port;
        options.pollInterval = m_runtime->vnc().pollInterval;
        options.desktopName = m_runtime->vnc().desktopName;
        m_vnc = std::make_unique<vnc::VncServer>(*m_screen, options);
        if (auto started = m_vnc->start(); !started) {
            return started;
        }
        proxy.gate.vncHost = QStringLiteral("127.0.0.1");
        proxy.gate.vncPort = m_vnc->port();
        proxy.gate.prepareVnc = [this](bool viewOnly) { m_vnc->setViewOnly(viewOnly); };
    }
    // After the screen: an agent without a display should not spend seconds on an RSA-4096 key
    // (the event loop, and with it the discovery responder, waits while it is made).
    auto identity = shadow::loadOrCreateShadowIdentity(m_state.path(), state.deviceId);
    if (!identity) {
        return identity.error();
    }
    m_shadowAuthority = std::make_unique<shadow::LinkAuthority>(*m_link);
    m_shadowProxy = std::make_unique<shadow::ShadowProxy>(proxy, *identity, *m_shadowAuthority);
    if (auto listening = m_shadowProxy->start(); !listening) {
        return listening;
    }
    // The server's per-device policy, combined with the settings bundle's shadow.* values.
    m_runtime->attachShadowing(m_vnc.get(), m_shadowProxy.get());
    connect(m_shadowAuthority.get(), &shadow::LinkAuthority::policyChanged, m_runtime.get(),
            &settings::RuntimeControl::setServerPolicy);
    connect(m_runtime.get(), &settings::RuntimeControl::shadowPortChanged, this, [this] {
        m_shadowAuthority->setCertificate(m_shadowIdentityCertificate.toPem(),
                                          m_shadowProxy->port());
    });
    connect(m_shadowAuthority.get(), &shadow::LinkAuthority::endRequested, m_shadowProxy.get(),
            &shadow::ShadowProxy::endSession);
    m_shadowIndicators =
        std::make_unique<shadow::SessionIndicators>(*m_shadowProxy, m_settings.shadowPrompt);
    // The relay: the server asks for the device's side of a tunnel a console waits on.
    QUrl tunnelBase = state.server;
    tunnelBase.setScheme(QStringLiteral("wss"));
    m_tunnelTls = tls::clientConfiguration(state.trustAnchors(), state.client);
    connect(m_shadowAuthority.get(), &shadow::LinkAuthority::tunnelRequested, this,
            [this, tunnelBase](const QString& tunnel, const QString& service) {
                if (service != QLatin1String("shadow")) {
                    qCWarning(lcAgentApp).noquote()
                        << QStringLiteral("relay tunnel %1 ignored: no service \"%2\" here")
                               .arg(tunnel, service);
                    return;
                }
                QUrl url = tunnelBase;
                url.setPath(QStringLiteral("/tunnel/v1/%1/device").arg(tunnel));
                m_shadowProxy->dialTunnel(url, m_tunnelTls);
            });
    m_shadowAuthority->setCertificate(identity->certificate.toPem(), m_shadowProxy->port());
    // `steward-agent shadow-cert regenerate` rewrites the files: present and upload the new one.
    const QString certificatePath = m_state.filePath(QLatin1String(shadow::ShadowCertificateFile));
    m_shadowWatcher = std::make_unique<QFileSystemWatcher>(QStringList{m_state.path()});
    connect(m_shadowWatcher.get(), &QFileSystemWatcher::directoryChanged, this,
            [this, certificatePath] {
                auto reloaded = tls::loadIdentity(
                    certificatePath, m_state.filePath(QLatin1String(shadow::ShadowKeyFile)));
                if (!reloaded || reloaded->certificate == m_shadowIdentityCertificate) {
                    return;
                }
                m_shadowIdentityCertificate = reloaded->certificate;
                qCInfo(lcAgentApp).noquote() << "shadow certificate changed on disk; uploading it";
                m_shadowProxy->setIdentity(*reloaded);
                m_shadowAuthority->setCertificate(reloaded->certificate.toPem(),
                                                  m_shadowProxy->port());
            });
    m_shadowIdentityCertificate = identity->certificate;
    return {};
}

} // namespace steward::agent
