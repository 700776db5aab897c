// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Hidden from ctest ([.]); run: tests_vnc "[bench]" to print frames/s from a 1920x1080 Xvfb.
#include "agent/vnc/VncServer.h"
#include "agent/vnc/X11ScreenSource.h"
#include "console/vnc/VncClient.h"
#include "tests/integration/vnc/XvfbFixture.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QElapsedTimer>

#include <iostream>

using steward::agent::vnc::VncServer;
using steward::agent::vnc::VncServerOptions;
using steward::agent::vnc::X11ScreenSource;
using steward::agent::vnc::X11ScreenSourceOptions;
using steward::console::vnc::VncClient;
using steward::test::startX11vnc;
using steward::test::stopProcess;
using steward::test::waitUntil;
using steward::test::XPainter;
using steward::test::Xvfb;

namespace {

const QSize FullHd(1920, 1080);

// Closed loop: repaint the whole screen in the other colour, wait until the viewer's last pixel
// shows it, repeat for three seconds.
double measure(XPainter& painter, VncClient& client)
{
    const QPoint probe(FullHd.width() - 1, FullHd.height() - 1);
    QElapsedTimer elapsed;
    elapsed.start();
    int frames = 0;
    while (elapsed.elapsed() < 3000) {
        const std::uint32_t colour = frames % 2 == 0 ? 0x00c08040 : 0x00304050;
        painter.fill(QRect(QPoint(0, 0), FullHd), colour);
        REQUIRE(waitUntil([&] { return client.framebuffer().pixel(probe) == colour; }));
        ++frames;
    }
    return double(frames) / (double(elapsed.nsecsElapsed()) / 1e9);
}

} // namespace

TEST_CASE("X11 frames per second, 1920x1080 Xvfb, whole screen repainted", "[.][bench][vnc]")
{
    Xvfb xvfb(FullHd);
    REQUIRE_FALSE(xvfb.display().isEmpty());
    XPainter painter(xvfb.display());

    X11ScreenSourceOptions sourceOptions;
    sourceOptions.display = xvfb.display();
    auto source = X11ScreenSource::open(sourceOptions);
    REQUIRE(source.ok());
    VncServerOptions options;
    options.port = 0;
    VncServer server(**source, options);
    REQUIRE(server.start().ok());
    {
        VncClient client;
        client.connectToHost(QStringLiteral("127.0.0.1"), server.port());
        REQUIRE(waitUntil([&] { return client.state() == VncClient::State::Connected; }));
        std::cout << "agent VncServer (X11 source, damage+shm) 1920x1080: "
                  << measure(painter, client) << " frames/s\n";
    }
    server.stop();

    QProcess x11vnc;
    const quint16 port = startX11vnc(x11vnc, xvfb.display());
    REQUIRE(port != 0);
    {
        VncClient client;
        client.connectToHost(QStringLiteral("127.0.0.1"), port);
        REQUIRE(waitUntil([&] { return client.state() == VncClient::State::Connected; }));
        std::cout << "x11vnc 1920x1080: " << measure(painter, client) << " frames/s\n";
    }
    stopProcess(x11vnc);
}
