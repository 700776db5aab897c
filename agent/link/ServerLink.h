// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ServerLink - the agent's one persistent mutual-TLS WebSocket to the server's device channel.
#pragma once

#include "agent/link/Backoff.h"
#include "common/core/Error.h"
#include "common/protocol/Decoder.h"
#include "common/protocol/Envelope.h"
#include "common/protocol/Message.h"

#include <QObject>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QWebSocket;

namespace steward::agent {

struct LinkSettings {
    QUrl url;              // wss://HOST:PORT/device/v1/ws
    QSslConfiguration tls; // trusts the server's root only; presents the client certificate
    BackoffPolicy backoff;
    QString programVersion;
    QList<QUrl> alternates; // tried after url, in order, one per attempt, then url again
    std::chrono::milliseconds heartbeat{60000};
    std::chrono::milliseconds heartbeatJitter{30000};
    /** What the device is; by default collectInventory(programVersion). */
    std::function<protocol::DeviceInventory()> inventory;
};

/**
 * Connects, sends hello and waits for hello.ack; then the link is up and the device's
 * inventory goes out. Any close or failure schedules a reconnect after Backoff::next(), to the
 * next server of the list; reaching "up" resets the back-off. Pings from the server are
 * answered by Qt. Every heartbeat (plus jitter) the inventory is collected again and reported
 * when it changed, and the server is pinged: one that answered nothing since the previous
 * heartbeat is taken as gone and the link reconnects. command.run arrives as
 * commandReceived(). A close by the server with the reason "released" ends the link
 * (released()); otherwise it never gives up by itself: stop() ends it.
 */
class ServerLink : public QObject {
    Q_OBJECT

public:
    enum class State { Idle, Connecting, Greeting, Up, Waiting };

    explicit ServerLink(LinkSettings settings, QObject* parent = nullptr);
    ~ServerLink() override;

    void start();
    void stop();
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] int connectAttempts() const { return m_attempts; }
    /**
     * Sends \a message when the link is up and returns its id; nullopt when it is down (the
     * message is dropped: callers decide whether to retry).
     */
    std::optional<protocol::MessageId> send(const protocol::Message& message,
                                            std::optional<protocol::MessageId> re = std::nullopt);
    /**
     * The TLS session ticket the server sent on the last connection (in memory only). Every
     * reconnect offers it, so a server or TLS proxy that can resume does; steward-server with
     * Qt 6.4 cannot and falls back to a full handshake (docs/devices.md, "Reconnect storms").
     */
    [[nodiscard]] const QByteArray& sessionTicket() const { return m_sessionTicket; }
    /** Whether the latest connection attempt offered a session ticket. */
    [[nodiscard]] bool offeredSessionTicket() const { return m_offeredTicket; }
    /** Why the last connection ended or failed. */
    [[nodiscard]] const std::optional<Error>& lastError() const { return m_lastError; }
    /** The URL of the current or last connection attempt. */
    [[nodiscard]] QUrl currentUrl() const;
    /** The heartbeat from now on; a running one is rescheduled with it. */
    void setHeartbeat(std::chrono::milliseconds interval);
    [[nodiscard]] std::chrono::milliseconds heartbeat() const { return m_settings.heartbeat; }
    /** Collects the inventory and reports it, changed or not. */
    void reportInventory();
    /**
     * The TLS of the next connection (renewed roots or client certificate, CA rollover); the
     * connection that is up keeps what it negotiated. The session ticket is dropped: a resumed
     * session would carry the old client certificate.
     */
    void setTlsConfiguration(const QSslConfiguration& tls)
    {
        m_settings.tls = tls;
        m_sessionTicket.clear();
    }

Q_SIGNALS:
    void up();
    void down(const steward::Error& reason);
    void commandReceived(const steward::protocol::CommandRun& command);
    void released();
    /** A valid message the link does not handle itself (after hello.ack). */
    void received(const steward::protocol::IncomingMessage& message);

private:
    void open();
    void handleConnected();
    void handleText(const QString& text);
    void handleClosed();
    void keepSessionTicket();
    void fail(Error error);
    void beat();
    void scheduleHeartbeat();

    LinkSettings m_settings;
    Backoff m_backoff;
    std::unique_ptr<QWebSocket> m_socket;
    QTimer m_retry;
    QTimer m_heartbeat;
    bool m_heard = true; // any frame or pong since the last heartbeat's ping
    std::optional<protocol::DeviceInventory> m_reported;
    State m_state = State::Idle;
    int m_attempts = 0;
    qsizetype m_serverIndex = 0; // 0: url, then the alternates
    protocol::MessageId m_nextId = 1;
    std::optional<Error> m_lastError;
    QByteArray m_sessionTicket;
    bool m_offeredTicket = false;
};

} // namespace steward::agent
