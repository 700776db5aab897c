// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/shadow/ShadowRig.h"

#include "agent/shadow/ShadowIdentity.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/PrivateKey.h"
#include "common/tls/TlsConfig.h"
#include "server/services/ServerIdentity.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace steward::test {

void installShadowIdentity(const QString& stateDir)
{
    static QTemporaryDir made;
    static bool ready = false;
    if (!ready) {
        REQUIRE(agent::shadow::regenerateShadowIdentity(made.path(), 1).ok());
        ready = true;
    }
    for (const char* name : {agent::shadow::ShadowKeyFile, agent::shadow::ShadowCertificateFile}) {
        const QString target = QDir(stateDir).filePath(QLatin1String(name));
        QFile::remove(target);
        REQUIRE(QFile::copy(made.filePath(QLatin1String(name)), target));
    }
}

void startSyntheticAgent(QProcess& agent, DeviceTestServer& server, const QString& stateDir,
                         const QString& bindAddress)
{
    agent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    agent.start(QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent"),
                {QStringLiteral("--state-dir"), stateDir, QStringLiteral("run"),
                 QStringLiteral("--vnc-source"), QStringLiteral("synthetic"),
                 QStringLiteral("--vnc-port"), QStringLiteral("0"), QStringLiteral("--shadow-port"),
                 QStringLiteral("0"), QStringLiteral("--shadow-bind"), bindAddress,
                 QStringLiteral("--shadow-prompt"), QStringLiteral("none")});
    REQUIRE(agent.waitForStarted());
    // The agent is ready once the server holds its shadow certificate.
    REQUIRE(waitUntil(
        [&] {
            return !server.audit(QStringLiteral("shadow.certificate"), QStringLiteral("success"))
                        .isEmpty();
        },
        std::chrono::seconds(30)));
}

QSslCertificate impostorCertificate()
{
    auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(key.ok());
    crypto::CertificateOptions options;
    options.commonName = QStringLiteral("impostor");
    auto made = crypto::createSelfSignedCertificate(*key, options);
    REQUIRE(made.ok());
    return made->toQSslCertificate();
}

ShadowRig::ShadowRig(const RigOptions& options) : server(options.adjustServer)
{
    auto enrolled = enrollAgent(server, stateDir.path(), server.createToken());
    REQUIRE(enrolled.ok());
    state = *enrolled;
    installShadowIdentity(stateDir.path());
    auto identity = agent::shadow::loadOrCreateShadowIdentity(stateDir.path(), state.deviceId);
    REQUIRE(identity.ok());

    if (options.externalPort == 0) {
        agent::vnc::VncServerOptions vncOptions;
        vncOptions.port = 0;
        vnc = std::make_unique<agent::vnc::VncServer>(
            options.screen != nullptr ? *options.screen : source, vncOptions);
        REQUIRE(vnc->start().ok());
        QObject::connect(vnc.get(), &agent::vnc::VncServer::clientCountChanged,
                         [this](int count) { maxVncClients = std::max(maxVncClients, count); });
    }

    link = linkFor(state);
    authority = std::make_unique<agent::shadow::LinkAuthority>(*link);
    agent::shadow::ShadowProxySettings settings;
    settings.bindAddress = QHostAddress::LocalHost;
    settings.port = 0;
    settings.gate.deviceId = state.deviceId;
    settings.gate.deviceName = state.name;
    auto signer = crypto::Certificate::fromQSslCertificate(state.deviceCommunication);
    REQUIRE(signer.ok());
    settings.gate.signer = *signer;
    settings.gate.consentCommand = options.consentCommand;
    settings.gate.promptProgram = options.promptProgram;
    if (vnc) {
        settings.gate.vncPort = vnc->port();
        settings.gate.prepareVnc = [this](bool viewOnly) { vnc->setViewOnly(viewOnly); };
    } else {
        settings.gate.vncPort = options.externalPort;
        settings.gate.vncEnforcesViewOnly = false;
    }
    proxy = std::make_unique<agent::shadow::ShadowProxy>(settings, *identity, *authority);
    REQUIRE(proxy->start().ok());
    if (!options.promptProgram.isEmpty()) {
        indicators =
            std::make_unique<agent::shadow::SessionIndicators>(*proxy, options.promptProgram);
    }
    QObject::connect(authority.get(), &agent::shadow::LinkAuthority::policyChanged, proxy.get(),
                     &agent::shadow::ShadowProxy::setPolicy);
    QObject::connect(authority.get(), &agent::shadow::LinkAuthority::endRequested, proxy.get(),
                     &agent::shadow::ShadowProxy::endSession);
    authority->setCertificate(identity->certificate.toPem(), proxy->port());
    QObject::connect(authority.get(), &agent::shadow::LinkAuthority::tunnelRequested, proxy.get(),
                     [this](const QString& tunnel, const QString&) {
                         if (!answerTunnels) {
                             return;
                         }
                         QUrl url = server.url();
                         url.setScheme(QStringLiteral("wss"));
                         url.setPath(QStringLiteral("/tunnel/v1/%1/device").arg(tunnel));
                         proxy->dialTunnel(
                             url, tls::clientConfiguration({state.serverCa}, state.client));
                     });
    link->start();
    REQUIRE(waitUntil([this] {
        return auditCount(QStringLiteral("shadow.certificate"), QStringLiteral("success")) == 1;
    }));
}

console::shadow::TunnelOptions ShadowRig::relayOptions()
{
    if (!api) {
        api = std::make_unique<console::shadow::ShadowApi>(server.url(), server.webFingerprint());
        api->setToken(server.bearerToken());
    }
    console::shadow::TunnelOptions options;
    options.relay = [this](const QString& session) { return api->openTunnel(session); };
    return options;
}

ShadowRig::~ShadowRig()
{
    indicators.reset();
    proxy.reset();
    authority.reset();
    if (link) {
        link->stop();
    }
}

QJsonObject ShadowRig::requestShadow(const QString& path)
{
    const auto reply =
        server.admin().post(QStringLiteral("/api/v1/devices/%1/shadow").arg(state.deviceId),
                            QJsonObject{{QStringLiteral("path"), path}});
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 201);
    return reply.json();
}

console::shadow::ShadowOffer ShadowRig::offer(const QJsonObject& json)
{
    auto parsed = console::shadow::shadowOfferFromJson(json);
    REQUIRE(parsed.ok());
    return *parsed;
}

void ShadowRig::setPolicy(const shadow::ShadowPolicy& policy)
{
    const auto reply = server.admin().send(
        "PUT", QStringLiteral("/api/v1/devices/%1/shadow-policy").arg(state.deviceId),
        QJsonDocument(shadow::toJson(policy)).toJson(QJsonDocument::Compact));
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 200);
    REQUIRE(waitUntil([&] { return proxy->policy() == policy; }));
}

int ShadowRig::auditCount(const QString& action, const QString& outcome, const QString& text)
{
    int count = 0;
    for (const auto& entry : server.audit(action, outcome)) {
        if (text.isEmpty()
            || entry.toObject().value(QStringLiteral("details")).toString().contains(text)) {
            ++count;
        }
    }
    return count;
}

QByteArray ShadowRig::sign(const shadow::TicketPayload& payload)
{
    auto ticket = shadow::signTicket(payload, server.app().identity().deviceCommunicationKey());
    REQUIRE(ticket.ok());
    return *ticket;
}

bool runTunnel(console::shadow::ShadowTunnel& tunnel)
{
    using State = console::shadow::ShadowTunnel::State;
    tunnel.start();
    return waitUntil(
        [&] { return tunnel.state() == State::Listening || tunnel.state() == State::Failed; },
        std::chrono::seconds(20));
}

bool showsSquareAt(const console::vnc::VncClient& client,
                   const agent::vnc::SyntheticScreenSource& source, int tick)
{
    const QPoint centre = source.squareAt(tick).center();
    return client.framebuffer().pixel(centre) == source.pixelAt(centre, tick);
}

void connectViewer(console::vnc::VncClient& client, console::shadow::ShadowTunnel& tunnel)
{
    using console::vnc::VncClient;
    client.connectToHost(QStringLiteral("127.0.0.1"), tunnel.localPort());
    REQUIRE(waitUntil([&] { return client.state() == VncClient::State::Connected; }));
}

} // namespace steward::test
