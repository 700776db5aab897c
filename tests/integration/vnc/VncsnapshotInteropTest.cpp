// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/vnc/SyntheticScreenSource.h"
#include "agent/vnc/VncServer.h"
#include "tests/integration/vnc/XvfbFixture.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using steward::agent::vnc::SyntheticScreenSource;
using steward::agent::vnc::VncServer;
using steward::agent::vnc::VncServerOptions;
using steward::test::waitUntil;

TEST_CASE("vncsnapshot, a viewer we did not write, gets the synthetic screen from our server",
          "[integration][vnc]")
{
    const QString vncsnapshot = QStandardPaths::findExecutable(QStringLiteral("vncsnapshot"));
    INFO("vncsnapshot is a test dependency: scripts/install-deps installs it");
    REQUIRE_FALSE(vncsnapshot.isEmpty());
    SyntheticScreenSource source;
    VncServerOptions options;
    options.port = 0;
    VncServer server(source, options);
    REQUIRE(server.start().ok());
    source.advance();

    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const QString file = dir.filePath(QStringLiteral("screen.jpg"));
    QProcess snapshot;
    snapshot.start(vncsnapshot,
                   {QStringLiteral("-quiet"), QStringLiteral("-nojpeg"),
                    QStringLiteral("-nocursor"), QStringLiteral("-quality"), QStringLiteral("100"),
                    QStringLiteral("127.0.0.1::%1").arg(server.port()), file});
    // The server runs on this thread, so the event loop must turn while vncsnapshot works.
    REQUIRE(waitUntil([&] { return snapshot.state() == QProcess::NotRunning; }));
    INFO(snapshot.readAllStandardError().toStdString());
    REQUIRE(snapshot.exitCode() == 0);

    const QImage image(file);
    REQUIRE(image.size() == source.size());
    CHECK(steward::test::nearColour(image.pixel(10, 10), source.pattern().background));
    const QPoint centre = source.squareAt(1).center();
    CHECK(steward::test::nearColour(image.pixel(centre), source.pattern().square));
    CHECK(steward::test::nearColour(image.pixel(source.squareAt(0).center()),
                                    source.pattern().background));
}
