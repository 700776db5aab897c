// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/vnc/X11ScreenSource.h"
#include "console/vnc/VncClient.h"
#include "tests/integration/shadow/ShadowRig.h"
#include "tests/integration/vnc/XvfbFixture.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QImage>
#include <QProcess>
#include <QStandardPaths>

using namespace steward;
using steward::console::shadow::ShadowTunnel;
using steward::console::vnc::VncClient;
using steward::test::waitUntil;

namespace {

void paintPattern(test::XPainter& painter)
{
    painter.fill(QRect(0, 0, 320, 240), 0x00204080);
    // Away from the X pointer, which starts in the middle.
    painter.fill(QRect(240, 40, 16, 16), 0x00f0e0d0);
    painter.fill(QRect(0, 200, 40, 40), 0x00ff00ff);
}

void expectPattern(const VncClient& client)
{
    // x11vnc polls the screen; on a loaded machine its first full frame can take a while.
    REQUIRE(waitUntil([&] { return client.framebuffer().pixel(QPoint(10, 10)) == 0x204080u; },
                      std::chrono::seconds(30)));
    CHECK(client.framebuffer().size() == QSize(320, 240));
    REQUIRE(waitUntil([&] { return client.framebuffer().pixel(QPoint(248, 48)) == 0xf0e0d0u; }));
    REQUIRE(waitUntil([&] { return client.framebuffer().pixel(QPoint(20, 220)) == 0xff00ffu; }));
}

} // namespace

TEST_CASE("x11vnc on Xvfb as the external target reaches the viewer through both proxies",
          "[integration][shadow]")
{
    test::Xvfb xvfb;
    REQUIRE_FALSE(xvfb.display().isEmpty());
    test::XPainter painter(xvfb.display());
    paintPattern(painter);
    QProcess x11vnc;
    const quint16 port = test::startX11vnc(x11vnc, xvfb.display());
    REQUIRE(port != 0);
    {
        test::RigOptions options;
        options.externalPort = port;
        test::ShadowRig rig(options);
        ShadowTunnel tunnel(rig.offer(rig.requestShadow()));
        REQUIRE(test::runTunnel(tunnel));
        REQUIRE(tunnel.state() == ShadowTunnel::State::Listening);
        VncClient client;
        client.connectToHost(QStringLiteral("127.0.0.1"), tunnel.localPort());
        expectPattern(client);
        painter.fill(QRect(100, 20, 20, 20), 0x0000ff00);
        REQUIRE(waitUntil([&] { return client.framebuffer().pixel(QPoint(110, 30)) == 0xff00u; }));
        client.disconnectFromHost();
        REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Finished; }));
    }
    test::stopProcess(x11vnc);
}

TEST_CASE("the X11 source on Xvfb arrives intact through both proxies", "[integration][shadow]")
{
    test::Xvfb xvfb;
    REQUIRE_FALSE(xvfb.display().isEmpty());
    test::XPainter painter(xvfb.display());
    paintPattern(painter);
    agent::vnc::X11ScreenSourceOptions x11;
    x11.display = xvfb.display();
    auto screen = agent::vnc::X11ScreenSource::open(x11);
    REQUIRE(screen.ok());
    test::RigOptions options;
    options.screen = screen->get();
    test::ShadowRig rig(options);
    ShadowTunnel tunnel(rig.offer(rig.requestShadow()));
    REQUIRE(test::runTunnel(tunnel));
    REQUIRE(tunnel.state() == ShadowTunnel::State::Listening);
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), tunnel.localPort());
    expectPattern(client);
    client.disconnectFromHost();
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Finished; }));
}

TEST_CASE("vncsnapshot on the console proxy's port gets the synthetic screen",
          "[integration][shadow]")
{
    const QString vncsnapshot = QStandardPaths::findExecutable(QStringLiteral("vncsnapshot"));
    INFO("vncsnapshot is a test dependency: scripts/install-deps installs it");
    REQUIRE_FALSE(vncsnapshot.isEmpty());
    test::ShadowRig rig;
    rig.source.advance();
    ShadowTunnel tunnel(rig.offer(rig.requestShadow()));
    REQUIRE(test::runTunnel(tunnel));
    REQUIRE(tunnel.state() == ShadowTunnel::State::Listening);

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("screen.jpg"));
    QProcess snapshot;
    snapshot.start(vncsnapshot,
                   {QStringLiteral("-quiet"), QStringLiteral("-nojpeg"),
                    QStringLiteral("-nocursor"), QStringLiteral("-quality"), QStringLiteral("100"),
                    QStringLiteral("127.0.0.1::%1").arg(tunnel.localPort()), file});
    REQUIRE(waitUntil([&] { return snapshot.state() == QProcess::NotRunning; },
                      std::chrono::seconds(20)));
    INFO(snapshot.readAllStandardError().toStdString());
    REQUIRE(snapshot.exitCode() == 0);
    const QImage image(file);
    REQUIRE(image.size() == rig.source.size());
    CHECK(steward::test::nearColour(image.pixel(10, 10), rig.source.pattern().background));
    CHECK(steward::test::nearColour(image.pixel(rig.source.squareAt(1).center()),
                                    rig.source.pattern().square));
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Finished; }));
}
