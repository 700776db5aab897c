// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/vnc/VncServer.h"

#include "agent/vnc/Logging.h"
#include "common/core/PrintfLog.h"

#include <rfb/rfb.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <vector>

namespace steward::agent::vnc {

namespace {

// libvncserver logs through two global printf-like hooks; route both into our category.
void logMessage(QtMsgType type, const char* format, va_list args)
{
    steward::logPrintf(lcAgentVnc(), type, "libvncserver", format, args);
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
        rfbLog = logInfo;
        rfbErr = logError;
    });
}

bool isIpv4Loopback(const QHostAddress& address)
{
    return address.protocol() == QHostAddress::IPv4Protocol && address.isLoopback();
}

// We bind the listening socket ourselves: libvncserver 0.9.14 cannot listen on port 0 (it only
// listens when port > 0, or probes 5900-5999 with autoPort) and cannot report an OS-chosen port.
// A socket handed over as listenSock is accepted from and closed by libvncserver like its own.
Result<int> listenOn(const QHostAddress& address, quint16 port, quint16& boundPort)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("socket: %1").arg(QString::fromLocal8Bit(strerror(errno))));
    }
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    sockaddr_in socketAddress{};
    socketAddress.sin_family = AF_INET;
    socketAddress.sin_port = htons(port);
    socketAddress.sin_addr.s_addr = htonl(address.toIPv4Address());
    socklen_t length = sizeof(socketAddress);
    if (::bind(fd, reinterpret_cast<sockaddr*>(&socketAddress), length) != 0
        || ::listen(fd, 16) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr*>(&socketAddress), &length) != 0) {
        const QString reason = QString::fromLocal8Bit(strerror(errno));
        ::close(fd);
        return makeError(ErrorCode::ConnectionFailed, QStringLiteral("cannot listen on %1:%2: %3")
                                                          .arg(address.toString())
                                                          .arg(port)
                                                          .arg(reason));
    }
    boundPort = ntohs(socketAddress.sin_port);
    return fd;
}

} // namespace

struct VncServer::Screen {
    rfbScreenInfoPtr info = nullptr;
    std::vector<std::uint32_t> pixels;
    QByteArray desktopName; // libvncserver keeps a pointer to it
};

// The C callbacks find their VncServer through screenData.
struct ScreenCallbacks {
    static VncServer& server(rfbClientPtr client)
    {
        return *static_cast<VncServer*>(client->screen->screenData);
    }
    static void clientGone(rfbClientPtr client) { server(client).handleClientGone(); }
    static rfbNewClientAction newClient(rfbClientPtr client)
    {
        VncServer& self = server(client);
        // libvncserver drops input from a view-only client itself; our handlers drop it again.
        client->viewOnly = self.isViewOnly() ? TRUE : FALSE;
        client->clientGoneHook = clientGone;
        self.handleClientConnected();
        return RFB_CLIENT_ACCEPT;
    }
    static void pointer(int buttonMask, int x, int y, rfbClientPtr client)
    {
        server(client).handlePointer(QPoint(x, y), buttonMask);
    }
    static void key(rfbBool down, rfbKeySym keysym, rfbClientPtr client)
    {
        server(client).handleKey(std::uint32_t(keysym), down != FALSE);
    }
    static void clipboard(char* text, int length, rfbClientPtr client)
    {
        server(client).handleClipboard(QString::fromLatin1(text, std::max(length, 0)));
    }
};

VncServer::VncServer(ScreenSource& source, VncServerOptions options, QObject* parent)
    : QObject(parent), m_source(source), m_options(std::move(options))
{
    m_pumpTimer.setInterval(m_options.pollInterval);
    connect(&m_pumpTimer, &QTimer::timeout, this, &VncServer::pump);
    connect(&m_source, &ScreenSource::changed, this, [this] {
        if (isRunning()) {
            copyFromSource();
            pump();
        }
    });
    connect(&m_source, &ScreenSource::clipboardChanged, this, &VncServer::sendClipboard);
}

VncServer::~VncServer()
{
    stop();
}

bool VncServer::isRunning() const
{
    return m_screen != nullptr;
}

Result<void> VncServer::start()
{
    if (isRunning()) {
        return {};
    }
    if (!isIpv4Loopback(m_options.address)) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the VNC server binds only to loopback, not %1")
                             .arg(m_options.address.toString()));
    }
    const QSize size = m_source.size();
    if (size.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the screen source is empty"));
    }
    installLogHooks();
    quint16 boundPort = 0;
    auto listening = listenOn(m_options.address, m_options.port, boundPort);
    if (!listening) {
        return listening.error();
    }

    auto screen = std::make_unique<Screen>();
    screen->pixels.assign(std::size_t(size.width()) * std::size_t(size.height()), 0);
    screen->desktopName = m_options.desktopName.toUtf8();
    int argc = 0;
    rfbScreenInfoPtr info = rfbGetScreen(&argc, nullptr, size.width(), size.height(), 8, 3, 4);
    if (info == nullptr) {
        ::close(*listening);
        return makeError(ErrorCode::Internal, QStringLiteral("rfbGetScreen failed"));
    }
    screen->info = info;
    // XRGB in native (little-endian) order: blue is the lowest byte.
    info->serverFormat.redShift = 16;
    info->serverFormat.greenShift = 8;
    info->serverFormat.blueShift = 0;
    info->frameBuffer = reinterpret_cast<char*>(screen->pixels.data());
    info->desktopName = screen->desktopName.constData();
    info->screenData = this;
    info->autoPort = FALSE;
    info->port = 0; // no listening by libvncserver itself: we hand it our loopback socket
    info->ipv6port = 0;
    info->listenInterface = htonl(m_options.address.toIPv4Address());
    info->alwaysShared = TRUE; // a second viewer joins instead of evicting the first
    info->cursor = nullptr;    // no server-drawn cursor: viewers see exactly the source's pixels
    info->newClientHook = ScreenCallbacks::newClient;
    info->ptrAddEvent = ScreenCallbacks::pointer;
    info->kbdAddEvent = ScreenCallbacks::key;
    info->setXCutText = ScreenCallbacks::clipboard;
    rfbInitServer(info);
    info->listenSock = *listening;
    FD_SET(info->listenSock, &info->allFds);
    info->maxFd = std::max(info->maxFd, info->listenSock);

    m_screen = std::move(screen);
    m_port = boundPort;
    copyFromSource();
    m_pumpTimer.start();
    qCInfo(lcAgentVnc, "listening address=%s port=%u size=%dx%d viewOnly=%s",
           qUtf8Printable(m_options.address.toString()), unsigned(m_port), size.width(),
           size.height(), m_options.viewOnly ? "yes" : "no");
    return {};
}

void VncServer::stop()
{
    if (!isRunning()) {
        return;
    }
    m_pumpTimer.stop();
    rfbShutdownServer(m_screen->info, TRUE); // closes the listening socket and every client
    rfbScreenCleanup(m_screen->info);        // frees the clients; their gone hooks run here
    m_screen.reset();
    qCInfo(lcAgentVnc, "stopped port=%u", unsigned(m_port));
    m_port = 0;
}

void VncServer::setDesktopName(const QString& name)
{
    m_options.desktopName = name;
    if (isRunning()) {
        // libvncserver reads the pointer at each viewer's ServerInit, on this thread only.
        m_screen->desktopName = name.toUtf8();
        m_screen->info->desktopName = m_screen->desktopName.constData();
    }
}

void VncServer::setPollInterval(std::chrono::milliseconds interval)
{
    m_options.pollInterval = interval;
    m_pumpTimer.setInterval(interval);
}

void VncServer::pump()
{
    // Zero timeout: select() only polls, so the Qt event loop is never held up waiting.
    rfbProcessEvents(m_screen->info, 0);
}

void VncServer::copyFromSource()
{
    const QSize size = m_source.size();
    const FramebufferView view{m_screen->pixels.data(), size, size.width()};
    const QRegion changed = m_source.copyChanges(view);
    for (const QRect& rect : changed) {
        rfbMarkRectAsModified(m_screen->info, rect.left(), rect.top(), rect.right() + 1,
                              rect.bottom() + 1);
    }
}

void VncServer::handleClientConnected()
{
    ++m_clientCount;
    qCInfo(lcAgentVnc, "viewer connected clients=%d", m_clientCount);
    Q_EMIT clientCountChanged(m_clientCount);
}

void VncServer::handleClientGone()
{
    --m_clientCount;
    qCInfo(lcAgentVnc, "viewer disconnected clients=%d", m_clientCount);
    Q_EMIT clientCountChanged(m_clientCount);
}

void VncServer::handlePointer(QPoint position, int buttonMask)
{
    if (m_options.viewOnly) {
        ++m_droppedInput;
        return;
    }
    m_source.injectPointer(position, buttonMask);
}

void VncServer::handleKey(std::uint32_t keysym, bool down)
{
    if (m_options.viewOnly) {
        ++m_droppedInput;
        return;
    }
    m_source.injectKey(keysym, down);
}

void VncServer::handleClipboard(const QString& text)
{
    // In view-only mode a viewer's clipboard is input like any other: dropped and counted.
    if (m_options.viewOnly) {
        ++m_droppedInput;
        return;
    }
    m_source.setClipboard(text);
    Q_EMIT clipboardReceived(text);
}

void VncServer::sendClipboard(const QString& text)
{
    if (!m_screen || m_screen->info == nullptr) {
        return;
    }
    QByteArray latin1 = text.toLatin1(); // RFB ServerCutText is ISO 8859-1
    rfbSendServerCutText(m_screen->info, latin1.data(), int(latin1.size()));
}

} // namespace steward::agent::vnc
