// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/net/BytePump.h"

#include "common/core/Logging.h"

#include <QAbstractSocket>
#include <QMetaEnum>
#include <QSslSocket>

#include <algorithm>

#include <sys/socket.h>

namespace steward::net {
namespace {

QSslSocket* encryptedSocket(QAbstractSocket* socket)
{
    auto* ssl = qobject_cast<QSslSocket*>(socket);
    return ssl && ssl->mode() != QSslSocket::UnencryptedMode ? ssl : nullptr;
}

// Everything queued toward the peer: for TLS both the plaintext not yet encrypted and the
// ciphertext not yet accepted by the kernel.
qint64 queuedBytes(QAbstractSocket& socket)
{
    const QSslSocket* ssl = encryptedSocket(&socket);
    return socket.bytesToWrite() + (ssl ? ssl->encryptedBytesToWrite() : 0);
}

// Still accepts bytes: connected, or (if the caller started early) still connecting.
bool isOpenForWriting(const QAbstractSocket* socket)
{
    return socket && socket->state() != QAbstractSocket::UnconnectedState
           && socket->state() != QAbstractSocket::ClosingState;
}

// The source has nothing more to give: gone, or closed with its read buffer drained.
bool hasEnded(const QAbstractSocket* source)
{
    return !source
           || (source->state() == QAbstractSocket::UnconnectedState
               && source->bytesAvailable() == 0);
}

// Ends our write direction only. TCP keeps reading; TLS in Qt has no half-close, so its
// close_notify closes the whole connection once the write buffer is flushed.
void shutdownWrite(QAbstractSocket& socket)
{
    if (encryptedSocket(&socket)) {
        socket.disconnectFromHost();
        return;
    }
    const qintptr descriptor = socket.socketDescriptor();
    if (descriptor >= 0) {
        ::shutdown(int(descriptor), SHUT_WR);
    }
}

QString describe(const QAbstractSocket& socket)
{
    return socket.peerAddress().toString() + QLatin1Char(':') + QString::number(socket.peerPort());
}

} // namespace

BytePump::BytePump(QAbstractSocket& first, QAbstractSocket& second, QObject* parent)
    : BytePump(first, second, Options(), parent)
{}

BytePump::BytePump(QAbstractSocket& first, QAbstractSocket& second, Options options,
                   QObject* parent)
    : QObject(parent), m_options(options)
{
    Q_ASSERT(&first != &second);
    m_options.chunkSize = std::max<qint64>(m_options.chunkSize, 1024);
    m_options.maxBuffered = std::max<qint64>(m_options.maxBuffered, 4096);
    auto& forward = m_flows[std::size_t(Direction::FirstToSecond)];
    auto& backward = m_flows[std::size_t(Direction::SecondToFirst)];
    forward.source = backward.sink = &first;
    forward.sink = backward.source = &second;
    for (auto& flow : m_flows) {
        flow.buffer = std::make_unique<char[]>(std::size_t(m_options.chunkSize));
    }
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &BytePump::handleIdleTimer);
}

BytePump::~BytePump()
{
    for (auto& flow : m_flows) {
        if (flow.source) {
            disconnect(flow.source, nullptr, this, nullptr);
        }
    }
}

void BytePump::start()
{
    if (m_started) {
        return;
    }
    m_started = true;
    auto& forward = m_flows[std::size_t(Direction::FirstToSecond)];
    auto& backward = m_flows[std::size_t(Direction::SecondToFirst)];
    if (!forward.source || !backward.source) {
        m_errorString = QStringLiteral("socket deleted before the pump started");
        finish(FinishReason::SocketDeleted, false);
        return;
    }
    watch(*forward.source, forward, backward);
    watch(*backward.source, backward, forward);
    if (m_options.idleTimeout.count() > 0) {
        m_lastActivity.start();
        m_idleTimer.start(m_options.idleTimeout);
    }
    // Data may already be buffered, or a side may already be closed.
    advance(forward);
    if (!m_finished) {
        advance(backward);
    }
}

void BytePump::stop()
{
    finish(FinishReason::Stopped, false);
}

quint64 BytePump::bytesTransferred(Direction direction) const
{
    return m_flows[std::size_t(direction)].bytes;
}

qint64 BytePump::maxBuffered(Direction direction) const
{
    return m_flows[std::size_t(direction)].maxBuffered;
}

void BytePump::watch(QAbstractSocket& socket, Flow& asSource, Flow& asSink)
{
    // A small read buffer is what makes back-pressure reach the kernel: once it is full and we
    // stop reading, Qt stops reading the socket and the TCP window closes.
    socket.setReadBufferSize(m_options.chunkSize);
    // Interactive traffic (RFB input, 1-byte round trips): no Nagle delay on what we forward.
    socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(&socket, &QIODevice::readyRead, this, [this, &asSource] { advance(asSource); });
    connect(&socket, &QIODevice::bytesWritten, this, [this, &asSink] { advance(asSink); });
    if (auto* ssl = qobject_cast<QSslSocket*>(&socket)) {
        connect(ssl, &QSslSocket::encryptedBytesWritten, this,
                [this, &asSink] { advance(asSink); });
    }
    connect(&socket, &QAbstractSocket::disconnected, this, [this, &asSource, &asSink] {
        advance(asSource);
        advance(asSink);
    });
    connect(&socket, &QAbstractSocket::errorOccurred, this,
            [this, &socket](QAbstractSocket::SocketError error) {
                handleSocketError(socket, int(error));
            });
    connect(&socket, &QObject::destroyed, this, [this] {
        m_errorString = QStringLiteral("socket deleted while pumping");
        finish(FinishReason::SocketDeleted, false);
    });
}

void BytePump::advance(Flow& flow)
{
    if (m_finished || flow.done || !m_started) {
        return;
    }
    if (!isOpenForWriting(flow.sink)) {
        // Nothing can be delivered any more; Qt closes a socket fully when its peer's FIN
        // arrives, so this is also how the reverse of a half-closed direction ends.
        flow.done = true;
    } else {
        transfer(flow);
        if (hasEnded(flow.source) && queuedBytes(*flow.sink) == 0) {
            shutdownWrite(*flow.sink);
            flow.done = true;
        }
    }
    if (std::all_of(m_flows.begin(), m_flows.end(), [](const Flow& f) { return f.done; })) {
        finish(FinishReason::Completed, true);
    }
}

void BytePump::transfer(Flow& flow)
{
    QAbstractSocket& sink = *flow.sink;
    const bool encrypting = encryptedSocket(&sink) != nullptr;
    while (flow.source && flow.source->bytesAvailable() > 0) {
        const qint64 queued = queuedBytes(sink);
        qint64 room = std::min(m_options.chunkSize, m_options.maxBuffered - queued);
        if (encrypting) {
            // Leave space for TLS record overhead (at most ~29 bytes per 16 KiB record).
            room -= room / 256 + 64;
        }
        if (room <= 0) {
            return; // resumed by bytesWritten / encryptedBytesWritten
        }
        const qint64 read = flow.source->read(flow.buffer.get(), room);
        if (read <= 0) {
            return;
        }
        if (sink.write(flow.buffer.get(), read) != read) {
            m_errorString =
                QStringLiteral("write to %1 failed: %2").arg(describe(sink), sink.errorString());
            finish(FinishReason::SocketError, false);
            return;
        }
        flow.bytes += quint64(read);
        flow.maxBuffered = std::max(flow.maxBuffered, queuedBytes(sink));
        if (m_lastActivity.isValid()) {
            m_lastActivity.restart();
        }
    }
}

void BytePump::handleSocketError(QAbstractSocket& socket, int error)
{
    // An orderly close by the peer is end of stream, handled when disconnected() follows.
    if (error == QAbstractSocket::RemoteHostClosedError) {
        return;
    }
    m_errorString = QStringLiteral("%1: %2").arg(describe(socket), socket.errorString());
    finish(FinishReason::SocketError, false);
}

void BytePump::handleIdleTimer()
{
    const auto idle = std::chrono::milliseconds(m_lastActivity.elapsed());
    if (idle < m_options.idleTimeout) {
        m_idleTimer.start(m_options.idleTimeout - idle);
        return;
    }
    finish(FinishReason::IdleTimeout, false);
}

void BytePump::finish(FinishReason reason, bool closeGracefully)
{
    if (m_finished) {
        return;
    }
    m_finished = true;
    m_idleTimer.stop();
    for (auto& flow : m_flows) {
        if (flow.source) {
            disconnect(flow.source, nullptr, this, nullptr);
        }
    }
    for (auto& flow : m_flows) {
        if (!flow.source || flow.source->state() == QAbstractSocket::UnconnectedState) {
            continue;
        }
        if (closeGracefully) {
            flow.source->disconnectFromHost();
        } else {
            flow.source->abort();
        }
    }
    qCDebug(lcNet).noquote()
        << QStringLiteral("pump finished reason=%1 forward=%2 backward=%3%4")
               .arg(QLatin1String(QMetaEnum::fromType<FinishReason>().valueToKey(int(reason))))
               .arg(m_flows[0].bytes)
               .arg(m_flows[1].bytes)
               .arg(m_errorString.isEmpty() ? QString()
                                            : QStringLiteral(" error=\"%1\"").arg(m_errorString));
    Q_EMIT finished(reason);
}

} // namespace steward::net
