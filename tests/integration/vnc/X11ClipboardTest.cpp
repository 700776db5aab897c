// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The agent's X clipboard against a real Xvfb and xclip, a client we did not write, and end to
// end from a libvncclient viewer through the agent's VNC server to the X display and back.
#include "agent/vnc/X11Clipboard.h"
#include "agent/vnc/VncServer.h"
#include "agent/vnc/X11ScreenSource.h"
#include "console/vnc/VncClient.h"
#include "tests/integration/vnc/XvfbFixture.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>

using steward::agent::vnc::VncServer;
using steward::agent::vnc::VncServerOptions;
using steward::agent::vnc::X11Clipboard;
using steward::agent::vnc::X11ScreenSource;
using steward::agent::vnc::X11ScreenSourceOptions;
using steward::console::vnc::VncClient;
using steward::test::waitUntil;
using steward::test::Xvfb;

namespace {

/** xclip on \a display; the event loop keeps running, so our side can answer it meanwhile. */
class Xclip {
public:
    explicit Xclip(const QByteArray& display)
    {
        m_program = QStandardPaths::findExecutable(QStringLiteral("xclip"));
        INFO("xclip is a test dependency: scripts/install-deps installs it");
        REQUIRE_FALSE(m_program.isEmpty());
        auto environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DISPLAY"), QString::fromLatin1(display));
        m_process.setProcessEnvironment(environment);
    }
    ~Xclip() { steward::test::stopProcess(m_process); }
    Xclip(const Xclip&) = delete;
    Xclip& operator=(const Xclip&) = delete;

    /**
     * What pasting \a selection ("clipboard" or "primary") gives, as UTF-8; xclip's error
     * message, in brackets, when nothing can be pasted.
     */
    QString paste(const QString& selection)
    {
        m_process.start(m_program, {QStringLiteral("-selection"), selection, QStringLiteral("-o")});
        REQUIRE(waitUntil([&] { return m_process.state() == QProcess::NotRunning; }));
        if (m_process.exitCode() != 0) {
            return QStringLiteral("[%1]").arg(
                QString::fromLocal8Bit(m_process.readAllStandardError()).trimmed());
        }
        return QString::fromUtf8(m_process.readAllStandardOutput());
    }

    /** Copies \a text to CLIPBOARD; xclip serves one paste, then exits. */
    void copy(const QString& text)
    {
        m_process.start(m_program, {QStringLiteral("-selection"), QStringLiteral("clipboard"),
                                    QStringLiteral("-i"), QStringLiteral("-quiet"),
                                    QStringLiteral("-loops"), QStringLiteral("1")});
        REQUIRE(m_process.waitForStarted());
        m_process.write(text.toUtf8());
        m_process.closeWriteChannel();
    }

    [[nodiscard]] bool finished() const { return m_process.state() == QProcess::NotRunning; }

private:
    QString m_program;
    QProcess m_process;
};

} // namespace

TEST_CASE("the X clipboard serves a viewer's text to X clients and follows their copies",
          "[integration][vnc][clipboard]")
{
    Xvfb xvfb;
    REQUIRE_FALSE(xvfb.display().isEmpty());
    auto opened = X11Clipboard::open(xvfb.display());
    REQUIRE(opened.ok());
    auto& clipboard = *opened.value();
    QStringList seen;
    QObject::connect(&clipboard, &X11Clipboard::textChanged,
                     [&](const QString& text) { seen.append(text); });

    const QString fromViewer = QStringLiteral("from the viewer: grüße ✓");
    clipboard.setText(fromViewer);
    CHECK(Xclip(xvfb.display()).paste(QStringLiteral("clipboard")) == fromViewer);
    CHECK(Xclip(xvfb.display()).paste(QStringLiteral("primary")) == fromViewer);
    CHECK(seen.isEmpty()); // our own copy is not reported back

    Xclip copier(xvfb.display());
    copier.copy(QStringLiteral("copied on the desktop: ½ price"));
    REQUIRE(waitUntil([&] { return !seen.isEmpty(); }));
    CHECK(seen == QStringList{QStringLiteral("copied on the desktop: ½ price")});
    CHECK(clipboard.text() == seen.first());
    REQUIRE(waitUntil([&] { return copier.finished(); })); // xclip served its one paste

    // Taking the clipboard back after another client had it.
    clipboard.setText(QStringLiteral("again"));
    CHECK(Xclip(xvfb.display()).paste(QStringLiteral("clipboard")) == QStringLiteral("again"));
}

TEST_CASE("a display without a server is an error naming the display", "[integration][vnc]")
{
    const auto opened = X11Clipboard::open(QByteArrayLiteral(":9999"));
    REQUIRE_FALSE(opened.ok());
    CHECK(opened.error().message.contains(QStringLiteral(":9999")));
}

TEST_CASE("a viewer's clipboard reaches X clients, and X copies reach the viewer",
          "[integration][vnc][clipboard]")
{
    Xvfb xvfb;
    REQUIRE_FALSE(xvfb.display().isEmpty());
    X11ScreenSourceOptions sourceOptions;
    sourceOptions.display = xvfb.display();
    auto source = X11ScreenSource::open(sourceOptions);
    REQUIRE(source.ok());
    REQUIRE(source.value()->hasClipboard());
    VncServerOptions options;
    options.port = 0;
    VncServer server(*source.value(), options);
    REQUIRE(server.start().ok());
    VncClient client;
    QStringList received;
    QObject::connect(&client, &VncClient::clipboardReceived,
                     [&](const QString& text) { received.append(text); });
    client.connectToHost(QStringLiteral("127.0.0.1"), server.port());
    REQUIRE(waitUntil([&] { return server.clientCount() == 1; }));

    // RFB cut text is Latin-1.
    client.sendClipboard(QStringLiteral("pasted from the admin: café"));
    REQUIRE(waitUntil([&] {
        return Xclip(xvfb.display()).paste(QStringLiteral("clipboard"))
               == QStringLiteral("pasted from the admin: café");
    }));

    // View-only sessions drop the viewer's clipboard like any other input.
    server.setViewOnly(true);
    client.sendClipboard(QStringLiteral("must not arrive"));
    REQUIRE(waitUntil([&] { return server.droppedInputEvents() > 0; }));
    CHECK(Xclip(xvfb.display()).paste(QStringLiteral("clipboard"))
          == QStringLiteral("pasted from the admin: café"));
    server.setViewOnly(false);

    Xclip copier(xvfb.display());
    copier.copy(QStringLiteral("copied by the user"));
    REQUIRE(waitUntil([&] { return received.contains(QStringLiteral("copied by the user")); }));
    CHECK_FALSE(received.contains(QStringLiteral("must not arrive")));
}
