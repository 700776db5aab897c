// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/vnc/XvfbFixture.h"

#include "tests/support/EventLoop.h"

#include <xcb/xcb.h>

#include <fcntl.h>
#include <unistd.h>

#include <QRegularExpression>
#include <QTcpServer>

#include <cstdlib>
#include <memory>

namespace steward::test {

Xvfb::Xvfb(QSize size)
{
    int fds[2];
    if (::pipe(fds) != 0) {
        return;
    }
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    m_process.start(QStringLiteral("Xvfb"),
                    {QStringLiteral("-displayfd"), QString::number(fds[1]),
                     QStringLiteral("-nolisten"), QStringLiteral("tcp"), QStringLiteral("-screen"),
                     QStringLiteral("0"),
                     QStringLiteral("%1x%2x24").arg(size.width()).arg(size.height())});
    ::close(fds[1]); // the child has its copy
    QByteArray number;
    const bool reported = waitUntil([&] {
        char buffer[16];
        const ssize_t got = ::read(fds[0], buffer, sizeof(buffer));
        if (got > 0) {
            number.append(buffer, got);
        }
        return number.endsWith('\n') || m_process.state() == QProcess::NotRunning;
    });
    ::close(fds[0]);
    if (reported && number.endsWith('\n')) {
        m_display = ':' + number.trimmed();
    }
}

Xvfb::~Xvfb()
{
    stopProcess(m_process);
}

void stopProcess(QProcess& process)
{
    process.terminate();
    if (!process.waitForFinished(3000)) {
        process.kill();
        process.waitForFinished(3000);
    }
}

quint16 startX11vnc(QProcess& process, const QByteArray& display)
{
    quint16 hint = 5900;
    {
        // A port that was free a moment ago; x11vnc probes upwards from it, so a race only
        // moves it.
        QTcpServer probe;
        if (probe.listen(QHostAddress::LocalHost, 0)) {
            hint = probe.serverPort();
        }
    }
    process.start(QStringLiteral("x11vnc"),
                  {QStringLiteral("-display"), QString::fromLatin1(display),
                   QStringLiteral("-autoport"), QString::number(hint), QStringLiteral("-listen"),
                   QStringLiteral("127.0.0.1"), QStringLiteral("-localhost"),
                   QStringLiteral("-noipv6"), QStringLiteral("-nopw"), QStringLiteral("-forever"),
                   QStringLiteral("-shared"), QStringLiteral("-nonap"), QStringLiteral("-wait"),
                   QStringLiteral("5"), QStringLiteral("-defer"), QStringLiteral("5")});
    // x11vnc prints "PORT=N" on stdout once it listens.
    const QRegularExpression portLine(QStringLiteral("PORT=(\\d+)"));
    QByteArray output;
    quint16 port = 0;
    (void)waitUntil([&] {
        output += process.readAllStandardOutput();
        const auto match = portLine.match(QString::fromLatin1(output));
        port = match.hasMatch() ? match.captured(1).toUShort() : 0;
        return port != 0 || process.state() == QProcess::NotRunning;
    });
    return port;
}

XPainter::XPainter(const QByteArray& display)
    : m_connection(xcb_connect(display.constData(), nullptr))
{
    m_screen = xcb_setup_roots_iterator(xcb_get_setup(m_connection)).data;
    m_gc = xcb_generate_id(m_connection);
    xcb_create_gc(m_connection, m_gc, m_screen->root, 0, nullptr);
}

XPainter::~XPainter()
{
    xcb_disconnect(m_connection);
}

void XPainter::fill(const QRect& rect, std::uint32_t colour)
{
    xcb_change_gc(m_connection, m_gc, XCB_GC_FOREGROUND, &colour);
    const xcb_rectangle_t area{std::int16_t(rect.x()), std::int16_t(rect.y()),
                               std::uint16_t(rect.width()), std::uint16_t(rect.height())};
    xcb_poly_fill_rectangle(m_connection, m_screen->root, m_gc, 1, &area);
    sync();
}

QPoint XPainter::pointer()
{
    std::unique_ptr<xcb_query_pointer_reply_t, decltype(&std::free)> reply(
        xcb_query_pointer_reply(m_connection, xcb_query_pointer(m_connection, m_screen->root),
                                nullptr),
        &std::free);
    return reply ? QPoint(reply->root_x, reply->root_y) : QPoint(-1, -1);
}

void XPainter::sync()
{
    // A round trip: the server has executed everything sent before it.
    std::free(xcb_get_input_focus_reply(m_connection, xcb_get_input_focus(m_connection), nullptr));
}

bool nearColour(unsigned int actualArgb, std::uint32_t expected)
{
    constexpr int Tolerance = 12;
    const auto channel = [](std::uint32_t value, int shift) {
        return int((value >> shift) & 0xff);
    };
    return std::abs(channel(actualArgb, 16) - channel(expected, 16)) <= Tolerance
           && std::abs(channel(actualArgb, 8) - channel(expected, 8)) <= Tolerance
           && std::abs(channel(actualArgb, 0) - channel(expected, 0)) <= Tolerance;
}

} // namespace steward::test
