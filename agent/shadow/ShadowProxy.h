// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowProxy - the agent's TLS listener for secure shadowing (port 5900 by default).
#pragma once

#include "agent/shadow/ShadowGate.h"
#include "common/shadow/ShadowPolicy.h"
#include "common/tls/TlsFiles.h"

#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QUrl>

#include <memory>
#include <vector>

class QSslSocket;
class QWebSocket;

namespace steward::net {
class WebSocketStream;
}

namespace steward::tls {
class NativeContext;
}

namespace steward::agent::shadow {

struct ShadowProxySettings {
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = 5900;    // 0: any free port, see ShadowProxy::port()
    int maxConnections = 8; // streams being checked or pumped at once; more are closed
    std::chrono::milliseconds handshakeTimeout{10000}; // TLS, or the relay tunnel's WebSocket
    GateSettings gate;
};

/**
 * Accepts TLS 1.3 with the shadow certificate (no client certificate asked for: the ticket is
 * the credential) in OpenSSL (tls::TlsStream, never blocking this thread), runs a ShadowGate on
 * each encrypted stream, and after admission hands the TLS session and the VNC socket to a
 * tls::TlsPipe, whose own thread moves the bytes until either side ends; then reports the end
 * (bytes, duration) to the authority. Either leg closing closes both.
 *
 * The relay path feeds the same handling: dialTunnel() opens the device's side of a relay
 * tunnel (wss://SERVER/tunnel/v1/{id}/device, mutual TLS) and runs the gate on its stream,
 * accepting only tickets issued for the relay path; its bytes go through a BytePump.
 */
class ShadowProxy : public QTcpServer {
    Q_OBJECT

public:
    ShadowProxy(ShadowProxySettings settings, tls::TlsIdentity identity, ShadowAuthority& authority,
                QObject* parent = nullptr);
    ~ShadowProxy() override;

    [[nodiscard]] Result<void> start();
    [[nodiscard]] quint16 port() const { return serverPort(); }
    /**
     * Listens on \a port instead (sessions already admitted go on); on failure the listener
     * on the previous port is kept and the error says why.
     */
    [[nodiscard]] Result<void> moveTo(quint16 port);
    /** The VNC server that sessions admitted from now on connect to. */
    void setVncPort(quint16 port) { m_settings.gate.vncPort = port; }

    /** Applies to connections accepted from now on. */
    void setPolicy(const steward::shadow::ShadowPolicy& policy) { m_policy = policy; }
    [[nodiscard]] const steward::shadow::ShadowPolicy& policy() const { return m_policy; }
    /** The certificate presented from now on (after shadow-cert regenerate). */
    void setIdentity(tls::TlsIdentity identity);
    /** The device-communication certificate that verifies tickets from now on (rollover). */
    void setSigner(crypto::Certificate signer) { m_settings.gate.signer = std::move(signer); }

    [[nodiscard]] int activeConnections() const { return int(m_connections.size()); }
    /**
     * Ends the claimed session \a session now, both legs (the server's shadow.end, the local
     * user's End): reported to the authority with \a reason. False when no stream carries it.
     */
    bool endSession(const QString& session, const QString& reason);
    /** The administrator of the admitted session \a session; empty when there is none. */
    [[nodiscard]] QString sessionAdmin(const QString& session) const;

    /** Opens the device's side of a relay tunnel and admits its stream like a TLS one. */
    void dialTunnel(const QUrl& url, const QSslConfiguration& tls);
    /** Admits a connected tunnel stream (the relay path). */
    void acceptTunnel(std::unique_ptr<net::WebSocketStream> stream);

Q_SIGNALS:
    void sessionStarted(const QString& session);
    void sessionEnded(const QString& session);
    void connectionRefused(steward::shadow::ShadowStatus status);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Connection;
    void release(Connection* connection);
    [[nodiscard]] bool hasRoom(const QString& peer) const;
    Connection* track(const QString& peer);
    void watchRelay(Connection& connection);
    void ended(Connection& connection, const QString& reason);
    void startGate(Connection& connection, const GateSettings& settings);
    void admit(Connection& connection, QTcpSocket* vnc);
    void finish(Connection& connection, const QString& reason);

    ShadowProxySettings m_settings;
    tls::TlsIdentity m_identity;
    std::shared_ptr<tls::NativeContext> m_context; // made from m_identity on first use
    ShadowAuthority& m_authority;
    steward::shadow::ShadowPolicy m_policy;
    std::vector<std::unique_ptr<Connection>> m_connections;
};

} // namespace steward::agent::shadow
