// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TlsPipe - one thread per session moving bytes between a TLS session and a plain TCP socket.
#pragma once

#include "common/tls/NativeTls.h"

#include <QObject>

#include <atomic>
#include <thread>

namespace steward::tls {

/**
 * After admission the shadow path's bytes bypass the Qt event loop: a thread of its own runs
 * SSL_read from the TLS descriptor into a buffer that is written to the plain descriptor, and
 * recv from the plain descriptor into SSL_write, with poll() on non-blocking descriptors. Each
 * direction's buffer is bounded (Options::bufferBytes): a side whose output buffer is full is
 * not read until the other side took bytes, so a slow reader holds the sender back.
 *
 * The pipe ends when either side ends (close_notify, end of stream or an error; what was read
 * from the ending side is still delivered to the other first) or on stop(). It then sends
 * close_notify (unless the TLS side failed), closes both descriptors and emits finished()
 * through the Qt event loop of the pipe's thread. stop() and the destructor wake the thread
 * through an eventfd and join it: no thread outlives the pipe.
 */
class TlsPipe : public QObject {
    Q_OBJECT

public:
    struct Options {
        qsizetype bufferBytes = 256 * 1024; // per direction
    };

    /**
     * Takes the session and the connected plain descriptor \a plainFd. \a toPlain and the
     * session's unsent bytes are delivered first (bytes that arrived before the hand-over).
     */
    TlsPipe(TlsSession session, int plainFd, QByteArray toPlain, Options options,
            QObject* parent = nullptr);
    TlsPipe(TlsSession session, int plainFd, QByteArray toPlain, QObject* parent = nullptr);
    ~TlsPipe() override;

    void start();
    /** Ends the pipe now and joins its thread; finished() follows on the next turn. */
    void stop();

    /** Plaintext delivered to the plain side (decrypted from the TLS side), so far. */
    [[nodiscard]] quint64 bytesFromTls() const { return m_fromTls.load(); }
    /** Plaintext accepted by the TLS side (read from the plain side), so far. */
    [[nodiscard]] quint64 bytesToTls() const { return m_toTls.load(); }
    [[nodiscard]] bool isFinished() const { return m_done.load(); }

Q_SIGNALS:
    /** Once, after the thread ended: a sentence naming the side that ended it. */
    void finished(const QString& reason);

private:
    void run();
    void end(const QString& reason);

    TlsSession m_session;
    int m_plainFd;
    int m_wakeFd = -1;
    QByteArray m_toPlainStart;
    Options m_options;
    std::thread m_thread;
    std::atomic<quint64> m_fromTls{0};
    std::atomic<quint64> m_toTls{0};
    std::atomic<bool> m_done{false};
    std::atomic<bool> m_stopping{false};
    bool m_reported = false;
};

} // namespace steward::tls
