// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_shadow_fps - frames/s of a full-screen-changing 1920x1080 seen by the console's
// VncClient through the shadow tunnels (and straight, for reference), for the agent's
// VncServer (synthetic source; X11 source on Xvfb) and for x11vnc on the same Xvfb.
#include "agent/vnc/SyntheticScreenSource.h"
#include "agent/vnc/VncServer.h"
#include "agent/vnc/X11ScreenSource.h"
#include "console/vnc/VncClient.h"
#include "tests/bench/shadow/ShadowBenchRig.h"
#include "tests/integration/vnc/XvfbFixture.h"
#include "tests/support/EventLoop.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace steward;
using bench::ShadowPath;
using bench::Worker;
using console::vnc::VncClient;

namespace {

const QSize FullHd(1920, 1080);
const QPoint Probe(1919, 1079); // the last pixel: once it shows a frame, the frame arrived

/** Changes the whole screen to frame n; whether the viewer shows frame n. */
struct Screen {
    std::function<void(int frame)> change;
    std::function<bool(const VncClient& client, int frame)> shows;
};

// Closed loop: the next frame is produced only once the viewer shows the previous one.
double framesPerSecond(quint16 port, const Screen& screen, int milliseconds)
{
    VncClient client;
    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    int frame = 0;
    screen.change(frame);
    if (!test::waitUntil([&] { return screen.shows(client, frame); }, std::chrono::seconds(30))) {
        std::fprintf(stderr, "the viewer never showed the first frame\n");
        return 0;
    }
    QElapsedTimer elapsed;
    elapsed.start();
    while (elapsed.elapsed() < milliseconds) {
        screen.change(++frame);
        if (!test::waitUntil([&] { return screen.shows(client, frame); },
                             std::chrono::seconds(30))) {
            std::fprintf(stderr, "frame %d never arrived\n", frame);
            return 0;
        }
    }
    return double(frame) / (double(elapsed.nsecsElapsed()) / 1e9);
}

// Straight to the VNC server, then through a direct and a relay tunnel, after a warm-up.
void measurePaths(const char* server, quint16 vncPort, const Screen& screen, int milliseconds)
{
    const auto report = [&](const char* path, double fps, const QString& cipher) {
        std::printf("| %s | %s | %.1f | %s |\n", server, path, fps, qPrintable(cipher));
        std::fflush(stdout);
    };
    // Untimed warm-up: a server's first viewer (x11vnc's especially) starts slower.
    (void)framesPerSecond(vncPort, screen, 1000);
    report("straight (no tunnel)", framesPerSecond(vncPort, screen, milliseconds),
           QStringLiteral("none"));
    for (const bool relay : {false, true}) {
        ShadowPath path(vncPort, relay);
        const quint16 entry = path.open();
        report(relay ? "relay tunnel" : "direct tunnel",
               entry ? framesPerSecond(entry, screen, milliseconds) : 0, path.cipher());
    }
}

void synthetic(int milliseconds)
{
    Worker vnc(QStringLiteral("vnc"));
    agent::vnc::SyntheticPattern pattern;
    pattern.size = FullHd;
    pattern.fullFrameChanges = true;
    agent::vnc::SyntheticScreenSource source(pattern);
    std::unique_ptr<agent::vnc::VncServer> server;
    int tick = 0;
    vnc.run([&] {
        agent::vnc::VncServerOptions options;
        options.port = 0;
        server = std::make_unique<agent::vnc::VncServer>(source, options);
        (void)server->start();
    });
    Screen screen;
    screen.change = [&](int frame) {
        if (frame > 0) {
            vnc.run([&] {
                source.advance();
                tick = source.tick();
            });
        }
    };
    screen.shows = [&](const VncClient& client, int) {
        return client.framebuffer().pixel(Probe) == source.pixelAt(Probe, tick);
    };
    measurePaths("agent VncServer, synthetic source", server->port(), screen, milliseconds);
    vnc.run([&] { server.reset(); });
}

void x11(int milliseconds)
{
    test::Xvfb xvfb(FullHd);
    if (xvfb.display().isEmpty()) {
        std::fprintf(stderr, "Xvfb did not start\n");
        return;
    }
    test::XPainter painter(xvfb.display());
    const auto colour = [](int frame) { return frame % 2 == 0 ? 0x00c08040u : 0x00304050u; };
    Screen screen;
    screen.change = [&](int frame) { painter.fill(QRect(QPoint(0, 0), FullHd), colour(frame)); };
    screen.shows = [&](const VncClient& client, int frame) {
        return client.framebuffer().pixel(Probe) == colour(frame);
    };
    {
        Worker vnc(QStringLiteral("vnc"));
        std::unique_ptr<agent::vnc::X11ScreenSource> source;
        std::unique_ptr<agent::vnc::VncServer> server;
        vnc.run([&] {
            agent::vnc::X11ScreenSourceOptions sourceOptions;
            sourceOptions.display = xvfb.display();
            auto opened = agent::vnc::X11ScreenSource::open(sourceOptions);
            if (!opened.ok()) {
                return;
            }
            source = std::move(*opened);
            agent::vnc::VncServerOptions options;
            options.port = 0;
            server = std::make_unique<agent::vnc::VncServer>(*source, options);
            (void)server->start();
        });
        if (server) {
            measurePaths("agent VncServer, X11 source (Xvfb)", server->port(), screen,
                         milliseconds);
        }
        vnc.run([&] {
            server.reset();
            source.reset();
        });
    }
    QProcess x11vnc;
    const quint16 port = test::startX11vnc(x11vnc, xvfb.display());
    if (port == 0) {
        std::fprintf(stderr, "x11vnc did not start\n");
        return;
    }
    measurePaths("x11vnc (-nonap -wait 5 -defer 5), same Xvfb", port, screen, milliseconds);
    test::stopProcess(x11vnc);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("seconds"), QStringLiteral("Seconds per measurement."),
                      QStringLiteral("N"), QStringLiteral("3")});
    parser.process(app);
    const int milliseconds = parser.value(QStringLiteral("seconds")).toInt() * 1000;
    std::printf("| VNC server | path | frames/s | TLS |\n|---|---|---|---|\n");
    synthetic(milliseconds);
    x11(milliseconds);
    return 0;
}
