// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/vnc/VncClient.h"

#include "common/core/PrintfLog.h"
#include "console/vnc/Logging.h"

#include <rfb/rfbclient.h>

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <QDeadlineTimer>
#include <QScopeGuard>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <type_traits>
#include <utility>
#include <vector>

namespace steward::console::vnc {

namespace {

constexpr std::size_t MaxQueuedInput = 4096;
constexpr int ConnectTimeoutMs = 10000;
constexpr unsigned ReadTimeoutSeconds = 15;
constexpr int PollSliceMs = 100;        // how often a connecting thread checks the stop flag
constexpr unsigned WaitSliceUs = 10000; // how long the VNC thread waits for a server message
int clientDataTag;                      // its address keys our data in rfbClientSetClientData

void logMessage(QtMsgType type, const char* format, va_list args)
{
    steward::logPrintf(lcConsoleVnc(), type, "libvncclient", format, args);
}

void logInfo(const char* format, ...)
{
    va_list args;
    va_start(args, format);
    logMessage(QtDebugMsg, format, args);
    va_end(args);
}

void logError(const char* format, ...)
{
    va_list args;
    va_start(args, format);
    logMessage(QtWarningMsg, format, args);
    va_end(args);
}

void installLogHooks()
{
    static std::once_flag once;
    std::call_once(once, [] {
        rfbClientLog = logInfo;
        rfbClientErr = logError;
    });
}

ErrorCode errorCodeFor(VncClient::Failure failure)
{
    switch (failure) {
    case VncClient::Failure::None:
        return ErrorCode::Internal;
    case VncClient::Failure::ConnectionRefused:
    case VncClient::Failure::Unreachable:
        return ErrorCode::ConnectionFailed;
    case VncClient::Failure::ProtocolError:
        return ErrorCode::MalformedMessage;
    case VncClient::Failure::AuthenticationRequired:
        return ErrorCode::Unauthenticated;
    case VncClient::Failure::ConnectionLost:
        return ErrorCode::ConnectionClosed;
    }
    return ErrorCode::Internal;
}

struct Connected {
    int fd = -1;
    VncClient::Failure failure = VncClient::Failure::None;
    QString message;
};

// Waits for a non-blocking connect in short slices so a stop request is honoured quickly.
int awaitConnect(int fd, const std::atomic<bool>& stop)
{
    QDeadlineTimer deadline(ConnectTimeoutMs);
    pollfd pending{fd, POLLOUT, 0};
    while (!stop && !deadline.hasExpired()) {
        const int ready = ::poll(&pending, 1, PollSliceMs);
        if (ready > 0) {
            int error = 0;
            socklen_t length = sizeof(error);
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
            return error;
        }
        if (ready < 0 && errno != EINTR) {
            return errno;
        }
    }
    return stop ? ECANCELED : ETIMEDOUT;
}

// We connect ourselves rather than letting libvncclient do it: only then can a refused
// connection be told apart from a failed handshake, and a stop request cut a slow connect short.
Connected connectTcp(const QString& host, quint16 port, const std::atomic<bool>& stop)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const QByteArray service = QByteArray::number(port);
    if (::getaddrinfo(host.toUtf8().constData(), service.constData(), &hints, &found) != 0) {
        return {-1, VncClient::Failure::Unreachable, QStringLiteral("cannot resolve %1").arg(host)};
    }
    const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, ::freeaddrinfo);
    int lastError = EHOSTUNREACH;
    for (addrinfo* candidate = found; candidate != nullptr; candidate = candidate->ai_next) {
        const int fd = ::socket(candidate->ai_family,
                                candidate->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            lastError = errno;
            continue;
        }
        lastError = ::connect(fd, candidate->ai_addr, candidate->ai_addrlen) == 0 ? 0 : errno;
        if (lastError == EINPROGRESS) {
            lastError = awaitConnect(fd, stop);
        }
        if (lastError == 0) {
            const int blocking = ::fcntl(fd, F_GETFL) & ~O_NONBLOCK; // libvncclient expects it
            ::fcntl(fd, F_SETFL, blocking);
            const int one = 1;
            ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
            return {fd, VncClient::Failure::None, {}};
        }
        ::close(fd);
    }
    const QString where = QStringLiteral("%1:%2").arg(host).arg(port);
    if (lastError == ECONNREFUSED) {
        return {-1, VncClient::Failure::ConnectionRefused,
                QStringLiteral("connection refused by %1").arg(where)};
    }
    return {-1, VncClient::Failure::Unreachable,
            QStringLiteral("cannot connect to %1: %2")
                .arg(where, QString::fromLocal8Bit(strerror(lastError)))};
}

} // namespace

// What the VNC thread keeps for one connection; reached from the C callbacks via client data.
struct VncClient::Session {
    Session(VncClient& client, int connectionGeneration)
        : owner(client), generation(connectionGeneration)
    {}

    VncClient& owner;
    int generation = 0;
    rfbClient* client = nullptr;
    std::vector<std::uint32_t> pixels; // libvncclient decodes into this
    QRect dirty;
    bool passwordAsked = false;
};

struct ClientCallbacks {
    static VncClient::Session& session(rfbClient* client)
    {
        return *static_cast<VncClient::Session*>(rfbClientGetClientData(client, &clientDataTag));
    }
    static rfbBool allocate(rfbClient* client)
    {
        VncClient::Session& self = session(client);
        self.pixels.assign(std::size_t(client->width) * std::size_t(client->height), 0);
        client->frameBuffer = reinterpret_cast<uint8_t*>(self.pixels.data());
        self.owner.m_framebuffer.resize(QSize(client->width, client->height));
        return TRUE;
    }
    static void gotUpdate(rfbClient* client, int x, int y, int w, int h)
    {
        session(client).dirty |= QRect(x, y, w, h);
    }
    static void finishedUpdate(rfbClient* client)
    {
        VncClient::Session& self = session(client);
        if (self.dirty.isEmpty()) {
            return;
        }
        // Publish only complete updates, so the GUI never sees half of one.
        self.owner.m_framebuffer.write(self.dirty, self.pixels.data(), client->width);
        ++self.owner.m_updatesReceived;
        self.owner.reportFrame(self.generation, self.dirty);
        self.dirty = QRect();
    }
    static void gotClipboard(rfbClient* client, const char* text, int length)
    {
        VncClient::Session& self = session(client);
        self.owner.reportClipboard(self.generation, QString::fromLatin1(text, std::max(length, 0)));
    }
    static char* password(rfbClient* client)
    {
        // No password store yet: Steward's shadow path authenticates with tickets, not VNC auth.
        session(client).passwordAsked = true;
        return nullptr;
    }
};

VncClient::VncClient(QObject* parent) : QObject(parent)
{
    // libvncclient writes with plain write(): a server that drops the connection mid-write
    // would raise SIGPIPE and end the whole console. Ignored, the write fails with EPIPE and
    // the client reports the connection lost.
    static std::once_flag ignoreSigpipe;
    std::call_once(ignoreSigpipe, [] { std::signal(SIGPIPE, SIG_IGN); });
}

VncClient::~VncClient()
{
    m_stop = true;
    wakeThread();
    if (m_thread) {
        m_thread->wait();
    }
}

void VncClient::connectToHost(const QString& host, quint16 port)
{
    disconnectFromHost();
    {
        std::lock_guard lock(m_inputMutex);
        m_input.clear();
    }
    m_stop = false;
    const int generation = ++m_generation;
    applyState(State::Connecting, Failure::None, {});
    m_thread.reset(
        QThread::create([this, host, port, generation] { run(host, port, generation); }));
    m_thread->setObjectName(QStringLiteral("vnc-client"));
    m_thread->start();
}

void VncClient::disconnectFromHost()
{
    m_stop = true;
    wakeThread();
    if (m_thread) {
        m_thread->wait();
        m_thread.reset();
    }
    ++m_generation; // anything the thread still had queued for us is stale now
    if (m_state == State::Connecting || m_state == State::Connected) {
        applyState(State::Disconnected, Failure::None, {});
    }
}

void VncClient::sendInput(const InputEvent& event)
{
    std::lock_guard lock(m_inputMutex);
    if (m_input.size() >= MaxQueuedInput) {
        m_input.pop_front();
    }
    m_input.push_back(event);
}

void VncClient::sendClipboard(const QString& text)
{
    sendInput(ClipboardEvent{text.toLatin1()});
}

void VncClient::setWakeSocket(int fd)
{
    std::lock_guard lock(m_socketMutex);
    if (m_wakeSocket >= 0) {
        ::close(m_wakeSocket);
    }
    m_wakeSocket = fd >= 0 ? ::fcntl(fd, F_DUPFD_CLOEXEC, 0) : -1;
}

void VncClient::wakeThread()
{
    std::lock_guard lock(m_socketMutex);
    if (m_wakeSocket >= 0) {
        ::shutdown(m_wakeSocket, SHUT_RDWR); // affects the socket, so libvncclient's fd too
    }
}

std::deque<InputEvent> VncClient::takeInput()
{
    std::lock_guard lock(m_inputMutex);
    return std::exchange(m_input, {});
}

void VncClient::applyState(State state, Failure failure, const QString& message)
{
    m_state = state;
    m_failure = failure;
    m_error = failure == Failure::None ? Error{} : Error{errorCodeFor(failure), message};
    Q_EMIT stateChanged(state);
}

void VncClient::reportState(int generation, State state, Failure failure, const QString& message)
{
    QMetaObject::invokeMethod(
        this,
        [this, generation, state, failure, message] {
            if (generation == m_generation) {
                applyState(state, failure, message);
            }
        },
        Qt::QueuedConnection);
}

void VncClient::reportFrame(int generation, QRect rect)
{
    QMetaObject::invokeMethod(
        this,
        [this, generation, rect] {
            if (generation == m_generation) {
                Q_EMIT frameUpdated(rect);
            }
        },
        Qt::QueuedConnection);
}

void VncClient::reportClipboard(int generation, const QString& text)
{
    QMetaObject::invokeMethod(
        this,
        [this, generation, text] {
            if (generation == m_generation) {
                Q_EMIT clipboardReceived(text);
            }
        },
        Qt::QueuedConnection);
}

void VncClient::run(const QString& host, quint16 port, int generation)
{
    installLogHooks();
    Connected connected = connectTcp(host, port, m_stop);
    if (connected.fd < 0) {
        qCInfo(lcConsoleVnc, "connect failed host=%s port=%u reason=%s", qUtf8Printable(host),
               unsigned(port), qUtf8Printable(connected.message));
        reportState(generation, State::Failed, connected.failure, connected.message);
        return;
    }
    setWakeSocket(connected.fd);
    const auto forgetSocket = qScopeGuard([this] { setWakeSocket(-1); });
    if (m_stop) { // stopped before the wake socket existed: nobody could have woken us later
        ::close(connected.fd);
        return;
    }
    Session session(*this, generation);
    rfbClient* client = rfbGetClient(8, 3, 4);
    session.client = client;
    rfbClientSetClientData(client, &clientDataTag, &session);
    client->MallocFrameBuffer = ClientCallbacks::allocate;
    client->GotFrameBufferUpdate = ClientCallbacks::gotUpdate;
    client->FinishedFrameBufferUpdate = ClientCallbacks::finishedUpdate;
    client->GetPassword = ClientCallbacks::password;
    client->GotXCutText = ClientCallbacks::gotClipboard;
    // XRGB in native order, the layout of QImage::Format_RGB32.
    client->format.redShift = 16;
    client->format.greenShift = 8;
    client->format.blueShift = 0;
    client->readTimeout = ReadTimeoutSeconds; // a half-open connection fails instead of hanging
    client->appData.enableJPEG = FALSE;       // lossless: an administrator must read text exactly
    std::free(client->serverHost); // rfbGetClient's placeholder; rfbClientCleanup frees ours
    client->serverHost = strdup(host.toUtf8().constData());
    client->serverPort = port;
    // Hand over our connected socket; libvncclient then skips its own connect.
    client->sock = connected.fd;
    client->listenSpecified = TRUE;
    if (!rfbInitClient(client, nullptr, nullptr)) { // frees client and closes the socket
        if (m_stop) {
            return; // disconnectFromHost() cut the handshake short; it reports the state
        }
        const Failure failure =
            session.passwordAsked ? Failure::AuthenticationRequired : Failure::ProtocolError;
        const QString message =
            session.passwordAsked
                ? QStringLiteral("%1:%2 requires a VNC password").arg(host).arg(port)
                : QStringLiteral("RFB handshake with %1:%2 failed").arg(host).arg(port);
        qCInfo(lcConsoleVnc, "handshake failed host=%s port=%u reason=%s", qUtf8Printable(host),
               unsigned(port), qUtf8Printable(message));
        reportState(generation, State::Failed, failure, message);
        return;
    }
    qCInfo(lcConsoleVnc, "connected host=%s port=%u size=%dx%d", qUtf8Printable(host),
           unsigned(port), client->width, client->height);
    reportState(generation, State::Connected, Failure::None, {});
    runSession(session);
    rfbClientCleanup(client);
    qCInfo(lcConsoleVnc, "disconnected host=%s port=%u", qUtf8Printable(host), unsigned(port));
}

void VncClient::runSession(Session& session)
{
    rfbClient* client = session.client;
    while (!m_stop) {
        for (const InputEvent& event : takeInput()) {
            std::visit(
                [client](const auto& input) {
                    using T = std::decay_t<decltype(input)>;
                    if constexpr (std::is_same_v<T, KeyEvent>) {
                        SendKeyEvent(client, input.keysym, input.down ? TRUE : FALSE);
                    } else if constexpr (std::is_same_v<T, ClipboardEvent>) {
                        QByteArray text = input.latin1; // libvncclient wants a mutable buffer
                        SendClientCutText(client, text.data(), int(text.size()));
                    } else {
                        SendPointerEvent(client, input.position.x(), input.position.y(),
                                         input.buttonMask);
                    }
                },
                event);
        }
        const int ready = WaitForMessage(client, WaitSliceUs);
        if (ready < 0 || (ready > 0 && !HandleRFBServerMessage(client))) {
            if (m_stop) {
                return; // our own shutdown of the socket woke us
            }
            qCInfo(lcConsoleVnc, "connection lost host=%s", client->serverHost);
            reportState(session.generation, State::Failed, Failure::ConnectionLost,
                        QStringLiteral("the VNC server closed the connection"));
            return;
        }
    }
}

} // namespace steward::console::vnc
