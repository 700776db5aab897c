// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TlsStream - an OpenSSL TLS connection as a QIODevice on the Qt thread, until a TlsPipe takes it.
#pragma once

#include "common/core/Error.h"
#include "common/tls/NativeTls.h"

#include <QHostAddress>
#include <QIODevice>

#include <memory>

class QSocketNotifier;

namespace steward::tls {

/**
 * Drives the handshake and the first application bytes (a shadow preamble and its reply) of a
 * TLS connection over a connected TCP descriptor without blocking: QSocketNotifiers call
 * OpenSSL when the descriptor is ready. Unbuffered: read() takes exactly what is asked, so the
 * bytes after a preamble stay in the stream and go to the pump with detach().
 *
 * encrypted() or handshakeFailed() ends the handshake (a pinned client context fails it with
 * PeerCertificateMismatch before any application byte is written). After encrypted(),
 * disconnected() reports the peer's close_notify, end of stream or an error (errorString());
 * the plaintext received before it can still be read. close() flushes, sends close_notify and
 * closes the descriptor; abort() closes it at once.
 */
class TlsStream : public QIODevice {
    Q_OBJECT

public:
    enum class State { Handshaking, Encrypted, Closed };

    /** Takes the connected TCP descriptor \a fd: it is closed with the stream unless detached. */
    TlsStream(int fd, std::shared_ptr<NativeContext> context, QObject* parent = nullptr);
    ~TlsStream() override;

    /** Starts the handshake; call once. */
    void startHandshake();
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool isEncrypted() const { return m_state == State::Encrypted; }
    /** "TLSv1.3 TLS_AES_256_GCM_SHA384" once encrypted. */
    [[nodiscard]] QString sessionDescription() const { return m_session; }
    [[nodiscard]] QHostAddress peerAddress() const { return m_peer; }

    [[nodiscard]] qint64 bytesAvailable() const override;
    [[nodiscard]] bool isSequential() const override { return true; }
    void close() override;
    void abort();
    /**
     * Hands the encrypted session to a pump (TlsPipe): the SSL object, the descriptor, the
     * unread and the unsent plaintext. The stream is closed afterwards. Only when encrypted.
     */
    [[nodiscard]] TlsSession detach();

Q_SIGNALS:
    void encrypted();
    void handshakeFailed(const steward::Error& error);
    void disconnected();

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char* data, qint64 size) override;

private:
    void handshake();
    void fill();
    void flush();
    void rearm();
    void lose(const QString& why);
    void dropNotifiers();
    void release();

    int m_fd;
    std::shared_ptr<NativeContext> m_context;
    ssl_st* m_ssl = nullptr;
    QSocketNotifier* m_reader = nullptr; // children: they may be dropped inside their signal
    QSocketNotifier* m_writer = nullptr;
    QByteArray m_inbox;
    QByteArray m_outbox;
    QHostAddress m_peer;
    QString m_session;
    State m_state = State::Handshaking;
    bool m_handshakeWantsWrite = false;
    bool m_writeBlocked = false;   // the last SSL_write waited for the socket
    bool m_readWantsWrite = false; // the last SSL_read waited for the socket to take bytes
    bool m_fillQueued = false;
};

} // namespace steward::tls
