// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/TlsPipe.h"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <vector>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace steward::tls {

namespace {

// One direction's bytes between reading and writing: [begin, end) of a fixed block.
class Buffer {
public:
    explicit Buffer(size_t capacity) : m_data(capacity) {}
    [[nodiscard]] size_t used() const { return m_end - m_begin; }
    [[nodiscard]] size_t room()
    {
        if (m_begin == m_end) {
            m_begin = m_end = 0;
        } else if (m_end == m_data.size() && m_begin > 0) {
            std::memmove(m_data.data(), m_data.data() + m_begin, used());
            m_end -= m_begin;
            m_begin = 0;
        }
        return m_data.size() - m_end;
    }
    [[nodiscard]] char* tail() { return m_data.data() + m_end; }
    [[nodiscard]] const char* head() const { return m_data.data() + m_begin; }
    void produced(size_t count) { m_end += count; }
    void consumed(size_t count) { m_begin += count; }
    void append(const QByteArray& bytes)
    {
        (void)room();
        std::memcpy(tail(), bytes.constData(), size_t(bytes.size()));
        produced(size_t(bytes.size()));
    }

private:
    std::vector<char> m_data;
    size_t m_begin = 0;
    size_t m_end = 0;
};

enum class Wait { None, Readable, Writable };

Wait waitFor(SSL* ssl, int result)
{
    switch (SSL_get_error(ssl, result)) {
    case SSL_ERROR_WANT_READ:
        return Wait::Readable;
    case SSL_ERROR_WANT_WRITE:
        return Wait::Writable;
    default:
        return Wait::None;
    }
}

short eventsFor(Wait a, Wait b)
{
    short events = 0;
    for (const Wait wait : {a, b}) {
        events |= wait == Wait::Readable ? POLLIN : wait == Wait::Writable ? POLLOUT : 0;
    }
    return events;
}

// Clears the waits the descriptor's poll result satisfies (an error satisfies every wait).
void settle(Wait& wait, short revents)
{
    const bool failed = revents & (POLLERR | POLLHUP | POLLNVAL);
    if ((wait == Wait::Readable && (failed || (revents & POLLIN)))
        || (wait == Wait::Writable && (failed || (revents & POLLOUT)))) {
        wait = Wait::None;
    }
}

constexpr size_t RecordBytes = 16 * 1024; // TLS's largest record payload

void setCork(int fd, bool on)
{
    const int value = on ? 1 : 0;
    ::setsockopt(fd, IPPROTO_TCP, TCP_CORK, &value, sizeof value);
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

TlsPipe::TlsPipe(TlsSession session, int plainFd, QByteArray toPlain, Options options,
                 QObject* parent)
    : QObject(parent), m_session(std::move(session)), m_plainFd(plainFd),
      m_toPlainStart(std::move(toPlain)), m_options(options)
{
    m_toPlainStart.prepend(std::exchange(m_session.unread, {}));
    m_wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

TlsPipe::TlsPipe(TlsSession session, int plainFd, QByteArray toPlain, QObject* parent)
    : TlsPipe(std::move(session), plainFd, std::move(toPlain), Options{}, parent)
{}

TlsPipe::~TlsPipe()
{
    stop();
    if (m_plainFd >= 0) {
        ::close(m_plainFd);
    }
    if (m_wakeFd >= 0) {
        ::close(m_wakeFd);
    }
}

void TlsPipe::start()
{
    if (m_thread.joinable() || m_done.load()) {
        return;
    }
    if (!m_session.ssl || m_session.fd < 0 || m_plainFd < 0 || m_wakeFd < 0) {
        end(QStringLiteral("the pipe has no session or descriptor"));
        return;
    }
    prepareSocket(m_session.fd);
    prepareSocket(m_plainFd);
    m_thread = std::thread([this] { run(); });
}

void TlsPipe::stop()
{
    if (!m_thread.joinable()) {
        return;
    }
    m_stopping = true;
    const quint64 one = 1;
    (void)!::write(m_wakeFd, &one, sizeof one);
    m_thread.join();
}

void TlsPipe::end(const QString& reason)
{
    m_done = true;
    QMetaObject::invokeMethod(
        this,
        [this, reason] {
            if (m_reported) {
                return;
            }
            m_reported = true;
            if (m_thread.joinable()) {
                m_thread.join(); // it has ended: this was its last step
            }
            Q_EMIT finished(reason);
        },
        Qt::QueuedConnection);
}

void TlsPipe::run()
{
    pthread_setname_np(pthread_self(), "shadow-pipe");
    SSL* ssl = m_session.ssl;
    const int tlsFd = m_session.fd;
    const size_t capacity = size_t(m_options.bufferBytes);
    Buffer toPlain(std::max(capacity, size_t(m_toPlainStart.size())));
    Buffer toTls(std::max(capacity, size_t(m_session.unsent.size())));
    toPlain.append(std::exchange(m_toPlainStart, {}));
    toTls.append(std::exchange(m_session.unsent, {}));

    Wait tlsRead = Wait::None;
    Wait tlsWrite = Wait::None;
    bool plainReadBlocked = false;
    bool plainWriteBlocked = false;
    bool tlsEnded = false;   // no more bytes from the TLS side
    bool plainEnded = false; // no more bytes from the plain side
    bool tlsBroken = false;  // no close_notify: the TLS side failed
    bool broken = false;     // a write failed: end without delivering the rest
    QString reason;
    ERR_clear_error();

    while (!m_stopping.load(std::memory_order_relaxed)) {
        bool progress = false;
        // TLS → buffer: as many records as fit.
        while (!tlsEnded && tlsRead == Wait::None && toPlain.room() > 0) {
            const int count =
                SSL_read(ssl, toPlain.tail(), int(std::min<size_t>(toPlain.room(), INT_MAX)));
            if (count > 0) {
                toPlain.produced(size_t(count));
                progress = true;
                continue;
            }
            tlsRead = waitFor(ssl, count);
            if (tlsRead == Wait::None) {
                const int error = SSL_get_error(ssl, count);
                const int saved = errno;
                tlsEnded = true;
                tlsBroken = error != SSL_ERROR_ZERO_RETURN;
                reason = error == SSL_ERROR_ZERO_RETURN
                             ? QStringLiteral("the TLS peer closed the stream")
                             : takeOpenSslErrors(QStringLiteral("the TLS stream ended: %1")
                                                     .arg(error == SSL_ERROR_SYSCALL && count < 0
                                                              ? errnoText(saved)
                                                              : QStringLiteral("no close_notify")));
            }
        }
        // Buffer → plain socket.
        while (toPlain.used() > 0 && !plainWriteBlocked) {
            const ssize_t count = ::send(m_plainFd, toPlain.head(), toPlain.used(), MSG_NOSIGNAL);
            if (count > 0) {
                toPlain.consumed(size_t(count));
                m_fromTls += quint64(count);
                progress = true;
            } else if (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                plainWriteBlocked = true;
            } else if (count < 0 && errno == EINTR) {
                continue;
            } else {
                broken = true;
                reason = QStringLiteral("the plain side failed: %1").arg(errnoText(errno));
                break;
            }
        }
        // Plain socket → buffer.
        while (!broken && !plainEnded && !plainReadBlocked && toTls.room() > 0) {
            const ssize_t count = ::recv(m_plainFd, toTls.tail(), toTls.room(), 0);
            if (count > 0) {
                toTls.produced(size_t(count));
                progress = true;
            } else if (count == 0) {
                plainEnded = true;
                if (reason.isEmpty()) {
                    reason = QStringLiteral("the plain side closed the stream");
                }
            } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
                plainReadBlocked = true;
            } else if (errno != EINTR) {
                plainEnded = true;
                if (reason.isEmpty()) {
                    reason = QStringLiteral("the plain side failed: %1").arg(errnoText(errno));
                }
            }
        }
        // Buffer → TLS: SSL_write cuts it into records, one send() each. More than one record
        // goes out corked, so the kernel packs the records into few segments and wake-ups;
        // a single record (interactive traffic) is pushed at once.
        const bool cork = toTls.used() > RecordBytes && tlsWrite == Wait::None && !tlsBroken;
        if (cork) {
            setCork(tlsFd, true);
        }
        while (!broken && !tlsBroken && toTls.used() > 0 && tlsWrite == Wait::None) {
            const int count =
                SSL_write(ssl, toTls.head(), int(std::min<size_t>(toTls.used(), INT_MAX)));
            if (count > 0) {
                toTls.consumed(size_t(count));
                m_toTls += quint64(count);
                progress = true;
                continue;
            }
            tlsWrite = waitFor(ssl, count);
            if (tlsWrite == Wait::None) {
                const int saved = errno;
                broken = tlsBroken = true;
                reason = takeOpenSslErrors(
                    QStringLiteral("the TLS side failed: %1").arg(errnoText(saved)));
            }
        }
        if (cork) {
            setCork(tlsFd, false); // pushes what is queued
        }
        if (broken || (tlsEnded && toPlain.used() == 0)
            || (plainEnded && (toTls.used() == 0 || tlsBroken))) {
            break;
        }
        if (progress) {
            continue;
        }
        pollfd fds[3] = {
            {tlsFd, eventsFor(tlsRead, tlsWrite), 0},
            {m_plainFd, short((plainReadBlocked ? POLLIN : 0) | (plainWriteBlocked ? POLLOUT : 0)),
             0},
            {m_wakeFd, POLLIN, 0},
        };
        if (::poll(fds, 3, -1) < 0 && errno != EINTR) {
            reason = QStringLiteral("poll failed: %1").arg(errnoText(errno));
            broken = true;
            break;
        }
        if (fds[2].revents) {
            break;
        }
        settle(tlsRead, fds[0].revents);
        settle(tlsWrite, fds[0].revents);
        const short plain = fds[1].revents;
        const bool plainFailed = plain & (POLLERR | POLLHUP | POLLNVAL);
        plainReadBlocked = plainReadBlocked && !(plainFailed || (plain & POLLIN));
        plainWriteBlocked = plainWriteBlocked && !(plainFailed || (plain & POLLOUT));
    }
    if (m_stopping.load()) {
        reason = QStringLiteral("stopped");
    }
    if (!tlsBroken) {
        SSL_shutdown(ssl); // close_notify; one attempt, the descriptor closes now
    }
    ERR_clear_error();
    ::shutdown(tlsFd, SHUT_RDWR);
    ::shutdown(m_plainFd, SHUT_RDWR);
    end(reason);
}

} // namespace steward::tls
