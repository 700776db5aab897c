// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/HttpApi.h"

#include "server/app/Logging.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QPointer>
#include <QSslServer>
#include <QSslSocket>
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

// Bytes a request may carry beyond its body: request line and headers.
constexpr qint64 MaxHeaderBytes = 64 * 1024;
const char* const ReceivedProperty = "stewardReceivedBytes";

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
        if (const auto* tls = qobject_cast<const QSslSocket*>(socket)) {
            converted.peerCertificate = tls->peerCertificate();
        }
        if (isUpgrade(converted) && m_api.isWebSocketPath(converted.path)) {
            if (auto refusal = m_api.admitWebSocket(converted)) {
                refusals.insert_or_assign(socket, std::move(*refusal));
                return false;
            }
            HttpApi::stopIdleWatch(socket);
            return true; // nothing written: QAbstractHttpServer completes the upgrade
        }
        const bool close =
            converted.header("Connection").compare("close", Qt::CaseInsensitive) == 0;
        if (!methodFrom(request.method())) {
            write(socket,
                  HttpResponse::error(405, ErrorCode::InvalidArgument,
                                      QStringLiteral("method not supported")),
                  close);
            return true;
        }
        // An asynchronous route answers later; the socket may be gone by then.
        QPointer<QTcpSocket> guard(socket);
        m_api.dispatch(std::move(converted), [guard, close](HttpResponse response) {
            if (guard) {
                write(guard, response, close);
            }
        });
        return true;
    }

    void missingHandler(const QHttpServerRequest&, QTcpSocket* socket) override
    {
        const auto it = refusals.find(socket);
        if (it != refusals.end()) {
            write(socket, it->second, true);
            refusals.erase(it);
            return;
        }
        write(socket, HttpResponse::error(404, ErrorCode::NotFound, QStringLiteral("no such path")),
              false);
    }

private:
    // Written by hand rather than with QHttpServerResponder, which must not outlive the
    // request it was made for; asynchronous routes answer after that.
    static void write(QTcpSocket* socket, const HttpResponse& response, bool close)
    {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' '
                          + reasonPhrase(response.status) + "\r\n";
        if (!response.contentType.isEmpty()) {
            head += "Content-Type: " + response.contentType + "\r\n";
        }
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        head += "Cache-Control: no-store\r\n";
        for (const auto& [key, value] : response.headers) {
            head += key + ": " + value + "\r\n";
        }
        if (close) {
            head += "Connection: close\r\n";
        }
        socket->setProperty(ReceivedProperty, 0); // the next request starts its own count
        socket->write(head + "\r\n" + response.body);
        if (close) {
            socket->disconnectFromHost();
        }
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
    auto server =
        std::make_unique<AdmittingSslServer>(m_handshakeLimits, m_limits.handshakeTimeout);
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

void HttpApi::setTlsConfiguration(const QSslConfiguration& tls)
{
    for (QTcpServer* server : m_adapter->servers()) {
        if (auto* ssl = qobject_cast<QSslServer*>(server)) {
            ssl->setSslConfiguration(tls);
        }
    }
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

HandshakeCounts HttpApi::handshakeCounts() const
{
    HandshakeCounts total;
    for (const QTcpServer* server : m_adapter->servers()) {
        if (const auto* admitting = qobject_cast<const AdmittingSslServer*>(server)) {
            const HandshakeCounts counts = admitting->counts();
            total.inProgress += counts.inProgress;
            total.queued += counts.queued;
            total.refused += counts.refused;
            total.started += counts.started;
            total.peakInProgress = std::max(total.peakInProgress, counts.peakInProgress);
        }
    }
    return total;
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
    // QtHttpServer buffers a whole body before a handler sees it, so the size limit is also
    // enforced here, as bytes arrive: this slot runs before the server's, while the bytes are
    // still unread. The count restarts with every response (see HttpServerAdapter::write).
    connect(socket, &QIODevice::readyRead, timer, [this, socket] {
        const qint64 received =
            socket->property(ReceivedProperty).toLongLong() + socket->bytesAvailable();
        socket->setProperty(ReceivedProperty, received);
        if (received > m_limits.maxRequestBytes + MaxHeaderBytes) {
            qCWarning(lcServerHttp).noquote()
                << QStringLiteral("oversized request cut off peer=%1 bytes=%2")
                       .arg(socket->peerAddress().toString())
                       .arg(received);
            socket->write("HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\n"
                          "Connection: close\r\n\r\n");
            socket->flush();
            socket->abort();
        }
    });
    timer->start();
}

void HttpApi::stopIdleWatch(QTcpSocket* socket)
{
    delete socket->findChild<QTimer*>(QStringLiteral("steward-idle"), Qt::FindDirectChildrenOnly);
}

const HttpApi::SocketPath* HttpApi::findSocketPath(const QString& path) const
{
    if (const auto it = m_socketPaths.find(path); it != m_socketPaths.end()) {
        return &it->second;
    }
    // "PREFIX/*": any path below PREFIX/ without "..", e.g. /tunnel/v1/{session}/device.
    for (const auto& [pattern, entry] : m_socketPaths) {
        if (pattern.endsWith(QLatin1String("/*"))
            && path.startsWith(QStringView(pattern).chopped(1)) && path.size() > pattern.size() - 1
            && !path.contains(QLatin1String(".."))) {
            return &entry;
        }
    }
    return nullptr;
}

bool HttpApi::isWebSocketPath(const QString& path) const
{
    return findSocketPath(path) != nullptr;
}

std::optional<HttpResponse> HttpApi::admitWebSocket(const HttpRequest& request) const
{
    const SocketPath* entry = findSocketPath(request.path);
    if (!entry) {
        return HttpResponse::error(404, ErrorCode::NotFound, QStringLiteral("no such path"));
    }
    if (entry->gate) {
        if (auto admitted = entry->gate(request); !admitted) {
            return HttpResponse::error(admitted.error());
        }
    }
    return std::nullopt;
}

QSslCertificate HttpApi::peerCertificate(const QWebSocket& socket) const
{
    const QSslCertificate fromSocket = socket.sslConfiguration().peerCertificate();
    if (!fromSocket.isNull()) {
        return fromSocket;
    }
    const QSslSocket* tls = transportOf(socket);
    return tls ? tls->peerCertificate() : QSslCertificate();
}

QSslSocket* HttpApi::transportOf(const QWebSocket& socket) const
{
    // Qt 6.4 does not copy the TLS state into an upgraded QWebSocket: find the TLS socket
    // underneath by its two endpoints; the listener owns it.
    for (const QTcpServer* server : m_adapter->servers()) {
        for (QSslSocket* tls : server->findChildren<QSslSocket*>()) {
            if (tls->peerPort() == socket.peerPort() && tls->localPort() == socket.localPort()
                && tls->peerAddress() == socket.peerAddress()) {
                return tls;
            }
        }
    }
    return nullptr;
}

void HttpApi::takeWebSocket(std::unique_ptr<QWebSocket> socket)
{
    const SocketPath* entry = findSocketPath(socket->requestUrl().path());
    if (!entry || !entry->handler) {
        socket->close();
        return;
    }
    entry->handler(std::move(socket));
}

void HttpApi::dispatch(HttpRequest request, Responder respond)
{
    QElapsedTimer timer;
    timer.start();
    const auto finish = [this, timer](const QString& route, const HttpRequest& answered,
                                      const Responder& respond, HttpResponse response) {
        record(route, answered, response.status, timer.nsecsElapsed());
        respond(std::move(response));
    };
    if (request.body.size() > m_limits.maxRequestBytes) {
        finish(QStringLiteral("unmatched"), request, respond,
               HttpResponse::error(413, ErrorCode::FrameTooLarge,
                                   QStringLiteral("the request body has %1 bytes; the limit is %2")
                                       .arg(request.body.size())
                                       .arg(m_limits.maxRequestBytes)));
        return;
    }
    const auto matched = m_router.match(request.method, request.path);
    if (const auto* miss = std::get_if<RouteMiss>(&matched)) {
        finish(QStringLiteral("unmatched"), request, respond,
               *miss == RouteMiss::NotFound
                   ? HttpResponse::error(404, ErrorCode::NotFound,
                                         QStringLiteral("no such path: ") + request.path)
                   : HttpResponse::error(405, ErrorCode::InvalidArgument,
                                         methodName(request.method)
                                             + QStringLiteral(" is not allowed on ")
                                             + request.path));
        return;
    }
    const auto& match = std::get<RouteMatch>(matched);
    const Route& route = *match.route;
    if (auto refusal = admit(request, match)) {
        finish(route.spec.pattern, request, respond, std::move(*refusal));
        return;
    }
    if (route.handler) {
        finish(route.spec.pattern, request, respond, route.handler(request));
        return;
    }
    route.asyncHandler(
        request, [finish, pattern = route.spec.pattern, request, respond](HttpResponse response) {
            finish(pattern, request, respond, std::move(response));
        });
}

std::optional<HttpResponse> HttpApi::admit(HttpRequest& request, const RouteMatch& match)
{
    request.params = match.params;
    if (!match.route->spec.authenticated) {
        return std::nullopt;
    }
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
        return response;
    }
    request.principal = *principal;
    return std::nullopt;
}

HttpResponse HttpApi::handle(HttpRequest& request)
{
    std::optional<HttpResponse> answer;
    dispatch(request, [&answer](HttpResponse response) { answer = std::move(response); });
    if (!answer) {
        return HttpResponse::error(500, ErrorCode::Internal,
                                   QStringLiteral("this route answers asynchronously"));
    }
    const auto matched = m_router.match(request.method, request.path);
    if (const auto* match = std::get_if<RouteMatch>(&matched)) {
        request.params = match->params;
    }
    return std::move(*answer);
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
