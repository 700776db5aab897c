// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ServerLink - the agent's one persistent mutual-TLS WebSocket to the server's device channel.
#pragma once

#include "agent/link/Backoff.h"
#include "common/core/Error.h"
#include "common/protocol/Decoder.h"
#include "common/protocol/Envelope.h"

#include <QObject>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

class QWebSocket;

namespace steward::agent {

struct LinkSettings {
    QUrl url;              // wss://HOST:PORT/device/v1/ws
    QSslConfiguration tls; // trusts the server's root only; presents the client certificate
    BackoffPolicy backoff;
    QString programVersion;
};

/**
 * Connects, sends hello and waits for hello.ack; then the link is up and the device's
 * inventory goes out. Any close or failure
 * schedules a reconnect after Backoff::next(); reaching "up" resets the back-off. Pings from
 * the server are answered by Qt. The link never gives up by itself: stop() ends it.
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
    /** Why the last connection ended or failed. */
    [[nodiscard]] const std::optional<Error>& lastError() const { return m_lastError; }

Q_SIGNALS:
    void up();
    void down(const steward::Error& reason);
    /** A valid message the link does not handle itself (after hello.ack). */
    void received(const steward::protocol::IncomingMessage& message);

private:
    void open();
    void handleConnected();
    void handleText(const QString& text);
    void handleClosed();
    void fail(Error error);

    LinkSettings m_settings;
    Backoff m_backoff;
    std::unique_ptr<QWebSocket> m_socket;
    QTimer m_retry;
    State m_state = State::Idle;
    int m_attempts = 0;
    protocol::MessageId m_nextId = 1;
    std::optional<Error> m_lastError;
};

} // namespace steward::agent
