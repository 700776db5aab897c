// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// HttpApi - the one TLS listener: REST routes, WebSocket paths, limits, metrics and access log.
#pragma once

#include "common/core/Result.h"
#include "server/http/HandshakeAdmission.h"
#include "server/http/Router.h"

#include <QHostAddress>
#include <QObject>
#include <QSslConfiguration>

#include <chrono>

#include <map>
#include <memory>

class QSslSocket;
class QTcpSocket;
class QWebSocket;

namespace steward::server::http {

class HttpServerAdapter;

/** Requests answered per route pattern and status, for /metrics. */
struct RequestCounts {
    std::map<std::pair<QString, int>, quint64> byRouteAndStatus;
    double totalSeconds = 0;
};

/**
 * The only class that knows QtHttpServer (its API changed in Qt 6.8). Every request runs
 * through one pipeline: size limit (413) → route (404/405) → authentication (401) → handler,
 * then metrics and one access-log line. A WebSocket path is upgraded only when its
 * authenticator agrees; otherwise the client gets the refusal as plain HTTP.
 */
class HttpApi : public QObject {
    Q_OBJECT

public:
    using Authenticator = std::function<Result<Principal>(const HttpRequest&)>;
    using WebSocketHandler = std::function<void(std::unique_ptr<QWebSocket>)>;
    using WebSocketGate = std::function<Result<void>(const HttpRequest&)>;

    struct Limits {
        qint64 maxRequestBytes = 1024 * 1024;
        std::chrono::milliseconds handshakeTimeout{10000}; // TLS handshake must finish in this
        std::chrono::milliseconds idleTimeout{60000}; // an HTTP connection quiet this long closes
    };

    explicit HttpApi(Limits limits, QObject* parent = nullptr);
    ~HttpApi() override;

    [[nodiscard]] Router& router() { return m_router; }
    void setAuthenticator(Authenticator authenticator);
    /**
     * \a gate decides before the upgrade; \a handler takes the accepted socket. Every socket
     * handed out must be destroyed before this HttpApi: the listener parents the TLS socket
     * inside it (a Qt 6.4 quirk). A \a path ending in a slash and a star takes every path
     * below it (the handler reads the rest from QWebSocket::requestUrl()).
     */
    void addWebSocketPath(const QString& path, WebSocketGate gate, WebSocketHandler handler);
    /** Caps concurrent TLS handshakes of listeners opened after this call. */
    void setHandshakeLimits(HandshakeLimits limits) { m_handshakeLimits = limits; }

    /** Listens with TLS; returns the bound port (useful with port 0). */
    [[nodiscard]] Result<quint16> listen(const QHostAddress& address, quint16 port,
                                         const QSslConfiguration& tls);
    [[nodiscard]] bool isListening() const;
    /**
     * Replaces the TLS configuration of every listener: connections accepted from now on get
     * it (e.g. a newly assigned web certificate); open ones keep what they negotiated.
     */
    void setTlsConfiguration(const QSslConfiguration& tls);
    [[nodiscard]] quint16 port() const { return m_port; }

    [[nodiscard]] const RequestCounts& requestCounts() const { return m_counts; }
    [[nodiscard]] quint64 openConnections() const;
    /** The handshake admission control of every listener, summed. */
    [[nodiscard]] HandshakeCounts handshakeCounts() const;

    /**
     * Runs the whole pipeline for one request and hands the response to \a respond, at once
     * or (asynchronous routes) later from the event loop.
     */
    void dispatch(HttpRequest request, Responder respond);
    /** dispatch() for a route that answers at once; tests use it without sockets. */
    [[nodiscard]] HttpResponse handle(HttpRequest& request);
    /** For an upgrade request on a WebSocket path: empty when it may proceed. */
    [[nodiscard]] std::optional<HttpResponse> admitWebSocket(const HttpRequest& request) const;
    [[nodiscard]] bool isWebSocketPath(const QString& path) const;
    void takeWebSocket(std::unique_ptr<QWebSocket> socket);
    /** The TLS client certificate of an upgraded socket; null when none was presented. */
    [[nodiscard]] QSslCertificate peerCertificate(const QWebSocket& socket) const;
    /** The TLS socket under an upgraded socket (the listener owns it); null if gone. */
    [[nodiscard]] QSslSocket* transportOf(const QWebSocket& socket) const;
    /** An upgraded socket lives by its own keepalive, not by the HTTP idle timeout. */
    static void stopIdleWatch(QTcpSocket* socket);

private:
    void record(const QString& route, const HttpRequest& request, int status, qint64 elapsedNs);
    [[nodiscard]] std::optional<HttpResponse> admit(HttpRequest& request, const RouteMatch& match);

    struct SocketPath {
        WebSocketGate gate;
        WebSocketHandler handler;
    };

    void watchIdle(QSslSocket* socket);
    [[nodiscard]] const SocketPath* findSocketPath(const QString& path) const;

    Limits m_limits;
    HandshakeLimits m_handshakeLimits;
    Router m_router;
    Authenticator m_authenticator;
    std::map<QString, SocketPath> m_socketPaths;
    std::unique_ptr<HttpServerAdapter> m_adapter;
    RequestCounts m_counts;
    quint16 m_port = 0;
};

} // namespace steward::server::http
