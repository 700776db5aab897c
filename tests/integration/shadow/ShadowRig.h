// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowRig - a real server, an enrolled in-process agent (link, TLS proxy, VNC server) and
// helpers for the console's side.
#pragma once

#include "agent/shadow/LinkAuthority.h"
#include "agent/shadow/SessionIndicators.h"
#include "agent/shadow/ShadowProxy.h"
#include "agent/vnc/SyntheticScreenSource.h"
#include "agent/vnc/VncServer.h"
#include "console/shadow/ShadowApi.h"
#include "console/shadow/ShadowTunnel.h"
#include "console/vnc/VncClient.h"
#include "tests/integration/devices/DeviceTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSslCertificate>
#include <QTemporaryDir>

#include <memory>

namespace steward::test {

/** Copies one shadow key and certificate (RSA-4096 is slow to make) into \a stateDir. */
void installShadowIdentity(const QString& stateDir);

struct RigOptions {
    QString consentCommand;
    quint16 externalPort = 0; // set: the agent targets 127.0.0.1:port, no VncServer
    agent::vnc::ScreenSource* screen = nullptr; // set: served instead of the synthetic source
    std::function<void(server::ServerSettings&)> adjustServer; // e.g. a short relay wait
    QString promptProgram; // set: the consent dialog and session indicators of this program
};

[[nodiscard]] inline RigOptions withConsent(const QString& command)
{
    RigOptions options;
    options.consentCommand = command;
    return options;
}

class ShadowRig {
public:
    explicit ShadowRig(const RigOptions& options = {});
    explicit ShadowRig(const QString& consentCommand) : ShadowRig(withConsent(consentCommand)) {}
    ~ShadowRig();

    DeviceTestServer server;
    QTemporaryDir stateDir;
    agent::AgentState state;
    agent::vnc::SyntheticScreenSource source;
    std::unique_ptr<agent::vnc::VncServer> vnc;
    std::unique_ptr<agent::ServerLink> link;
    std::unique_ptr<agent::shadow::LinkAuthority> authority;
    std::unique_ptr<agent::shadow::ShadowProxy> proxy;
    std::unique_ptr<agent::shadow::SessionIndicators> indicators; // with RigOptions::promptProgram
    std::unique_ptr<console::shadow::ShadowApi> api;
    /** The most viewers the VNC server ever had at once: 0 means no byte reached it. */
    int maxVncClients = 0;

    [[nodiscard]] qint64 deviceId() const { return state.deviceId; }
    /** POST /api/v1/devices/{id}/shadow as alice; REQUIREs 201. */
    [[nodiscard]] QJsonObject requestShadow(const QString& path = QStringLiteral("direct"));
    [[nodiscard]] console::shadow::ShadowOffer offer(const QJsonObject& json);
    /** PUT the policy and wait until the agent's proxy has it. */
    void setPolicy(const shadow::ShadowPolicy& policy);
    /** Audit entries of \a action and \a outcome whose details contain \a text. */
    [[nodiscard]] int auditCount(const QString& action, const QString& outcome,
                                 const QString& text = {});
    /** Tunnel options whose relay dialer opens the console's side as alice. */
    [[nodiscard]] console::shadow::TunnelOptions relayOptions();
    /** The agent's answer to tunnel.open: dial the device's side (true by default). */
    bool answerTunnels = true;
    /** Signs \a payload with the server's device-communication key. */
    [[nodiscard]] QByteArray sign(const shadow::TicketPayload& payload);
};

/**
 * Starts the real steward-agent (run, synthetic screen, ports chosen by the OS, loopback) for an
 * enrolled \a stateDir with a shadow identity, and waits until the server holds its shadow
 * certificate (the agent is then ready to be shadowed).
 */
void startSyntheticAgent(QProcess& agent, DeviceTestServer& server, const QString& stateDir,
                         const QString& bindAddress = QStringLiteral("127.0.0.1"));

/** A self-signed certificate no agent presents (EC P-256, "impostor"). */
[[nodiscard]] QSslCertificate impostorCertificate();

/** Runs a tunnel until it listens or fails. */
bool runTunnel(console::shadow::ShadowTunnel& tunnel);

/** Whether \a client shows the synthetic source's moving square where it is at \a tick. */
[[nodiscard]] bool showsSquareAt(const console::vnc::VncClient& client,
                                 const agent::vnc::SyntheticScreenSource& source, int tick);
/** Connects \a client to the tunnel's local port and waits until it is connected. */
void connectViewer(console::vnc::VncClient& client, console::shadow::ShadowTunnel& tunnel);

} // namespace steward::test
