// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleGateway - the console event socket: hello, then every change event, live.
#pragma once

#include "server/http/HttpTypes.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>

#include <memory>
#include <vector>

class QWebSocket;

namespace steward::server::services {
class AccessService;
class EventHub;
} // namespace steward::server::services

namespace steward::server::gateway {

/**
 * Each console opens a WebSocket on /api/v1/events with its bearer token (checked before the
 * upgrade) and sends hello; the gateway answers hello.ack, or error incompatible_version and
 * closes. From then on every EventHub event reaches the console as an object.event message.
 * A malformed frame closes that console's socket only.
 *
 * With access control set, a console receives only events about objects its administrator may
 * browse. Each console keeps its view (the tree nodes it may browse); when its rights change, or
 * a node moves out of sight, it gets "deleted" for what it can no longer see and "created" for
 * what it now can.
 */
class ConsoleGateway : public QObject {
    Q_OBJECT

public:
    /** Tells whether a console's session (by its bearer token) is still valid. */
    using SessionCheck = std::function<bool(const QByteArray& token)>;

    /**
     * Every \a recheckInterval each console's session is checked again; a console whose
     * session ended (logout, expiry, password reset) is disconnected.
     */
    ConsoleGateway(services::EventHub& events, QString programVersion, SessionCheck sessionCheck,
                   std::chrono::milliseconds recheckInterval, QObject* parent = nullptr);
    ~ConsoleGateway() override;

    /** The current state of an object for a "created" event, empty when it is gone. */
    using ObjectLookup = std::function<QJsonObject(const QString& kind, qint64 id)>;
    /** Filters events through \a access from now on; without it every console gets every event. */
    void setAccess(services::AccessService* access, ObjectLookup lookup = {});

    void addConsole(std::unique_ptr<QWebSocket> socket, const http::Principal& principal,
                    const QByteArray& token);
    [[nodiscard]] quint64 connectionCount() const { return quint64(m_consoles.size()); }

private:
    struct Console;
    void handleFrame(Console& console, const QString& text);
    void broadcast(const QJsonObject& event);
    void drop(QWebSocket* socket);
    void recheckSessions();
    [[nodiscard]] bool deliver(Console& console, const QJsonObject& event);
    void send(Console& console, const QJsonObject& event);
    void loadView(Console& console);
    void refreshViews(const QList<qint64>& admins);

    QString m_programVersion;
    SessionCheck m_sessionCheck;
    QPointer<services::AccessService> m_access;
    ObjectLookup m_lookup;
    QTimer m_recheck;
    std::vector<std::unique_ptr<Console>> m_consoles;
    std::vector<std::unique_ptr<Console>> m_closed; // disconnected, destroyed on the next turn
};

} // namespace steward::server::gateway
