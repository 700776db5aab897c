// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/HandshakeAdmission.h"

#include "server/app/Logging.h"

#include <QChildEvent>
#include <QSslSocket>
#include <QTcpSocket>

namespace steward::server::http {

AdmittingSslServer::AdmittingSslServer(HandshakeLimits limits,
                                       std::chrono::milliseconds handshakeTimeout, QObject* parent)
    : QSslServer(parent), m_limits(limits), m_handshakeTimeout(handshakeTimeout)
{
    m_limits.maxConcurrent = std::max(1, m_limits.maxConcurrent);
    m_limits.maxQueued = std::max(0, m_limits.maxQueued);
    // Qt 6.4 stops accepting while maxPendingConnections() sockets are handshaking or
    // untaken (default 30), which would leave a storm in the kernel's backlog of 50, where
    // overflowing SYNs are dropped and retried only after seconds. This class decides instead:
    // accept eagerly, and let the kernel hold what arrives between two turns of the event loop.
    setMaxPendingConnections(m_limits.maxConcurrent + m_limits.maxQueued + 1);
    setListenBacklogSize(std::clamp(m_limits.maxQueued, 50, 65535));
}

HandshakeCounts AdmittingSslServer::counts() const
{
    return {quint64(m_inProgress.size()), quint64(m_waiting.size()), m_refused, m_started, m_peak};
}

void AdmittingSslServer::childEvent(QChildEvent* event)
{
    // QSslServer creates its socket as our child; the ChildAdded event comes from inside
    // QObject's constructor, so only the address is usable here.
    if (event->added()) {
        m_justAdded = event->child();
    } else if (event->removed() && event->child() == m_justAdded) {
        m_justAdded = nullptr;
    }
    QSslServer::childEvent(event);
}

void AdmittingSslServer::startHandshake(qintptr handle)
{
    m_justAdded = nullptr;
    QSslServer::incomingConnection(handle);
    // Qt 6.4 emits startedEncryptionHandshake only once the client's hello arrived; a turn
    // starts at accept, so a silent client holds one until the handshake timeout.
    if (auto* socket = qobject_cast<QSslSocket*>(m_justAdded)) {
        track(socket);
    }
    m_justAdded = nullptr;
}

void AdmittingSslServer::incomingConnection(qintptr handle)
{
    if (int(m_inProgress.size()) < m_limits.maxConcurrent && m_waiting.empty()) {
        startHandshake(handle);
        return;
    }
    if (int(m_waiting.size()) >= m_limits.maxQueued) {
        refuse(handle, "queue full");
        return;
    }
    Waiting waiting{handle, {}};
    waiting.since.start();
    m_waiting.push_back(waiting);
}

void AdmittingSslServer::track(QSslSocket* socket)
{
    if (!m_inProgress.insert(socket).second) {
        return;
    }
    ++m_started;
    m_peak = std::max<quint64>(m_peak, m_inProgress.size());
    // Whichever comes first ends the handshake's turn: success, failure or the socket's end.
    connect(socket, &QSslSocket::encrypted, &m_context, [this, socket] { finished(socket); });
    connect(socket, &QAbstractSocket::disconnected, &m_context,
            [this, socket] { finished(socket); });
    connect(socket, &QAbstractSocket::errorOccurred, &m_context,
            [this, socket] { finished(socket); });
    connect(socket, &QObject::destroyed, &m_context, [this](QObject* gone) { finished(gone); });
}

void AdmittingSslServer::finished(QObject* socket)
{
    if (m_inProgress.erase(socket) == 0) {
        return;
    }
    // Not from inside the finishing socket's signal: the next handshake starts on a clean stack.
    QMetaObject::invokeMethod(
        &m_context, [this] { startWaiting(); }, Qt::QueuedConnection);
}

void AdmittingSslServer::startWaiting()
{
    while (int(m_inProgress.size()) < m_limits.maxConcurrent && !m_waiting.empty()) {
        const Waiting next = m_waiting.front();
        m_waiting.pop_front();
        // The peer has likely given up by now; a fresh attempt after back-off does better.
        if (next.since.elapsed() > m_handshakeTimeout.count()) {
            refuse(next.handle, "waited too long");
            continue;
        }
        startHandshake(next.handle);
    }
}

void AdmittingSslServer::refuse(qintptr handle, const char* reason)
{
    QTcpSocket socket;
    if (socket.setSocketDescriptor(handle)) {
        socket.abort();
    }
    ++m_refused;
    // One line a second at most: a storm must not turn into a log flood.
    if (!m_lastRefusalLog.isValid() || m_lastRefusalLog.elapsed() >= 1000) {
        qCWarning(lcServerHttp).noquote()
            << QStringLiteral("TLS handshake admission refused connections=%1 reason=%2 "
                              "inProgress=%3 queued=%4 totalRefused=%5")
                   .arg(m_refused - m_refusedLogged)
                   .arg(QLatin1String(reason))
                   .arg(m_inProgress.size())
                   .arg(m_waiting.size())
                   .arg(m_refused);
        m_refusedLogged = m_refused;
        m_lastRefusalLog.start();
    }
}

} // namespace steward::server::http
