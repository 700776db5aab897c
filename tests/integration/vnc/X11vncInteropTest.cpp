// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/vnc/VncClient.h"
#include "tests/integration/vnc/XvfbFixture.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>

using steward::console::vnc::VncClient;
using steward::test::waitUntil;
using steward::test::XPainter;
using steward::test::Xvfb;

namespace {

// A port that was free a moment ago; x11vnc probes upwards from it, so a race only moves it.
quint16 freePortHint()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 5900;
}

} // namespace

TEST_CASE("the viewer shows x11vnc's screen of a real Xvfb", "[integration][vnc]")
{
    const QString x11vnc = QStandardPaths::findExecutable(QStringLiteral("x11vnc"));
    INFO("x11vnc is a test dependency: scripts/install-deps installs it");
    REQUIRE_FALSE(x11vnc.isEmpty());
    Xvfb xvfb;
    REQUIRE_FALSE(xvfb.display().isEmpty());
    XPainter painter(xvfb.display());
    painter.fill(QRect(0, 0, 320, 240), 0x00204080);
    painter.fill(QRect(160, 120, 16, 16), 0x00f0e0d0);

    QProcess server;
    server.setProcessChannelMode(QProcess::SeparateChannels);
    server.start(x11vnc,
                 {QStringLiteral("-display"), QString::fromLatin1(xvfb.display()),
                  QStringLiteral("-autoport"), QString::number(freePortHint()),
                  QStringLiteral("-listen"), QStringLiteral("127.0.0.1"),
                  QStringLiteral("-localhost"), QStringLiteral("-noipv6"), QStringLiteral("-nopw"),
                  QStringLiteral("-forever"), QStringLiteral("-shared")});
    // x11vnc prints "PORT=N" on stdout once it listens.
    const QRegularExpression portLine(QStringLiteral("PORT=(\\d+)"));
    QByteArray output;
    quint16 port = 0;
    REQUIRE(waitUntil([&] {
        output += server.readAllStandardOutput();
        const auto match = portLine.match(QString::fromLatin1(output));
        port = match.hasMatch() ? match.captured(1).toUShort() : 0;
        return port != 0 || server.state() == QProcess::NotRunning;
    }));
    REQUIRE(port != 0);

    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    REQUIRE(waitUntil([&] { return client.framebuffer().pixel(QPoint(10, 10)) == 0x204080u; }));
    CHECK(client.framebuffer().size() == QSize(320, 240));
    REQUIRE(waitUntil([&] { return client.framebuffer().pixel(QPoint(168, 128)) == 0xf0e0d0u; }));

    painter.fill(QRect(0, 200, 40, 40), 0x00ff00ff);
    REQUIRE(waitUntil([&] { return client.framebuffer().pixel(QPoint(20, 220)) == 0xff00ffu; }));

    client.disconnectFromHost();
    // x11vnc sometimes takes its time over SIGTERM; how it exits is not under test here.
    server.terminate();
    if (!server.waitForFinished(3000)) {
        server.kill();
        server.waitForFinished(3000);
    }
}
