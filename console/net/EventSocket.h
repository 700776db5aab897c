// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// EventSocket - the console's live feed: wss://…/api/v1/events, hello, then object.event.
#pragma once

#include "common/core/Error.h"
#include "common/protocol/Events.h"
#include "common/protocol/Hello.h"

#include <QObject>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

#include <chrono>
#include <optional>

namespace steward::console::net {

/**
 * Opens the event socket with the session's bearer token, pinned to the server certificate
 * like ApiClient, greets with `hello` and checks the `hello.ack`. A lost connection is retried
 * with a growing delay (0.5 s … 15 s); a refused version, certificate or session is final.
 */
class EventSocket : public QObject {
    Q_OBJECT

public:
    enum class State { Idle, Connecting, Live, Reconnecting, Failed };
    Q_ENUM(State)

    explicit EventSocket(QObject* parent = nullptr);
    ~EventSocket() override;

    void open(const QUrl& server, const QSslCertificate& pinned, const QByteArray& token);
    void close();
    [[nodiscard]] State state() const { return m_state; }
    /** The server's hello.ack, once Live. */
    [[nodiscard]] const std::optional<protocol::HelloAck>& server() const { return m_ack; }
    [[nodiscard]] const std::optional<Error>& failure() const { return m_failure; }
    /** The protocol version announced in hello (tests announce another one). */
    void setProtocolVersion(int version) { m_protocolVersion = version; }

Q_SIGNALS:
    void stateChanged(steward::console::net::EventSocket::State state);
    void greeted(const steward::protocol::HelloAck& ack);
    void objectEvent(const steward::protocol::ObjectEvent& event);
    /** Final: no retry follows (version, certificate or session refused). */
    void failed(const steward::Error& error);

private:
    void connectNow();
    void handleText(const QString& text);
    void handleDisconnected();
    void fail(Error error);
    void setState(State state);

    QWebSocket m_socket;
    QTimer m_retry;
    QUrl m_server;
    QSslCertificate m_pinned;
    QByteArray m_token;
    State m_state = State::Idle;
    std::optional<protocol::HelloAck> m_ack;
    std::optional<Error> m_failure;
    std::chrono::milliseconds m_delay{500};
    qint64 m_nextId = 1;
    int m_protocolVersion;
};

} // namespace steward::console::net
