// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/TlsStream.h"

#include <QPointer>
#include <QSocketNotifier>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <cstring>

#include <sys/socket.h>
#include <unistd.h>

namespace steward::tls {

namespace {

// The plaintext a stream holds before it stops reading (the gate reads a few hundred bytes).
constexpr qsizetype InboxLimit = 64 * 1024;

QString socketErrorText(int error)
{
    return error ? QString::fromLocal8Bit(std::strerror(error))
                 : QStringLiteral("the peer closed the connection");
}

} // namespace

TlsStream::TlsStream(int fd, std::shared_ptr<NativeContext> context, QObject* parent)
    : QIODevice(parent), m_fd(fd), m_context(std::move(context))
{
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(m_fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
        m_peer = QHostAddress(reinterpret_cast<const sockaddr*>(&address));
    }
}

TlsStream::~TlsStream()
{
    release();
}

void TlsStream::startHandshake()
{
    open(QIODevice::ReadWrite | QIODevice::Unbuffered);
    prepareSocket(m_fd);
    m_ssl = SSL_new(m_context->handle());
    if (!m_ssl || !attachSocket(m_ssl, m_fd)) {
        const QString why = takeOpenSslErrors(QStringLiteral("cannot start TLS"));
        m_state = State::Closed;
        QMetaObject::invokeMethod(
            this,
            [this, why] { Q_EMIT handshakeFailed(makeError(ErrorCode::TlsHandshakeFailed, why)); },
            Qt::QueuedConnection);
        return;
    }
    if (m_context->isServer()) {
        SSL_set_accept_state(m_ssl);
    } else {
        SSL_set_connect_state(m_ssl);
    }
    m_reader = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Read, this);
    m_writer = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Write, this);
    connect(m_reader, &QSocketNotifier::activated, this, [this] {
        if (m_state == State::Handshaking) {
            handshake();
            return;
        }
        fill();
        if (m_writeBlocked) {
            flush();
        }
    });
    connect(m_writer, &QSocketNotifier::activated, this, [this] {
        if (m_state == State::Handshaking) {
            handshake();
            return;
        }
        m_writeBlocked = false;
        flush();
        if (m_readWantsWrite) {
            fill();
        }
    });
    // The client speaks first: start at once. A server waits for the ClientHello.
    handshake();
}

void TlsStream::handshake()
{
    ERR_clear_error();
    const int result = SSL_do_handshake(m_ssl);
    if (result == 1) {
        m_state = State::Encrypted;
        m_session = describeSession(m_ssl);
        rearm();
        QPointer<TlsStream> alive(this);
        Q_EMIT encrypted();
        // Application data may have arrived with the last handshake flight (read ahead).
        if (alive && m_state == State::Encrypted) {
            fill();
        }
        return;
    }
    const int error = SSL_get_error(m_ssl, result);
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
        m_handshakeWantsWrite = error == SSL_ERROR_WANT_WRITE;
        rearm();
        return;
    }
    Error failure;
    if (NativeContext::pinRejected(m_ssl)) {
        ERR_clear_error();
        failure = makeError(ErrorCode::PeerCertificateMismatch,
                            QStringLiteral("the peer's certificate is not the pinned certificate"));
    } else if (error == SSL_ERROR_SYSCALL) {
        const int saved = errno;
        failure = makeError(ErrorCode::ConnectionFailed,
                            takeOpenSslErrors(QStringLiteral("the connection failed during the TLS "
                                                             "handshake: %1")
                                                  .arg(socketErrorText(result == 0 ? 0 : saved))));
    } else {
        failure = makeError(ErrorCode::TlsHandshakeFailed,
                            takeOpenSslErrors(QStringLiteral("the TLS handshake failed")));
    }
    setErrorString(failure.message);
    m_state = State::Closed;
    release();
    Q_EMIT handshakeFailed(failure);
}

void TlsStream::fill()
{
    if (m_state != State::Encrypted) {
        return;
    }
    m_readWantsWrite = false;
    bool got = false;
    while (m_inbox.size() < InboxLimit) {
        char buffer[16 * 1024];
        ERR_clear_error();
        const int count = SSL_read(m_ssl, buffer, int(sizeof buffer));
        if (count > 0) {
            m_inbox.append(buffer, count);
            got = true;
            continue;
        }
        const int error = SSL_get_error(m_ssl, count);
        if (error == SSL_ERROR_WANT_READ) {
            break;
        }
        if (error == SSL_ERROR_WANT_WRITE) {
            m_readWantsWrite = true;
            break;
        }
        const QString why = error == SSL_ERROR_ZERO_RETURN
                                ? QStringLiteral("the peer closed the TLS stream")
                            : error == SSL_ERROR_SYSCALL
                                ? takeOpenSslErrors(socketErrorText(count == 0 ? 0 : errno))
                                : takeOpenSslErrors(QStringLiteral("TLS error"));
        QPointer<TlsStream> alive(this);
        if (got) {
            Q_EMIT readyRead();
        }
        if (alive) {
            lose(why);
        }
        return;
    }
    rearm();
    if (got) {
        Q_EMIT readyRead();
    }
}

void TlsStream::flush()
{
    while (m_state == State::Encrypted && !m_outbox.isEmpty()) {
        ERR_clear_error();
        const int count = SSL_write(m_ssl, m_outbox.constData(), int(m_outbox.size()));
        if (count > 0) {
            m_outbox.remove(0, count);
            Q_EMIT bytesWritten(count);
            continue;
        }
        const int error = SSL_get_error(m_ssl, count);
        if (error == SSL_ERROR_WANT_WRITE || error == SSL_ERROR_WANT_READ) {
            m_writeBlocked = true;
            break;
        }
        lose(error == SSL_ERROR_SYSCALL ? takeOpenSslErrors(socketErrorText(errno))
                                        : takeOpenSslErrors(QStringLiteral("TLS error")));
        return;
    }
    rearm();
}

void TlsStream::rearm()
{
    if (!m_reader) {
        return;
    }
    if (m_state == State::Handshaking) {
        m_reader->setEnabled(!m_handshakeWantsWrite);
        m_writer->setEnabled(m_handshakeWantsWrite);
        return;
    }
    const bool open = m_state == State::Encrypted;
    m_reader->setEnabled(open && (m_inbox.size() < InboxLimit || m_writeBlocked));
    m_writer->setEnabled(open && ((m_writeBlocked && !m_outbox.isEmpty()) || m_readWantsWrite));
}

qint64 TlsStream::bytesAvailable() const
{
    return m_inbox.size() + QIODevice::bytesAvailable();
}

qint64 TlsStream::readData(char* data, qint64 maxSize)
{
    if (m_inbox.isEmpty()) {
        return m_state == State::Closed ? -1 : 0;
    }
    const bool wasFull = m_inbox.size() >= InboxLimit;
    const qint64 count = std::min<qint64>(maxSize, m_inbox.size());
    std::memcpy(data, m_inbox.constData(), size_t(count));
    m_inbox.remove(0, qsizetype(count));
    if (wasFull && m_state == State::Encrypted && !m_fillQueued) {
        // OpenSSL may hold records read ahead that no notifier reports: read on next turn.
        m_fillQueued = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_fillQueued = false;
                fill();
            },
            Qt::QueuedConnection);
    }
    return count;
}

qint64 TlsStream::writeData(const char* data, qint64 size)
{
    if (m_state != State::Encrypted) {
        return -1;
    }
    m_outbox.append(data, qsizetype(size));
    flush();
    return size;
}

void TlsStream::lose(const QString& why)
{
    setErrorString(why);
    m_state = State::Closed;
    release();
    Q_EMIT disconnected();
}

void TlsStream::close()
{
    if (!isOpen()) {
        release();
        return;
    }
    if (m_state == State::Encrypted) {
        flush();
        if (m_ssl && m_state == State::Encrypted) {
            ERR_clear_error();
            SSL_shutdown(m_ssl); // close_notify, one attempt: the descriptor closes next
            ERR_clear_error();
        }
    }
    m_state = State::Closed;
    release();
    QIODevice::close();
}

void TlsStream::abort()
{
    m_state = State::Closed;
    release();
    if (isOpen()) {
        QIODevice::close();
    }
}

TlsSession TlsStream::detach()
{
    TlsSession session;
    if (m_state != State::Encrypted) {
        return session;
    }
    dropNotifiers();
    session.ssl = std::exchange(m_ssl, nullptr);
    session.fd = std::exchange(m_fd, -1);
    session.context = m_context;
    session.unread = std::exchange(m_inbox, {});
    session.unsent = std::exchange(m_outbox, {});
    m_state = State::Closed;
    QIODevice::close();
    return session;
}

void TlsStream::dropNotifiers()
{
    // Off at once (the descriptor may close or change threads next), deleted on the next turn.
    for (QSocketNotifier** notifier : {&m_reader, &m_writer}) {
        if (*notifier) {
            (*notifier)->setEnabled(false);
            (*notifier)->disconnect(this);
            std::exchange(*notifier, nullptr)->deleteLater();
        }
    }
}

void TlsStream::release()
{
    dropNotifiers();
    if (m_ssl) {
        SSL_free(m_ssl);
        m_ssl = nullptr;
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

} // namespace steward::tls
