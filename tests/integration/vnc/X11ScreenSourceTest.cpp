// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/vnc/X11ScreenSource.h"
#include "agent/vnc/VncServer.h"
#include "console/vnc/VncClient.h"
#include "tests/integration/vnc/XvfbFixture.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <cstdlib>
#include <memory>
#include <vector>

using steward::agent::vnc::FramebufferView;
using steward::agent::vnc::VncServer;
using steward::agent::vnc::VncServerOptions;
using steward::agent::vnc::X11ScreenSource;
using steward::agent::vnc::X11ScreenSourceOptions;
using steward::console::vnc::VncClient;
using steward::test::waitUntil;
using steward::test::XPainter;
using steward::test::Xvfb;

namespace {

struct Capture {
    explicit Capture(QSize size)
        : pixels(std::size_t(size.width()) * std::size_t(size.height())), view{pixels.data(), size,
                                                                               size.width()}
    {}
    std::uint32_t at(QPoint position) const
    {
        return pixels[std::size_t(position.y()) * std::size_t(view.stridePixels)
                      + std::size_t(position.x())]
               & 0x00ffffff;
    }
    std::vector<std::uint32_t> pixels;
    FramebufferView view;
};

std::unique_ptr<X11ScreenSource> openSource(const QByteArray& display, bool useDamage)
{
    X11ScreenSourceOptions options;
    options.display = display;
    options.useDamage = useDamage;
    options.pollInterval = std::chrono::milliseconds(20);
    auto source = X11ScreenSource::open(options);
    REQUIRE(source.ok());
    return std::move(source.value());
}

} // namespace

TEST_CASE("the X11 source captures Xvfb's root window as damage reports it", "[integration][vnc]")
{
    Xvfb xvfb;
    REQUIRE_FALSE(xvfb.display().isEmpty());
    auto source = openSource(xvfb.display(), true);
    CHECK(source->size() == QSize(320, 240));
    CHECK(source->usesDamage());
    CHECK(source->usesSharedMemory());

    Capture capture(source->size());
    CHECK(source->copyChanges(capture.view) == QRegion(QRect(0, 0, 320, 240)));

    int changes = 0;
    QObject::connect(source.get(), &X11ScreenSource::changed, [&changes] { ++changes; });
    XPainter painter(xvfb.display());
    painter.fill(QRect(0, 0, 320, 240), 0x00336699);
    REQUIRE(waitUntil([&] { return changes > 0; }));
    REQUIRE(waitUntil([&] {
        source->copyChanges(capture.view);
        return capture.at(QPoint(10, 10)) == 0x336699u;
    }));
    CHECK(capture.at(QPoint(319, 239)) == 0x336699u);

    painter.fill(QRect(100, 50, 20, 10), 0x00ff0000);
    REQUIRE(waitUntil([&] {
        const QRegion changed = source->copyChanges(capture.view);
        return changed.contains(QPoint(105, 55)) && capture.at(QPoint(105, 55)) == 0xff0000u;
    }));
    CHECK(capture.at(QPoint(10, 10)) == 0x336699u);
}

TEST_CASE("the X11 source finds changes by polling when damage is off", "[integration][vnc]")
{
    Xvfb xvfb;
    REQUIRE_FALSE(xvfb.display().isEmpty());
    auto source = openSource(xvfb.display(), false);
    CHECK_FALSE(source->usesDamage());
    Capture capture(source->size());
    (void)source->copyChanges(capture.view);

    XPainter painter(xvfb.display());
    painter.fill(QRect(200, 100, 8, 8), 0x0000ff00);
    QRegion changed;
    REQUIRE(waitUntil([&] {
        changed += source->copyChanges(capture.view);
        return capture.at(QPoint(203, 103)) == 0x00ff00u;
    }));
    // Only the one 64-pixel tile that holds the square was sent.
    CHECK(changed == QRegion(QRect(192, 64, 64, 64)));
}

TEST_CASE("the X11 source moves Xvfb's pointer through XTest", "[integration][vnc]")
{
    Xvfb xvfb;
    REQUIRE_FALSE(xvfb.display().isEmpty());
    auto source = openSource(xvfb.display(), true);
    XPainter painter(xvfb.display());
    source->injectPointer(QPoint(50, 60), 0);
    REQUIRE(waitUntil([&] { return painter.pointer() == QPoint(50, 60); }));
    source->injectPointer(QPoint(200, 17), 1);
    source->injectPointer(QPoint(200, 17), 0);
    REQUIRE(waitUntil([&] { return painter.pointer() == QPoint(200, 17); }));
}

TEST_CASE("a viewer sees Xvfb's pixels through the agent's VNC server", "[integration][vnc]")
{
    Xvfb xvfb;
    REQUIRE_FALSE(xvfb.display().isEmpty());
    XPainter painter(xvfb.display());
    painter.fill(QRect(0, 0, 320, 240), 0x00123456);
    auto source = openSource(xvfb.display(), true);
    VncServerOptions options;
    options.port = 0;
    VncServer server(*source, options);
    REQUIRE(server.start().ok());

    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    REQUIRE(waitUntil([&] { return client.framebuffer().pixel(QPoint(10, 10)) == 0x123456u; }));
    painter.fill(QRect(300, 200, 10, 10), 0x00abcdef);
    REQUIRE(waitUntil([&] { return client.framebuffer().pixel(QPoint(305, 205)) == 0xabcdefu; }));
    CHECK(client.framebuffer().pixel(QPoint(10, 10)) == 0x123456u);
}
