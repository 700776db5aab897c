// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Hidden from ctest ([.]); run: tests_vnc "[bench]" to print frames/s of the loopback.
#include "agent/vnc/SyntheticScreenSource.h"
#include "agent/vnc/VncServer.h"
#include "console/vnc/VncClient.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QElapsedTimer>

#include <iostream>

using steward::agent::vnc::SyntheticPattern;
using steward::agent::vnc::SyntheticScreenSource;
using steward::agent::vnc::VncServer;
using steward::agent::vnc::VncServerOptions;
using steward::console::vnc::VncClient;
using steward::test::waitUntil;

TEST_CASE("loopback frames per second, 1920x1080, every pixel changing", "[.][bench][vnc]")
{
    SyntheticPattern pattern;
    pattern.size = QSize(1920, 1080);
    pattern.fullFrameChanges = true;
    SyntheticScreenSource source(pattern);
    VncServerOptions options;
    options.port = 0;
    VncServer server(source, options);
    REQUIRE(server.start().ok());
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    const QPoint probe(1919, 1079); // the last pixel: the whole frame has arrived
    REQUIRE(
        waitUntil([&] { return client.framebuffer().pixel(probe) == source.pixelAt(probe, 0); }));

    // Closed loop: the next frame is produced only once the viewer shows the previous one.
    QElapsedTimer elapsed;
    elapsed.start();
    int frames = 0;
    while (elapsed.elapsed() < 3000) {
        source.advance();
        const int tick = source.tick();
        REQUIRE(waitUntil(
            [&] { return client.framebuffer().pixel(probe) == source.pixelAt(probe, tick); }));
        ++frames;
    }
    const double seconds = double(elapsed.nsecsElapsed()) / 1e9;
    std::cout << "vnc loopback 1920x1080 full-frame: " << frames << " frames in " << seconds
              << " s = " << double(frames) / seconds << " frames/s\n";
    CHECK(frames > 0);
}
