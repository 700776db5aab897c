// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/net/WebSocketStream.h"

#include "common/core/Logging.h"

#include <QSslSocket>
#include <QWebSocket>

#include <algorithm>
#include <cstring>

namespace steward::net {

WebSocketStream::WebSocketStream(std::unique_ptr<QWebSocket> socket, QAbstractSocket* transport,
                                 QObject* parent)
    : QAbstractSocket(QAbstractSocket::TcpSocket, parent), m_socket(std::move(socket)),
      m_transport(transport)
{
    m_socket->setMaxAllowedIncomingFrameSize(MaxFrameBytes);
    m_socket->setMaxAllowedIncomingMessageSize(MaxFrameBytes);
    setPeerAddress(m_socket->peerAddress());
    setPeerPort(m_socket->peerPort());
    setLocalAddress(m_socket->localAddress());
    setLocalPort(m_socket->localPort());
    setOpenMode(QIODevice::ReadWrite | QIODevice::Unbuffered);
    setSocketState(m_socket->state() == QAbstractSocket::ConnectedState
                       ? QAbstractSocket::ConnectedState
                       : QAbstractSocket::UnconnectedState);
    if (m_transport) {
        m_transport->setReadBufferSize(TransportBufferBytes);
        m_transport->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    }
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, &WebSocketStream::received);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, [this] {
        m_protocolError = true;
        setSocketError(QAbstractSocket::UnknownSocketError);
        setErrorString(QStringLiteral("a text message arrived on a binary tunnel"));
        m_socket->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported,
                        QStringLiteral("binary messages only"));
        Q_EMIT errorOccurred(QAbstractSocket::UnknownSocketError);
    });
    connect(m_socket.get(), &QWebSocket::bytesWritten, this, [this](qint64 written) {
        m_lastQueued = m_socket->bytesToWrite();
        Q_EMIT bytesWritten(written);
    });
    connect(m_socket.get(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError error) {
                setSocketError(error);
                setErrorString(m_socket->errorString());
                Q_EMIT errorOccurred(error);
            });
    connect(m_socket.get(), &QWebSocket::disconnected, this, &WebSocketStream::closed);
    m_writePoll.setInterval(5);
    connect(&m_writePoll, &QTimer::timeout, this, &WebSocketStream::pollWrites);
    if (state() == QAbstractSocket::UnconnectedState) {
        QTimer::singleShot(0, this, &WebSocketStream::closed);
    }
}

WebSocketStream::~WebSocketStream()
{
    resumeTransport();
    m_socket->disconnect(this);
    if (m_socket->state() != QAbstractSocket::UnconnectedState) {
        m_socket->abort();
    }
    // Not QAbstractSocket's destructor's abort(): it knows nothing of the WebSocket.
    setSocketState(QAbstractSocket::UnconnectedState);
}

qint64 WebSocketStream::bytesAvailable() const
{
    return m_incomingBytes + QIODevice::bytesAvailable();
}

qint64 WebSocketStream::bytesToWrite() const
{
    return m_socket->bytesToWrite();
}

void WebSocketStream::setReadBufferSize(qint64 size)
{
    m_limit = size > 0 ? std::max<qint64>(size, 4096) : 256 * 1024;
    QAbstractSocket::setReadBufferSize(m_limit);
}

void WebSocketStream::disconnectFromHost()
{
    if (state() != QAbstractSocket::ConnectedState) {
        return;
    }
    setSocketState(QAbstractSocket::ClosingState);
    Q_EMIT stateChanged(QAbstractSocket::ClosingState);
    resumeTransport(); // the close handshake needs the transport's signals
    m_socket->close(QWebSocketProtocol::CloseCodeNormal);
}

void WebSocketStream::close()
{
    const bool wasOpen = state() != QAbstractSocket::UnconnectedState;
    resumeTransport();
    m_socket->disconnect(this);
    if (m_socket->state() != QAbstractSocket::UnconnectedState) {
        m_socket->abort();
    }
    m_incoming.clear();
    m_incomingBytes = 0;
    m_headOffset = 0;
    setSocketState(QAbstractSocket::UnconnectedState);
    QIODevice::close();
    if (wasOpen) {
        Q_EMIT stateChanged(QAbstractSocket::UnconnectedState);
        Q_EMIT disconnected();
    }
}

qint64 WebSocketStream::readData(char* data, qint64 maxSize)
{
    qint64 copied = 0;
    while (copied < maxSize && !m_incoming.empty()) {
        const QByteArray& head = m_incoming.front();
        const qint64 take = std::min<qint64>(maxSize - copied, head.size() - m_headOffset);
        if (data) {
            std::memcpy(data + copied, head.constData() + m_headOffset, std::size_t(take));
        }
        copied += take;
        m_headOffset += qsizetype(take);
        if (m_headOffset == head.size()) {
            m_incoming.pop_front();
            m_headOffset = 0;
        }
    }
    m_incomingBytes -= copied;
    if (m_paused && m_incomingBytes < m_limit / 2) {
        resumeTransport();
    }
    if (copied == 0 && state() == QAbstractSocket::UnconnectedState) {
        return -1; // end of stream
    }
    return copied;
}

qint64 WebSocketStream::readLineData(char* data, qint64 maxSize)
{
    return QIODevice::readLineData(data, maxSize);
}

qint64 WebSocketStream::skipData(qint64 maxSize)
{
    return readData(nullptr, maxSize);
}

qint64 WebSocketStream::writeData(const char* data, qint64 size)
{
    if (state() != QAbstractSocket::ConnectedState) {
        setErrorString(QStringLiteral("the tunnel is closed"));
        return -1;
    }
    const qint64 sent = m_socket->sendBinaryMessage(QByteArray(data, qsizetype(size)));
    m_lastQueued = m_socket->bytesToWrite();
    // QWebSocket counts the frame header too; callers want their own bytes back.
    return sent > 0 ? size : sent;
}

void WebSocketStream::received(const QByteArray& message)
{
    if (message.isEmpty()) {
        return;
    }
    m_incoming.push_back(message);
    m_incomingBytes += message.size();
    if (m_incomingBytes >= m_limit) {
        pauseTransport();
    }
    Q_EMIT readyRead();
}

void WebSocketStream::closed()
{
    if (state() == QAbstractSocket::UnconnectedState && !isOpen()) {
        return;
    }
    m_writePoll.stop();
    const bool wasOpen = state() != QAbstractSocket::UnconnectedState;
    setSocketState(QAbstractSocket::UnconnectedState);
    if (m_socket->closeCode() != QWebSocketProtocol::CloseCodeNormal
        && m_socket->closeCode() != QWebSocketProtocol::CloseCodeGoingAway && !m_protocolError
        && !m_socket->closeReason().isEmpty()) {
        setErrorString(m_socket->closeReason());
    }
    if (wasOpen) {
        Q_EMIT readChannelFinished();
        Q_EMIT stateChanged(QAbstractSocket::UnconnectedState);
        Q_EMIT disconnected();
    }
}

void WebSocketStream::pauseTransport()
{
    if (m_paused || !m_transport || state() != QAbstractSocket::ConnectedState) {
        return;
    }
    m_paused = true;
    m_transport->blockSignals(true);
    m_lastQueued = m_socket->bytesToWrite();
    m_writePoll.start();
}

void WebSocketStream::resumeTransport()
{
    if (!m_paused) {
        return;
    }
    m_paused = false;
    m_writePoll.stop();
    if (!m_transport) {
        return;
    }
    m_transport->blockSignals(false);
    // Replay what the WebSocket missed: buffered bytes, and a close that happened meanwhile.
    QPointer<QAbstractSocket> transport = m_transport;
    QTimer::singleShot(0, m_transport, [transport] {
        if (!transport) {
            return;
        }
        // A full read buffer switched the transport's read notifications off, and only a
        // change of the buffer size turns them back on from outside.
        transport->setReadBufferSize(0);
        transport->setReadBufferSize(TransportBufferBytes);
        if (transport->bytesAvailable() > 0) {
            Q_EMIT transport->readyRead();
        }
        // A QSslSocket decrypts more only when its plain socket signals new bytes or when it
        // is read past what it holds. Neither happens when its plain socket's buffer filled up
        // while we were paused (no more notifications) and what it holds ends in part of a
        // frame (QWebSocket waits for the rest): the tunnel would stall for good. Ask it to
        // decrypt what waits, as its own read path does (docs/benchmarks.md, relay stall).
        if (qobject_cast<QSslSocket*>(transport.data())
            && transport->metaObject()->indexOfMethod("_q_flushReadBuffer()") >= 0) {
            QMetaObject::invokeMethod(transport, "_q_flushReadBuffer", Qt::QueuedConnection);
        }
        if (transport->state() == QAbstractSocket::UnconnectedState) {
            Q_EMIT transport->disconnected();
        }
    });
}

void WebSocketStream::pollWrites()
{
    const qint64 queued = m_socket->bytesToWrite();
    if (queued < m_lastQueued) {
        const qint64 written = m_lastQueued - queued;
        m_lastQueued = queued;
        Q_EMIT bytesWritten(written);
    }
    if (m_transport && m_transport->state() == QAbstractSocket::UnconnectedState) {
        resumeTransport();
    }
}

void WebSocketStream::releaseWhenClosed(WebSocketStream* stream, QObject* owner,
                                        std::chrono::milliseconds grace)
{
    stream->setParent(owner);
    if (stream->m_socket->state() == QAbstractSocket::UnconnectedState) {
        stream->deleteLater();
        return;
    }
    if (stream->state() == QAbstractSocket::ConnectedState) {
        stream->disconnectFromHost();
    }
    connect(stream->m_socket.get(), &QWebSocket::disconnected, stream, &QObject::deleteLater);
    QTimer::singleShot(grace, stream, &QObject::deleteLater);
}

QAbstractSocket* transportOf(QWebSocket& socket)
{
    return socket.findChild<QAbstractSocket*>(QString(), Qt::FindDirectChildrenOnly);
}

} // namespace steward::net
