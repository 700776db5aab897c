// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleGateway - the console event socket: hello, then every change event, live.
#pragma once

#include "server/http/HttpTypes.h"

#include <QJsonObject>
#include <QObject>

#include <memory>
#include <vector>

class QWebSocket;

namespace steward::server::services {
class EventHub;
}

namespace steward::server::gateway {

/**
 * Each console opens a WebSocket on /api/v1/events with its bearer token (checked before the
 * upgrade) and sends hello; the gateway answers hello.ack, or error incompatible_version and
 * closes. From then on every EventHub event reaches the console as an object.event message.
 * A malformed frame closes that console's socket only.
 */
class ConsoleGateway : public QObject {
    Q_OBJECT

public:
    ConsoleGateway(services::EventHub& events, QString programVersion, QObject* parent = nullptr);
    ~ConsoleGateway() override;

    void addConsole(std::unique_ptr<QWebSocket> socket, const http::Principal& principal);
    [[nodiscard]] quint64 connectionCount() const { return quint64(m_consoles.size()); }

private:
    struct Console;
    void handleFrame(Console& console, const QString& text);
    void broadcast(const QJsonObject& event);
    void drop(QWebSocket* socket);

    QString m_programVersion;
    std::vector<std::unique_ptr<Console>> m_consoles;
    std::vector<std::unique_ptr<Console>> m_closed; // disconnected, destroyed on the next turn
};

} // namespace steward::server::gateway
