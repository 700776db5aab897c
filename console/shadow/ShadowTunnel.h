// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowTunnel - the console's end of a secure shadow session: pinned TLS, preamble, one viewer.
#pragma once

#include "common/core/Error.h"
#include "common/core/Result.h"
#include "common/shadow/ShadowWire.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QSslCertificate>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QSslSocket;
class QTcpServer;
class QTcpSocket;
class QAbstractSocket;
class QWebSocket;

namespace steward::net {
class BytePump;
}

namespace steward::tls {
class NativeContext;
class TlsPipe;
class TlsStream;
} // namespace steward::tls

namespace steward::console::shadow {

/** The parts of the server's 201 answer the tunnel needs (docs/protocol/shadow.md). */
struct ShadowOffer {
    QString session;
    QByteArray ticket;
    qint64 expires = 0;
    qint64 deviceId = 0;
    QString deviceName;
    QString address;
    quint16 port = 0;
    QString path;
    QSslCertificate certificate; // the device's shadow certificate: the only one accepted
    bool viewOnly = false;
};

/** Reads the answer of POST /api/v1/devices/{id}/shadow; MalformedMessage names the problem. */
[[nodiscard]] Result<ShadowOffer> shadowOfferFromJson(const QJsonObject& json);

/**
 * Opens (connectToHost has been called) the console's side of the relay tunnel of a session:
 * wss://SERVER/tunnel/v1/{session} with the administrator's bearer token (ShadowApi::openTunnel).
 */
using RelayDialer = std::function<std::unique_ptr<QWebSocket>(const QString& session)>;

struct TunnelOptions {
    std::chrono::milliseconds connectTimeout{10000}; // TCP + TLS to the agent, or the relay
    std::chrono::milliseconds replyTimeout{60000};   // the agent may be asking its user
    std::chrono::milliseconds viewerTimeout{60000};  // for the viewer to connect locally
    RelayDialer relay;                               // needed for an offer whose path is "relay"
};

/**
 * States: Idle → Connecting (TCP+TLS, pinned) → Admitting (preamble sent, waiting for the
 * reply) → Listening (127.0.0.1:port, waiting for one viewer) → Streaming → Finished; or Failed
 * from any of them. The ticket is written only after PeerPinning verified the agent's
 * certificate; the local port opens only after the agent's OK. Either leg closing closes both.
 *
 * The direct path runs in OpenSSL (tls::TlsStream for the handshake, preamble and reply on this
 * thread without blocking it; a tls::TlsPipe thread for the viewer's bytes).
 *
 * For an offer on the relay path, Connecting opens the relay tunnel through the server
 * instead (TunnelOptions::relay; the server's certificate is checked, the agent's pin is not
 * needed: the ticket is useless to anyone but the agent); everything after is the same bytes.
 */
class ShadowTunnel : public QObject {
    Q_OBJECT

public:
    enum class State { Idle, Connecting, Admitting, Listening, Streaming, Finished, Failed };
    Q_ENUM(State)

    explicit ShadowTunnel(ShadowOffer offer, TunnelOptions options = {}, QObject* parent = nullptr);
    ~ShadowTunnel() override;

    void start();
    /** Closes both legs; Finished unless already finished or failed. */
    void stop();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] quint16 localPort() const;
    /** Set in Failed: a sentence for the administrator. */
    [[nodiscard]] const std::optional<Error>& failure() const { return m_failure; }
    /** The agent's refusal status, when it refused. */
    [[nodiscard]] const std::optional<steward::shadow::ShadowStatus>& refusal() const
    {
        return m_refusal;
    }
    [[nodiscard]] quint64 bytesToViewer() const;
    [[nodiscard]] quint64 bytesFromViewer() const;
    /** Whether any byte of the ticket was written (false after a pin mismatch). */
    [[nodiscard]] bool ticketSent() const { return m_ticketSent; }

Q_SIGNALS:
    void stateChanged(steward::console::shadow::ShadowTunnel::State state);
    /** Both legs are up to the agent: a viewer may connect to 127.0.0.1:port now. */
    void listening(quint16 port);
    void failed(const steward::Error& error);
    void finished();

private:
    void setState(State state);
    void fail(Error error);
    void connectDirect();
    void connectRelay();
    void sendPreamble();
    void readReply();
    void acceptViewer();
    void startPipe();
    void agentClosed();
    void handshakeFailed(const Error& error);
    void closeLegs();
    [[nodiscard]] QIODevice* agentStream() const;

    ShadowOffer m_offer;
    TunnelOptions m_options;
    State m_state = State::Idle;
    std::shared_ptr<tls::NativeContext> m_context; // the direct path: pinned to the offer
    std::unique_ptr<QTcpSocket> m_connecting;      // the direct path's TCP connect
    std::unique_ptr<tls::TlsStream> m_native;      // the direct path until a viewer connects
    std::unique_ptr<tls::TlsPipe> m_pipe;          // the direct path's bytes
    std::unique_ptr<QAbstractSocket> m_agent;      // the relay path: a WebSocketStream
    std::unique_ptr<QWebSocket> m_relay;           // the relay tunnel until it is connected
    std::unique_ptr<QTcpServer> m_listener;
    std::unique_ptr<QTcpSocket> m_viewer;
    std::unique_ptr<steward::net::BytePump> m_pump;
    QByteArray m_reply;
    QTimer m_timer;
    std::optional<Error> m_failure;
    std::optional<steward::shadow::ShadowStatus> m_refusal;
    bool m_ticketSent = false;
};

} // namespace steward::console::shadow
