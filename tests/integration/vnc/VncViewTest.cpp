// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/vnc/VncView.h"
#include "agent/vnc/SyntheticScreenSource.h"
#include "agent/vnc/VncServer.h"
#include "console/vnc/VncClient.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QTest>

#include <algorithm>

using steward::agent::vnc::RecordedKey;
using steward::agent::vnc::RecordedPointer;
using steward::agent::vnc::SyntheticScreenSource;
using steward::agent::vnc::VncServer;
using steward::agent::vnc::VncServerOptions;
using steward::console::vnc::keysymFor;
using steward::console::vnc::VncClient;
using steward::console::vnc::VncView;
using steward::test::waitUntil;

namespace {

struct Loopback {
    Loopback() : server(source, options())
    {
        REQUIRE(server.start().ok());
        client.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    }
    static VncServerOptions options()
    {
        VncServerOptions options;
        options.port = 0;
        return options;
    }
    SyntheticScreenSource source;
    VncServer server;
    VncClient client;
};

bool sawPointer(const SyntheticScreenSource& source, QPoint position, int mask)
{
    const auto& events = source.pointerEvents();
    return std::any_of(events.begin(), events.end(), [&](const RecordedPointer& event) {
        return event.position == position && event.buttonMask == mask;
    });
}

bool sawKey(const SyntheticScreenSource& source, std::uint32_t keysym, bool down)
{
    const auto& events = source.keyEvents();
    return std::any_of(events.begin(), events.end(), [&](const RecordedKey& event) {
        return event.keysym == keysym && event.down == down;
    });
}

} // namespace

TEST_CASE("the view paints the remote screen and maps scaled clicks back", "[integration][vnc]")
{
    Loopback loopback;
    VncView view(loopback.client);
    view.resize(320, 240); // half the 640x480 framebuffer
    view.show();
    const QRgb background = 0xff000000u | loopback.source.pattern().background;
    REQUIRE(waitUntil(
        [&] { return !view.image().isNull() && view.image().pixel(10, 10) == background; }));
    const QImage shown = view.grab().toImage();
    CHECK(shown.size() == QSize(320, 240));
    CHECK(shown.pixel(5, 5) == background);

    QTest::mouseClick(&view, Qt::LeftButton, Qt::NoModifier, QPoint(50, 60));
    REQUIRE(waitUntil([&] { return sawPointer(loopback.source, QPoint(100, 120), 1); }));
    REQUIRE(waitUntil([&] { return sawPointer(loopback.source, QPoint(100, 120), 0); }));
}

TEST_CASE("the view sends keys as X11 keysyms", "[integration][vnc]")
{
    Loopback loopback;
    VncView view(loopback.client);
    view.show();
    REQUIRE(waitUntil([&] { return !view.image().isNull(); }));
    QTest::keyClick(&view, Qt::Key_A);
    QTest::keyClick(&view, Qt::Key_Return);
    REQUIRE(waitUntil([&] { return sawKey(loopback.source, 0xff0d, false); }));
    CHECK(sawKey(loopback.source, 0x61, true));
    CHECK(sawKey(loopback.source, 0x61, false));
    CHECK(sawKey(loopback.source, 0xff0d, true));
}

TEST_CASE("Qt keys map to X11 keysyms", "[integration][vnc]")
{
    CHECK(keysymFor(Qt::Key_F1, {}) == 0xffbeu);
    CHECK(keysymFor(Qt::Key_F12, {}) == 0xffc9u);
    CHECK(keysymFor(Qt::Key_Escape, {}) == 0xff1bu);
    CHECK(keysymFor(Qt::Key_A, QStringLiteral("A")) == 0x41u);
    CHECK(keysymFor(Qt::Key_A, {}) == 0x61u);
    CHECK(keysymFor(Qt::Key_Eacute, QStringLiteral("\u00e9")) == 0xe9u);
    CHECK(keysymFor(Qt::Key_unknown, QStringLiteral("\u20ac")) == 0x010020acu);
    CHECK(keysymFor(Qt::Key_unknown, {}) == 0u);
}
