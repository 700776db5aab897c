// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebSocketStream - a byte stream over a WebSocket's binary messages, usable as a socket.
#pragma once

#include <QAbstractSocket>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <deque>
#include <memory>

class QWebSocket;

namespace steward::net {

/**
 * The tunnels' building block (docs/protocol/shadow.md, "Tunnel"): a connected QWebSocket
 * seen as a QAbstractSocket, so BytePump and ShadowGate work on it unchanged. Each write()
 * goes out as one binary message; received binary messages are read back as one stream
 * (frame boundaries carry no meaning). A text message is a protocol violation and closes it.
 *
 * Back-pressure: once readBufferSize() received bytes (default 256 KiB) wait here unread, the
 * TCP/TLS transport under the WebSocket is no longer read (its own read buffer is capped at
 * TransportBufferBytes), so the kernel's TCP window closes toward the sender; at most
 * readBufferSize() + one frame + TransportBufferBytes are held. QtWebSockets offers no
 * pause, so the transport's signals are held back while paused and replayed on resume;
 * \a transport is the socket under \a socket (transportOf() for one this process opened;
 * HttpApi::transportOf() for an upgraded server socket). Without a transport nothing pauses.
 *
 * disconnectFromHost() sends a normal close after the queued bytes; close() and abort() drop
 * the connection at once. disconnected() follows the WebSocket's close either way.
 */
class WebSocketStream : public QAbstractSocket {
    Q_OBJECT

public:
    /** Incoming frames and messages larger than this close the stream. */
    static constexpr quint64 MaxFrameBytes = 256 * 1024;
    /**
     * The transport's read buffer: QtWebSockets only consumes whole frames, so it must hold
     * the largest frame and its header, or reading would stop for good.
     */
    static constexpr qint64 TransportBufferBytes = qint64(MaxFrameBytes) + 64;

    WebSocketStream(std::unique_ptr<QWebSocket> socket, QAbstractSocket* transport,
                    QObject* parent = nullptr);
    ~WebSocketStream() override;

    [[nodiscard]] qint64 bytesAvailable() const override;
    [[nodiscard]] qint64 bytesToWrite() const override;
    void setReadBufferSize(qint64 size) override;
    void disconnectFromHost() override;
    void close() override;

    [[nodiscard]] QWebSocket& webSocket() { return *m_socket; }

    /**
     * Takes \a stream over and deletes it once its close finished (queued bytes and the close
     * frame flushed), or after \a grace at the latest; parented to \a owner meanwhile, so
     * that the owner's destruction takes it along.
     */
    static void releaseWhenClosed(WebSocketStream* stream, QObject* owner,
                                  std::chrono::milliseconds grace = std::chrono::seconds(5));
    [[nodiscard]] bool isPaused() const { return m_paused; }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 readLineData(char* data, qint64 maxSize) override;
    qint64 skipData(qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 size) override;

private:
    void received(const QByteArray& message);
    void closed();
    void pauseTransport();
    void resumeTransport();
    void pollWrites();

    std::unique_ptr<QWebSocket> m_socket;
    QPointer<QAbstractSocket> m_transport;
    std::deque<QByteArray> m_incoming;
    qsizetype m_headOffset = 0; // bytes of m_incoming.front() already read
    qint64 m_incomingBytes = 0;
    qint64 m_limit = 256 * 1024;
    qint64 m_lastQueued = 0;
    QTimer m_writePoll; // bytesWritten while the transport's signals are held back
    bool m_paused = false;
    bool m_protocolError = false; // a text message arrived; its description stays
};

/** The TCP/TLS socket under a QWebSocket this process opened; null if none is found. */
[[nodiscard]] QAbstractSocket* transportOf(QWebSocket& socket);

} // namespace steward::net
