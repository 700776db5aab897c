// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/shadow/ShadowProxy.h"

#include "agent/shadow/Logging.h"
#include "common/net/BytePump.h"
#include "common/net/WebSocketStream.h"
#include "common/tls/NativeTls.h"
#include "common/tls/TlsPipe.h"
#include "common/tls/TlsStream.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWebSocket>

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace steward::agent::shadow {

struct ShadowProxy::Connection {
    std::unique_ptr<tls::TlsStream> tls;     // the direct path, until admitted
    std::unique_ptr<QAbstractSocket> stream; // the relay path: a WebSocketStream
    std::unique_ptr<ShadowGate> gate;
    std::unique_ptr<tls::TlsPipe> pipe;  // the direct path's bytes, after admission
    std::unique_ptr<QTcpSocket> vnc;     // the relay path's VNC socket
    std::unique_ptr<net::BytePump> pump; // the relay path's bytes
    QString peer;
    QElapsedTimer started;
    QTimer handshake;
    bool finished = false;

    [[nodiscard]] QIODevice* io() const
    {
        return tls ? static_cast<QIODevice*>(tls.get()) : stream.get();
    }
    [[nodiscard]] bool pumping() const { return pipe || pump; }
};

ShadowProxy::ShadowProxy(ShadowProxySettings settings, tls::TlsIdentity identity,
                         ShadowAuthority& authority, QObject* parent)
    : QTcpServer(parent), m_settings(std::move(settings)), m_identity(std::move(identity)),
      m_authority(authority)
{}

ShadowProxy::~ShadowProxy()
{
    for (auto& connection : m_connections) {
        connection->finished = true;
        if (connection->pump) {
            connection->pump->disconnect(this);
        }
        if (connection->pipe) {
            connection->pipe->disconnect(this);
        }
        if (connection->gate) {
            connection->gate->disconnect(this);
        }
        if (connection->io()) {
            connection->io()->disconnect(this);
        }
    }
}

void ShadowProxy::setIdentity(tls::TlsIdentity identity)
{
    m_identity = std::move(identity);
    m_context.reset();
}

Result<void> ShadowProxy::start()
{
    if (!listen(m_settings.bindAddress, m_settings.port)) {
        return makeError(ErrorCode::ConnectionFailed,
                         QStringLiteral("the shadow proxy cannot listen on %1:%2: %3")
                             .arg(m_settings.bindAddress.toString())
                             .arg(m_settings.port)
                             .arg(errorString()));
    }
    qCInfo(lcAgentShadow).noquote() << QStringLiteral("shadow proxy listening address=%1 port=%2")
                                           .arg(m_settings.bindAddress.toString())
                                           .arg(serverPort());
    return {};
}

Result<void> ShadowProxy::moveTo(quint16 port)
{
    const quint16 previous = serverPort();
    if (port == previous) {
        return {};
    }
    close();
    m_settings.port = port;
    if (auto listening = start(); !listening) {
        m_settings.port = previous;
        (void)start();
        return listening;
    }
    return {};
}

void ShadowProxy::incomingConnection(qintptr descriptor)
{
    if (!m_context) {
        auto context = tls::NativeContext::server(m_identity);
        if (!context) {
            qCWarning(lcAgentShadow).noquote()
                << QStringLiteral("shadow connection dropped reason=%1")
                       .arg(context.error().message);
            ::close(int(descriptor));
            return;
        }
        m_context = *context;
    }
    auto stream = std::make_unique<tls::TlsStream>(int(descriptor), m_context);
    const QString peer = stream->peerAddress().toString();
    if (!hasRoom(peer)) {
        return; // the stream closes the descriptor
    }
    Connection* entry = track(peer);
    entry->tls = std::move(stream);
    tls::TlsStream* tls = entry->tls.get();
    connect(&entry->handshake, &QTimer::timeout, this, [this, entry] {
        finish(*entry, QStringLiteral("no TLS handshake within %1 ms")
                           .arg(m_settings.handshakeTimeout.count()));
    });
    connect(tls, &tls::TlsStream::encrypted, this, [this, entry] {
        entry->handshake.stop();
        startGate(*entry, m_settings.gate);
    });
    connect(tls, &tls::TlsStream::handshakeFailed, this,
            [this, entry](const Error& error) { finish(*entry, error.message); });
    connect(tls, &tls::TlsStream::disconnected, this, [this, entry] {
        if (!entry->pumping()) {
            ended(*entry, QStringLiteral("the console closed the stream"));
        }
    });
    entry->handshake.start(m_settings.handshakeTimeout);
    tls->startHandshake();
}

bool ShadowProxy::hasRoom(const QString& peer) const
{
    if (int(m_connections.size()) < m_settings.maxConnections) {
        return true;
    }
    qCWarning(lcAgentShadow).noquote()
        << QStringLiteral("shadow connection dropped peer=%1 reason=too many connections")
               .arg(peer);
    return false;
}

ShadowProxy::Connection* ShadowProxy::track(const QString& peer)
{
    auto connection = std::make_unique<Connection>();
    Connection* entry = connection.get();
    entry->peer = peer;
    entry->handshake.setSingleShot(true);
    entry->started.start();
    m_connections.push_back(std::move(connection));
    return entry;
}

void ShadowProxy::watchRelay(Connection& connection)
{
    Connection* entry = &connection;
    QAbstractSocket* socket = entry->stream.get();
    connect(socket, &QAbstractSocket::disconnected, this, [this, entry] {
        if (!entry->pumping()) {
            ended(*entry, QStringLiteral("the console closed the stream"));
        }
    });
    connect(socket, &QAbstractSocket::errorOccurred, this,
            [this, entry](QAbstractSocket::SocketError) {
                if (!entry->pumping()) {
                    ended(*entry, entry->stream->errorString());
                }
            });
}

void ShadowProxy::ended(Connection& connection, const QString& reason)
{
    if (connection.gate) {
        connection.gate->abandon(reason);
    }
    finish(connection, reason);
}

void ShadowProxy::startGate(Connection& connection, const GateSettings& settings)
{
    Connection* entry = &connection;
    entry->gate =
        std::make_unique<ShadowGate>(*entry->io(), entry->peer, settings, m_policy, m_authority);
    connect(entry->gate.get(), &ShadowGate::admitted, this,
            [this, entry](QTcpSocket* vnc) { admit(*entry, vnc); });
    connect(entry->gate.get(), &ShadowGate::refused, this,
            [this, entry](steward::shadow::ShadowStatus status, const QString& reason) {
                Q_EMIT connectionRefused(status);
                finish(*entry, reason);
            });
    entry->gate->start();
}

void ShadowProxy::dialTunnel(const QUrl& url, const QSslConfiguration& tls)
{
    auto* socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    socket->setSslConfiguration(tls);
    auto* timer = new QTimer(socket);
    timer->setSingleShot(true);
    const QString where = url.toString(QUrl::RemoveUserInfo);
    connect(timer, &QTimer::timeout, socket, [socket, where] {
        qCWarning(lcAgentShadow).noquote()
            << QStringLiteral("relay tunnel not opened url=%1 reason=no answer").arg(where);
        socket->abort();
        socket->deleteLater();
    });
    connect(socket, &QWebSocket::connected, this, [this, socket, timer] {
        timer->stop();
        socket->disconnect(this);
        socket->setParent(nullptr);
        QAbstractSocket* transport = net::transportOf(*socket);
        acceptTunnel(
            std::make_unique<net::WebSocketStream>(std::unique_ptr<QWebSocket>(socket), transport));
    });
    connect(socket, &QWebSocket::disconnected, this, [socket, where] {
        qCWarning(lcAgentShadow).noquote()
            << QStringLiteral("relay tunnel not opened url=%1 reason=%2")
                   .arg(where, socket->closeReason().isEmpty() ? socket->errorString()
                                                               : socket->closeReason());
        socket->deleteLater();
    });
    timer->start(m_settings.handshakeTimeout);
    socket->open(url);
}

void ShadowProxy::acceptTunnel(std::unique_ptr<net::WebSocketStream> stream)
{
    const QString peer = QStringLiteral("relay:%1").arg(stream->peerAddress().toString());
    if (!hasRoom(peer)) {
        stream->abort();
        net::WebSocketStream::releaseWhenClosed(stream.release(), this);
        return;
    }
    Connection* entry = track(peer);
    entry->stream = std::move(stream);
    watchRelay(*entry);
    GateSettings settings = m_settings.gate;
    settings.path = QStringLiteral("relay");
    startGate(*entry, settings);
}

void ShadowProxy::admit(Connection& connection, QTcpSocket* vnc)
{
    Connection* entry = &connection;
    const QString session = connection.gate->ticket()->payload.session;
    connection.started.restart();
    if (!connection.tls) {
        connection.vnc.reset(vnc);
        vnc->setParent(nullptr);
        connection.pump = std::make_unique<net::BytePump>(*connection.stream, *connection.vnc);
        connect(connection.pump.get(), &net::BytePump::finished, this,
                [this, entry](net::BytePump::FinishReason reason) {
                    finish(*entry, QVariant::fromValue(reason).toString());
                });
        Q_EMIT sessionStarted(session);
        connection.pump->start();
        return;
    }
    // The direct path: the TLS session and the VNC socket go to a pipe thread. The VNC socket's
    // descriptor is duplicated for it; Qt's socket, inside its own signal now, goes later.
    vnc->setParent(nullptr);
    const int plain = tls::takeDescriptor(vnc->socketDescriptor());
    tls::TlsSession tls = connection.tls->detach();
    tls.unsent += vnc->readAll(); // what the VNC server said already goes after the reply
    vnc->abort();
    vnc->deleteLater();
    if (plain < 0) {
        finish(connection, QStringLiteral("cannot hand the VNC connection to the pipe: %1")
                               .arg(QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    connection.pipe = std::make_unique<tls::TlsPipe>(std::move(tls), plain, QByteArray());
    connect(connection.pipe.get(), &tls::TlsPipe::finished, this,
            [this, entry](const QString& reason) { finish(*entry, reason); });
    Q_EMIT sessionStarted(session);
    connection.pipe->start();
}

bool ShadowProxy::endSession(const QString& session, const QString& reason)
{
    for (const auto& connection : m_connections) {
        Connection& entry = *connection;
        if (entry.finished || !entry.gate || !entry.gate->isClaimed()
            || entry.gate->ticket()->payload.session != session) {
            continue;
        }
        qCInfo(lcAgentShadow).noquote()
            << QStringLiteral("shadow session ended on request session=%1 reason=%2")
                   .arg(session, reason);
        if (!entry.pumping()) {
            entry.gate->abandon(reason); // still asking the user: stop asking
        }
        finish(entry, reason);
        return true;
    }
    return false;
}

QString ShadowProxy::sessionAdmin(const QString& session) const
{
    for (const auto& connection : m_connections) {
        if (connection->gate && connection->gate->ticket()
            && connection->gate->ticket()->payload.session == session) {
            return connection->gate->ticket()->payload.admin;
        }
    }
    return {};
}

void ShadowProxy::finish(Connection& connection, const QString& reason)
{
    if (connection.finished) {
        return;
    }
    connection.finished = true;
    connection.handshake.stop();
    const bool claimed = connection.gate && connection.gate->isClaimed();
    if (claimed) {
        protocol::ShadowEnded report;
        report.session = connection.gate->ticket()->payload.session;
        if (connection.pipe) {
            connection.pipe->stop(); // joins: the counts are final
            report.bytesToViewer = qint64(connection.pipe->bytesToTls());
            report.bytesFromViewer = qint64(connection.pipe->bytesFromTls());
            report.durationMs = connection.started.elapsed();
        } else if (connection.pump) {
            report.bytesToViewer =
                qint64(connection.pump->bytesTransferred(net::BytePump::Direction::SecondToFirst));
            report.bytesFromViewer =
                qint64(connection.pump->bytesTransferred(net::BytePump::Direction::FirstToSecond));
            report.durationMs = connection.started.elapsed();
        }
        report.reason = reason.left(255);
        qCInfo(lcAgentShadow).noquote()
            << QStringLiteral("shadow session ended session=%1 to_viewer=%2 from_viewer=%3 "
                              "duration_ms=%4 reason=%5")
                   .arg(report.session)
                   .arg(report.bytesToViewer)
                   .arg(report.bytesFromViewer)
                   .arg(report.durationMs)
                   .arg(reason);
        m_authority.ended(report);
        if (connection.pumping()) {
            Q_EMIT sessionEnded(report.session);
        }
    }
    // Close both legs now; destroy on the next turn (we may be inside one of their signals).
    if (connection.pipe) {
        connection.pipe->stop();
    }
    if (connection.tls) {
        connection.tls->close(); // flushes a refusal, then close_notify
    }
    if (connection.stream && connection.stream->state() != QAbstractSocket::UnconnectedState) {
        connection.stream->disconnectFromHost();
    }
    if (connection.vnc && connection.vnc->state() != QAbstractSocket::UnconnectedState) {
        connection.vnc->disconnectFromHost();
    }
    Connection* entry = &connection;
    QTimer::singleShot(0, this, [this, entry] { release(entry); });
}

void ShadowProxy::release(Connection* connection)
{
    const auto it =
        std::find_if(m_connections.begin(), m_connections.end(),
                     [connection](const auto& item) { return item.get() == connection; });
    if (it == m_connections.end()) {
        return;
    }
    auto owned = std::move(*it);
    m_connections.erase(it);
    if (owned->pump) {
        owned->pump->disconnect(this);
    }
    if (owned->gate) {
        owned->gate->disconnect(this);
    }
    if (owned->io()) {
        owned->io()->disconnect(this);
    }
    owned->pipe.reset(); // stopped and joined in finish()
    if (owned->vnc) {
        owned->vnc->disconnect(this);
    }
    // Qt may still deliver queued signals to these objects: delete them later, pump first.
    if (owned->pump) {
        owned->pump.release()->deleteLater();
    }
    if (owned->gate) {
        owned->gate.release()->deleteLater();
    }
    if (owned->vnc) {
        owned->vnc.release()->deleteLater();
    }
    if (owned->tls) {
        owned->tls.release()->deleteLater();
    }
    if (auto* tunnel = qobject_cast<net::WebSocketStream*>(owned->stream.get())) {
        owned->stream.release();
        net::WebSocketStream::releaseWhenClosed(tunnel, this); // lets the reply and close out
    }
}

} // namespace steward::agent::shadow
