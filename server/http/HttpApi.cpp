// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/HttpApi.h"

#include "server/app/Logging.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QSslServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

namespace steward::server::http {
namespace {

std::optional<HttpMethod> methodFrom(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return HttpMethod::Get;
    case QHttpServerRequest::Method::Post:
        return HttpMethod::Post;
    case QHttpServerRequest::Method::Put:
        return HttpMethod::Put;
    case QHttpServerRequest::Method::Patch:
        return HttpMethod::Patch;
    case QHttpServerRequest::Method::Delete:
        return HttpMethod::Delete;
    default:
        return std::nullopt;
    }
}

HttpRequest convert(const QHttpServerRequest& request)
{
    HttpRequest converted;
    converted.method = methodFrom(request.method()).value_or(HttpMethod::Get);
    converted.path = request.url().path();
    converted.query = request.query();
    for (const auto& [key, value] : request.headers()) {
        converted.headers.emplace_back(key, value);
    }
    converted.body = request.body();
    converted.peer = request.remoteAddress();
    return converted;
}

bool isUpgrade(const HttpRequest& request)
{
    return request.header("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
}

} // namespace

// Bridges QAbstractHttpServer's virtuals to HttpApi. A refused upgrade answers through
// missingHandler, so the client never sees a stray status before a WebSocket handshake.
class HttpServerAdapter : public QAbstractHttpServer {
public:
    explicit HttpServerAdapter(HttpApi& api) : m_api(api)
    {
        connect(this, &QAbstractHttpServer::newWebSocketConnection, this, [this] {
            while (hasPendingWebSocketConnections()) {
                m_api.takeWebSocket(nextPendingWebSocketConnection());
            }
        });
    }

    std::map<const QTcpSocket*, HttpResponse> refusals;

protected:
    bool handleRequest(const QHttpServerRequest& request, QTcpSocket* socket) override
    {
        HttpRequest converted = convert(request);
        if (isUpgrade(converted) && m_api.isWebSocketPath(converted.path)) {
            if (auto refusal = m_api.admitWebSocket(converted)) {
                refusals.insert_or_assign(socket, std::move(*refusal));
                return false;
            }
            HttpApi::stopIdleWatch(socket);
            return true; // nothing written: QAbstractHttpServer completes the upgrade
        }
        if (!methodFrom(request.method())) {
            write(request, socket,
                  HttpResponse::error(405, ErrorCode::InvalidArgument,
                                      QStringLiteral("method not supported")));
            return true;
        }
        write(request, socket, m_api.handle(converted));
        return true;
    }

    void missingHandler(const QHttpServerRequest& request, QTcpSocket* socket) override
    {
        const auto it = refusals.find(socket);
        if (it != refusals.end()) {
            write(request, socket, it->second);
            refusals.erase(it);
            return;
        }
        write(request, socket,
              HttpResponse::error(404, ErrorCode::NotFound, QStringLiteral("no such path")));
    }

private:
    void write(const QHttpServerRequest& request, QTcpSocket* socket, const HttpResponse& response)
    {
        // HeaderList is an initializer_list in Qt 6.4, so headers are written one by one.
        auto responder = makeResponder(request, socket);
        responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
        if (!response.contentType.isEmpty()) {
            responder.writeHeader("Content-Type", response.contentType);
        }
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
        responder.writeHeader("Cache-Control", "no-store");
        for (const auto& [key, value] : response.headers) {
            responder.writeHeader(key, value);
        }
        responder.writeBody(response.body);
    }

    HttpApi& m_api;
};

HttpApi::HttpApi(Limits limits, QObject* parent)
    : QObject(parent), m_limits(limits), m_adapter(std::make_unique<HttpServerAdapter>(*this))
{}

HttpApi::~HttpApi() = default;

void HttpApi::setAuthenticator(Authenticator authenticator)
{
    m_authenticator = std::move(authenticator);
}

void HttpApi::addWebSocketPath(const QString& path, WebSocketGate gate, WebSocketHandler handler)
{
    m_socketPaths.insert_or_assign(path, SocketPath{std::move(gate), std::move(handler)});
}

Result<quint16> HttpApi::listen(const QHostAddress& address, quint16 port,
                                const QSslConfiguration& tls)
{
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(tls);
    // A peer that never finishes its handshake, or goes quiet, costs nothing lasting.
    server->setHandshakeTimeout(int(m_limits.handshakeTimeout.count()));
    connect(server.get(), &QSslServer::startedEncryptionHandshake, this, &HttpApi::watchIdle);
    if (!server->listen(address, port)) {
        return makeError(ErrorCode::ConnectionFailed, QStringLiteral("cannot listen on %1:%2: %3")
                                                          .arg(address.toString())
                                                          .arg(port)
                                                          .arg(server->errorString()));
    }
    m_port = server->serverPort();
    m_adapter->bind(server.release()); // the adapter becomes its parent
    qCInfo(lcServerHttp).noquote()
        << QStringLiteral("listening address=%1 port=%2").arg(address.toString()).arg(m_port);
    return m_port;
}

bool HttpApi::isListening() const
{
    const auto servers = m_adapter->servers();
    return std::any_of(servers.begin(), servers.end(),
                       [](const QTcpServer* server) { return server->isListening(); });
}

quint64 HttpApi::openConnections() const
{
    quint64 count = 0;
    for (const QTcpServer* server : m_adapter->servers()) {
        count += quint64(server->findChildren<QTcpSocket*>().size());
    }
    return count;
}

void HttpApi::watchIdle(QSslSocket* socket)
{
    auto* timer = new QTimer(socket);
    timer->setObjectName(QStringLiteral("steward-idle"));
    timer->setSingleShot(true);
    timer->setInterval(m_limits.handshakeTimeout + m_limits.idleTimeout);
    connect(timer, &QTimer::timeout, socket, [socket] {
        qCInfo(lcServerHttp).noquote() << QStringLiteral("idle connection closed peer=%1")
                                              .arg(socket->peerAddress().toString());
        socket->abort();
    });
    const auto restart = [timer, this] { timer->start(m_limits.idleTimeout); };
    connect(socket, &QIODevice::readyRead, timer, restart);
    connect(socket, &QIODevice::bytesWritten, timer, restart);
    timer->start();
}

void HttpApi::stopIdleWatch(QTcpSocket* socket)
{
    delete socket->findChild<QTimer*>(QStringLiteral("steward-idle"), Qt::FindDirectChildrenOnly);
}

bool HttpApi::isWebSocketPath(const QString& path) const
{
    return m_socketPaths.contains(path);
}

std::optional<HttpResponse> HttpApi::admitWebSocket(const HttpRequest& request) const
{
    const auto it = m_socketPaths.find(request.path);
    if (it == m_socketPaths.end()) {
        return HttpResponse::error(404, ErrorCode::NotFound, QStringLiteral("no such path"));
    }
    if (it->second.gate) {
        if (auto admitted = it->second.gate(request); !admitted) {
            return HttpResponse::error(admitted.error());
        }
    }
    return std::nullopt;
}

void HttpApi::takeWebSocket(std::unique_ptr<QWebSocket> socket)
{
    const auto it = m_socketPaths.find(socket->requestUrl().path());
    if (it == m_socketPaths.end() || !it->second.handler) {
        socket->close();
        return;
    }
    it->second.handler(std::move(socket));
}

HttpResponse HttpApi::handle(HttpRequest& request)
{
    QElapsedTimer timer;
    timer.start();
    QString routeName = QStringLiteral("unmatched");
    const auto finish = [&](HttpResponse response) {
        record(routeName, request, response.status, timer.nsecsElapsed());
        return response;
    };
    if (request.body.size() > m_limits.maxRequestBytes) {
        return finish(
            HttpResponse::error(413, ErrorCode::FrameTooLarge,
                                QStringLiteral("the request body has %1 bytes; the limit is %2")
                                    .arg(request.body.size())
                                    .arg(m_limits.maxRequestBytes)));
    }
    const auto matched = m_router.match(request.method, request.path);
    if (const auto* miss = std::get_if<RouteMiss>(&matched)) {
        return finish(*miss == RouteMiss::NotFound
                          ? HttpResponse::error(404, ErrorCode::NotFound,
                                                QStringLiteral("no such path: ") + request.path)
                          : HttpResponse::error(405, ErrorCode::InvalidArgument,
                                                methodName(request.method)
                                                    + QStringLiteral(" is not allowed on ")
                                                    + request.path));
    }
    const auto& match = std::get<RouteMatch>(matched);
    routeName = match.route->spec.pattern;
    request.params = match.params;
    if (match.route->spec.authenticated) {
        auto principal = m_authenticator
                             ? m_authenticator(request)
                             : Result<Principal>(makeError(ErrorCode::Unauthenticated,
                                                           QStringLiteral("no authenticator")));
        if (!principal) {
            // 401 for a missing or bad token; a database outage stays a 503.
            auto response = HttpResponse::error(principal.error());
            if (response.status == 401) {
                response.headers.emplace_back("WWW-Authenticate", "Bearer");
            }
            return finish(response);
        }
        request.principal = *principal;
    }
    return finish(match.route->handler(request));
}

void HttpApi::record(const QString& route, const HttpRequest& request, int status, qint64 elapsedNs)
{
    ++m_counts.byRouteAndStatus[{route, status}];
    m_counts.totalSeconds += double(elapsedNs) / 1e9;
    qCInfo(lcServerHttp).noquote()
        << QStringLiteral("request method=%1 path=%2 status=%3 ms=%4 "
                          "peer=%5 user=%6")
               .arg(methodName(request.method), request.path)
               .arg(status)
               .arg(double(elapsedNs) / 1e6, 0, 'f', 2)
               .arg(request.peerText(),
                    request.principal ? request.principal->name : QStringLiteral("-"));
}

} // namespace steward::server::http
