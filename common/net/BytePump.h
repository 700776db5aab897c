// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// BytePump - moves bytes both ways between two connected sockets, with bounded buffers.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <array>
#include <chrono>
#include <memory>

class QAbstractSocket;

namespace steward::net {

/**
 * The core of the shadow proxies and the server relay. Either socket may be a QTcpSocket or a
 * QSslSocket; start the pump once both are connected (and, for TLS, encrypted).
 *
 * Invariants (see docs/net.md):
 * - per direction at most Options::maxBuffered bytes wait in the destination's write buffers
 *   (plaintext and ciphertext); beyond that the source is not read, its read buffer is capped
 *   at Options::chunkSize and the kernel applies TCP back-pressure;
 * - steady state allocates nothing: each direction reads into one fixed buffer;
 * - end of stream on one side is flushed to the other, whose write side is then shut down
 *   (TCP: shutdown(SHUT_WR); TLS: close_notify and close);
 * - bytes are never written to a socket that is not connected; a socket deleted under the
 *   pump ends it and closes the other side: Completed when its destructor's close reads as
 *   an orderly end (nothing left queued), SocketDeleted otherwise.
 *
 * The pump does not own the sockets. finished() is emitted once, from inside a socket signal:
 * release sockets and the pump there with deleteLater(), never delete.
 */
class BytePump : public QObject {
    Q_OBJECT

public:
    enum class Direction { FirstToSecond, SecondToFirst };
    Q_ENUM(Direction)

    enum class FinishReason {
        Completed,     // both directions reached end of stream and were flushed
        SocketError,   // a socket failed (not an orderly close); both sides closed
        SocketDeleted, // a socket was destroyed before its stream ended; the other closed
        IdleTimeout,   // nothing moved for Options::idleTimeout; both sides closed
        Stopped,       // stop() was called; both sides closed
    };
    Q_ENUM(FinishReason)

    struct Options {
        qint64 maxBuffered = 256 * 1024; // per direction, bytes queued toward the destination
        qint64 chunkSize = 64 * 1024;    // the fixed read buffer, and the source's read buffer
        std::chrono::milliseconds idleTimeout{0}; // zero: no idle timeout
    };

    BytePump(QAbstractSocket& first, QAbstractSocket& second, Options options,
             QObject* parent = nullptr);
    BytePump(QAbstractSocket& first, QAbstractSocket& second, QObject* parent = nullptr);
    ~BytePump() override;

    void start();
    /** Closes both sockets and finishes with Stopped, unless already finished. */
    void stop();

    [[nodiscard]] bool isFinished() const { return m_finished; }
    [[nodiscard]] quint64 bytesTransferred(Direction direction) const;
    /** The most bytes ever seen queued toward the destination; never above maxBuffered. */
    [[nodiscard]] qint64 maxBuffered(Direction direction) const;
    /** Why it failed, for SocketError; empty otherwise. */
    [[nodiscard]] const QString& errorString() const { return m_errorString; }

Q_SIGNALS:
    void finished(steward::net::BytePump::FinishReason reason);

private:
    struct Flow {
        QPointer<QAbstractSocket> source;
        QPointer<QAbstractSocket> sink;
        std::unique_ptr<char[]> buffer;
        quint64 bytes = 0;
        qint64 maxBuffered = 0;
        bool done = false;
    };

    void watch(QAbstractSocket& socket, Flow& asSource, Flow& asSink);
    void advance(Flow& flow);
    void transfer(Flow& flow);
    void handleSocketError(QAbstractSocket& socket, int error);
    void handleIdleTimer();
    void finish(FinishReason reason, bool closeGracefully);

    Options m_options;
    std::array<Flow, 2> m_flows;
    QTimer m_idleTimer;
    QElapsedTimer m_lastActivity;
    QString m_errorString;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace steward::net
