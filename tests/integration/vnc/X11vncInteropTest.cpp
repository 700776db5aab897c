// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/vnc/VncClient.h"
#include "tests/integration/vnc/XvfbFixture.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QProcess>
#include <QStandardPaths>

using steward::console::vnc::VncClient;
using steward::test::startX11vnc;
using steward::test::stopProcess;
using steward::test::waitUntil;
using steward::test::XPainter;
using steward::test::Xvfb;

TEST_CASE("the viewer shows x11vnc's screen of a real Xvfb", "[integration][vnc]")
{
    const QString x11vnc = QStandardPaths::findExecutable(QStringLiteral("x11vnc"));
    INFO("x11vnc is a test dependency: scripts/install-deps installs it");
    REQUIRE_FALSE(x11vnc.isEmpty());
    Xvfb xvfb;
    REQUIRE_FALSE(xvfb.display().isEmpty());
    XPainter painter(xvfb.display());
    painter.fill(QRect(0, 0, 320, 240), 0x00204080);
    // Away from the X pointer, which starts in the middle and which x11vnc may draw.
    painter.fill(QRect(240, 40, 16, 16), 0x00f0e0d0);

    QProcess server;
    const quint16 port = startX11vnc(server, xvfb.display());
    REQUIRE(port != 0);

    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    REQUIRE(waitUntil([&] { return client.framebuffer().pixel(QPoint(10, 10)) == 0x204080u; }));
    CHECK(client.framebuffer().size() == QSize(320, 240));
    REQUIRE(waitUntil([&] { return client.framebuffer().pixel(QPoint(248, 48)) == 0xf0e0d0u; }));

    painter.fill(QRect(0, 200, 40, 40), 0x00ff00ff);
    REQUIRE(waitUntil([&] { return client.framebuffer().pixel(QPoint(20, 220)) == 0xff00ffu; }));

    client.disconnectFromHost();
    stopProcess(server); // how x11vnc exits is not under test here
}
