// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The console's shadow window, offscreen, against a real server, real agents (the steward-agent
// process, or ShadowRig's in-process agent), real TLS and real libvncserver/libvncclient pixels.
#include "console/ui/ShadowWindow.h"
#include "agent/vnc/SyntheticScreenSource.h"
#include "console/app/ConsoleSettings.h"
#include "console/models/DeviceListModel.h"
#include "console/models/NavigationModel.h"
#include "console/ui/ConnectDialog.h"
#include "console/ui/DeviceDetailsPane.h"
#include "console/ui/MainWindow.h"
#include "console/ui/PreferencesDialog.h"
#include "console/ui/ShadowSessionLauncher.h"
#include "console/vnc/VncView.h"
#include "server/app/ServerSettings.h"
#include "tests/integration/shadow/ShadowRig.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <algorithm>
#include <cstdlib>

using namespace steward;
using namespace steward::console;
using steward::test::DeviceTestServer;
using steward::test::ShadowRig;
using steward::test::waitUntil;
using Phase = steward::console::ui::ShadowWindow::Phase;

namespace {

const QString Password = QStringLiteral("correct horse");

/** Where screenshots go: $STEWARD_SCREENSHOT_DIR, else the build folder. */
QString screenshotPath(const QString& name)
{
    const QString dir =
        qEnvironmentVariable("STEWARD_SCREENSHOT_DIR", QStringLiteral(STEWARD_BINARY_DIR));
    QDir().mkpath(dir);
    return QDir(dir).filePath(name);
}

/** A console logged in through the real connect dialog (the fingerprint given out of band). */
struct Console {
    QTemporaryDir configDir;
    ConsoleSettings settings{configDir.path()};
    QObject owner;

    console::net::Session connect(DeviceTestServer& server,
                                  const QString& user = QStringLiteral("alice"))
    {
        ui::ConnectDialog dialog(settings);
        dialog.setServer(server.url().toString());
        dialog.setUser(user);
        dialog.setPassword(Password);
        dialog.setExpectedFingerprint(server.webFingerprint());
        dialog.connectToServer();
        INFO(dialog.message().toStdString());
        REQUIRE(waitUntil([&] { return dialog.result() == QDialog::Accepted; }));
        return dialog.takeSession(&owner);
    }
};

QJsonObject deviceJson(qint64 id, const QString& name)
{
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("name"), name}};
}

bool shows(const ui::ShadowWindow& window, QPoint at, std::uint32_t colour)
{
    const QImage& image = window.view().image();
    return !image.isNull() && (image.pixel(at) & 0xffffffu) == colour;
}

/** Whether the view shows the synthetic square anywhere on its row. */
bool showsSquare(const ui::ShadowWindow& window, const agent::vnc::SyntheticScreenSource& source)
{
    const QImage& image = window.view().image();
    const int row = source.squareAt(0).center().y();
    for (int x = 0; !image.isNull() && x < image.width(); ++x) {
        if ((image.pixel(x, row) & 0xffffffu) == source.pattern().square) {
            return true;
        }
    }
    return false;
}

/** Whether two XRGB colours differ by at most a little per channel (JPEG). */
bool nearColour(QRgb actual, std::uint32_t expected)
{
    const auto channel = [](std::uint32_t value, int shift) { return int(value >> shift & 0xff); };
    for (const int shift : {0, 8, 16}) {
        if (std::abs(channel(actual, shift) - channel(expected, shift)) > 12) {
            return false;
        }
    }
    return true;
}

/** The failure sentence the window ends up showing. */
QString failureOf(ui::ShadowWindow& window)
{
    REQUIRE(waitUntil([&] { return window.phase() == Phase::Failed; }, std::chrono::seconds(30)));
    return window.message();
}

} // namespace

TEST_CASE(
    "shadow from the main window shows the real agent's synthetic screen, and closing ends it",
    "[integration][console][shadow]")
{
    // A separate process on a loaded machine: the suite's 400 ms idle timeout would take it
    // offline (and refuse the session) whenever it is slow to answer a ping.
    DeviceTestServer server([](server::ServerSettings& settings) {
        settings.devicePingInterval = std::chrono::seconds(1);
        settings.deviceIdleTimeout = std::chrono::seconds(30);
    });
    QTemporaryDir state;
    auto enrolled = test::enrollAgent(server, state.path(), server.createToken(),
                                      QStringLiteral("02:5e:ad:00:00:01"));
    REQUIRE(enrolled.ok());
    test::installShadowIdentity(state.path());
    QProcess agent;
    test::startSyntheticAgent(agent, server, state.path());

    Console console;
    ui::ShadowSessionLauncher launcher(console.settings);
    ui::MainWindow window(console.connect(server), console.settings, launcher);
    window.resize(1200, 700);
    window.show();
    // The console opens on the dashboard, where the device details are hidden.
    window.navigationView().setCurrentIndex(window.navigation().devicesIndex());
    auto& model = window.devices();
    REQUIRE(waitUntil([&] {
        const int row = model.rowOf(enrolled->deviceId);
        return row >= 0
               && model.data(model.index(row, 0), models::DeviceListModel::OnlineRole).toBool();
    }));
    window.deviceView().selectRow(model.rowOf(enrolled->deviceId));
    REQUIRE(waitUntil([&] { return window.details().auditRows() > 0; }));
    CHECK(window.grab().save(screenshotPath(QStringLiteral("console-main-window.png"))));
    CHECK(
        window.details().grab().save(screenshotPath(QStringLiteral("console-device-details.png"))));

    QAction* shadow = window.action(QStringLiteral("shadow"));
    REQUIRE(shadow->isEnabled());
    shadow->trigger();
    QPointer<ui::ShadowWindow> viewer = launcher.lastWindow();
    REQUIRE(viewer);
    const bool viewing =
        waitUntil([&] { return viewer->phase() == Phase::Viewing; }, std::chrono::seconds(60));
    INFO(viewer->message().toStdString());
    REQUIRE(viewing);
    const agent::vnc::SyntheticScreenSource expected; // the agent's default pattern
    REQUIRE(
        waitUntil([&] { return shows(*viewer, QPoint(10, 10), expected.pattern().background); }));
    REQUIRE(waitUntil([&] { return showsSquare(*viewer, expected); }));
    CHECK(viewer->view().image().size() == expected.size());
    CHECK(viewer->statusText().contains(enrolled->name));
    CHECK(viewer->statusText().contains(QStringLiteral("direct")));
    CHECK(viewer->statusText().contains(QStringLiteral("received")));
    CHECK(viewer->session().bytesToViewer() > 0);
    viewer->resize(720, 560);
    CHECK(viewer->grab().save(screenshotPath(QStringLiteral("console-shadow-window.png"))));

    // Closing the window ends the session on the agent: it reports the end with its bytes.
    viewer->close();
    REQUIRE(waitUntil([&] { return viewer.isNull(); })); // deleted on close
    REQUIRE(waitUntil(
        [&] {
            return !server.audit(QStringLiteral("shadow.end"), QStringLiteral("success")).isEmpty();
        },
        std::chrono::seconds(20)));
    const auto ended = server.audit(QStringLiteral("shadow.end"), QStringLiteral("success"));
    const QString details = ended[0].toObject()[QStringLiteral("details")].toString();
    CHECK(details.contains(QStringLiteral("path=direct")));
    CHECK_FALSE(details.contains(QStringLiteral("bytes_to_viewer=0 ")));
    agent.terminate();
    REQUIRE(waitUntil([&] { return agent.state() == QProcess::NotRunning; }));
}

TEST_CASE("input from the shadow window reaches the device, and view-only keeps it there",
          "[integration][console][shadow]")
{
    ShadowRig rig;
    Console console;
    ui::ShadowWindow window(console.connect(rig.server), deviceJson(rig.deviceId(), rig.state.name),
                            console.settings);
    window.resize(800, 600);
    window.show();
    REQUIRE(waitUntil([&] { return window.phase() == Phase::Viewing; }, std::chrono::seconds(30)));
    REQUIRE(
        waitUntil([&] { return shows(window, QPoint(10, 10), rig.source.pattern().background); }));
    QAction* viewOnly = window.action(QStringLiteral("viewOnly"));
    REQUIRE(viewOnly->isEnabled());
    CHECK_FALSE(viewOnly->isChecked());

    // 1:1: the view is at least the screen's size and centres it.
    window.action(QStringLiteral("fit"))->setChecked(false);
    CHECK_FALSE(console.settings.shadowScaleToFit());
    const QSize screen = rig.source.size();
    REQUIRE(waitUntil([&] {
        return window.view().width() >= screen.width() && window.view().height() >= screen.height();
    }));
    const QPoint widgetAt =
        QPoint(100, 50)
        + QPoint(window.view().width() - screen.width(), window.view().height() - screen.height())
              / 2;
    REQUIRE(window.view().toFramebuffer(widgetAt) == QPoint(100, 50));
    QTest::mouseClick(&window.view(), Qt::LeftButton, {}, widgetAt);
    REQUIRE(waitUntil([&] { return !rig.source.pointerEvents().empty(); }));
    CHECK(rig.source.pointerEvents().front().position == QPoint(100, 50));
    QTest::keyClick(&window.view(), Qt::Key_A, Qt::NoModifier);
    REQUIRE(waitUntil([&] { return !rig.source.keyEvents().empty(); }));
    CHECK(rig.source.keyEvents().front().keysym == 0x61u);
    window.action(QStringLiteral("ctrlAltDel"))->trigger();
    REQUIRE(waitUntil([&] {
        const auto& keys = rig.source.keyEvents();
        return std::any_of(keys.begin(), keys.end(),
                           [](const auto& key) { return key.keysym == 0xffffu && key.down; });
    }));

    // Clipboard both ways: this computer's text to the device, the device's text here.
    QStringList received;
    QObject::connect(rig.vnc.get(), &agent::vnc::VncServer::clipboardReceived,
                     [&received](const QString& text) { received.append(text); });
    QApplication::clipboard()->setText(QStringLiteral("from the console"));
    window.action(QStringLiteral("clipboard"))->trigger();
    REQUIRE(waitUntil([&] { return received.contains(QStringLiteral("from the console")); }));
    rig.vnc->sendClipboard(QStringLiteral("from the device"));
    REQUIRE(waitUntil(
        [&] { return QApplication::clipboard()->text() == QStringLiteral("from the device"); }));

    // View-only: nothing leaves the window. A later key, sent after view-only is off again,
    // arrives right after the ones before: whatever view-only held back never went out.
    viewOnly->setChecked(true);
    CHECK(window.statusText().contains(QStringLiteral("view only")));
    CHECK_FALSE(window.action(QStringLiteral("ctrlAltDel"))->isEnabled());
    const std::size_t keysBefore = rig.source.keyEvents().size();
    QTest::keyClick(&window.view(), Qt::Key_B, Qt::NoModifier);
    window.action(QStringLiteral("ctrlAltDel"))->trigger();
    viewOnly->setChecked(false);
    QTest::keyClick(&window.view(), Qt::Key_C, Qt::NoModifier);
    REQUIRE(waitUntil([&] { return rig.source.keyEvents().size() > keysBefore; }));
    CHECK(rig.source.keyEvents()[keysBefore].keysym == 0x63u); // 'c', never 'b'
    CHECK(window.grab().save(screenshotPath(QStringLiteral("console-shadow-1to1.png"))));
}

TEST_CASE("a device whose policy forces view-only is watched without input",
          "[integration][console][shadow]")
{
    ShadowRig rig;
    steward::shadow::ShadowPolicy policy;
    policy.viewOnly = true;
    rig.setPolicy(policy);
    Console console;
    ui::ShadowWindow window(console.connect(rig.server), deviceJson(rig.deviceId(), rig.state.name),
                            console.settings);
    window.show();
    REQUIRE(waitUntil([&] { return window.phase() == Phase::Viewing; }, std::chrono::seconds(30)));
    QAction* viewOnly = window.action(QStringLiteral("viewOnly"));
    CHECK(viewOnly->isChecked());
    CHECK_FALSE(viewOnly->isEnabled());
    CHECK(viewOnly->toolTip().contains(QStringLiteral("policy")));
    CHECK(window.statusText().contains(QStringLiteral("view only (the device's policy)")));
    REQUIRE(
        waitUntil([&] { return shows(window, QPoint(10, 10), rig.source.pattern().background); }));
    QTest::mouseClick(&window.view(), Qt::LeftButton, {}, QPoint(20, 20));
    QTest::keyClick(&window.view(), Qt::Key_A, Qt::NoModifier);
    // The screen still follows the device; the server never had input to drop.
    rig.source.advance();
    REQUIRE(waitUntil([&] {
        return shows(window, rig.source.squareAt(1).center(), rig.source.pattern().square);
    }));
    CHECK(rig.vnc->droppedInputEvents() == 0);
    CHECK(rig.source.pointerEvents().empty());
    CHECK(rig.source.keyEvents().empty());
}

TEST_CASE("each failure of the shadow window is one plain sentence",
          "[integration][console][shadow]")
{
    SECTION("not permitted: the missing right is named")
    {
        ShadowRig rig;
        const auto created =
            rig.server.admin().post(QStringLiteral("/api/v1/admins"),
                                    QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")},
                                                {QStringLiteral("password"), Password}});
        REQUIRE(created.status == 201);
        Console console;
        ui::ShadowWindow window(console.connect(rig.server, QStringLiteral("bob")),
                                deviceJson(rig.deviceId(), rig.state.name), console.settings);
        const QString sentence = failureOf(window);
        CHECK(sentence.startsWith(QStringLiteral("You are not permitted to shadow ")
                                  + rig.state.name));
        CHECK(sentence.contains(QStringLiteral("the right \"Shadow\"")));
        CHECK(rig.maxVncClients == 0);
    }
    SECTION("device offline")
    {
        DeviceTestServer server;
        QTemporaryDir state;
        auto enrolled = test::enrollAgent(server, state.path(), server.createToken());
        REQUIRE(enrolled.ok());
        Console console;
        ui::ShadowWindow window(console.connect(server),
                                deviceJson(enrolled->deviceId, enrolled->name), console.settings);
        CHECK(failureOf(window)
              == enrolled->name
                     + QStringLiteral(" is offline. It must be switched on and connected to the "
                                      "server to be shadowed."));
    }
    SECTION("certificate mismatch: the ticket is never sent")
    {
        ShadowRig rig;
        // The server now holds another certificate for the device than its proxy presents.
        rig.authority->setCertificate(test::impostorCertificate().toPem(), rig.proxy->port());
        REQUIRE(waitUntil([&] {
            return rig.auditCount(QStringLiteral("shadow.certificate"), QStringLiteral("success"))
                   == 2;
        }));
        Console console;
        ui::ShadowWindow window(console.connect(rig.server),
                                deviceJson(rig.deviceId(), rig.state.name), console.settings);
        const QString sentence = failureOf(window);
        CHECK(sentence.startsWith(QStringLiteral("Certificate mismatch: ") + rig.state.name));
        CHECK(sentence.contains(QStringLiteral("before anything was sent")));
        CHECK(rig.auditCount(QStringLiteral("shadow.start"), QStringLiteral("success")) == 0);
        CHECK(rig.maxVncClients == 0);
    }
    SECTION("refused by the device's user (the consent command says no)")
    {
        ShadowRig rig(QStringLiteral("test \"$STEWARD_SHADOW_ADMIN\" = nobody"));
        steward::shadow::ShadowPolicy policy;
        policy.prompt = true;
        rig.setPolicy(policy);
        Console console;
        ui::ShadowWindow window(console.connect(rig.server),
                                deviceJson(rig.deviceId(), rig.state.name), console.settings);
        CHECK(failureOf(window)
              == QStringLiteral("The user of %1 refused the session.").arg(rig.state.name));
        CHECK(rig.maxVncClients == 0);
    }
    SECTION("shadowing disabled by the device's policy")
    {
        ShadowRig rig;
        steward::shadow::ShadowPolicy policy;
        policy.allowed = false;
        rig.setPolicy(policy);
        Console console;
        ui::ShadowWindow window(console.connect(rig.server),
                                deviceJson(rig.deviceId(), rig.state.name), console.settings);
        CHECK(failureOf(window)
              == QStringLiteral("The shadow policy of %1 does not allow shadowing it.")
                     .arg(rig.state.name));
        window.resize(640, 280);
        CHECK(window.grab().save(screenshotPath(QStringLiteral("console-shadow-refused.png"))));
    }
}

TEST_CASE("the session lost midway is said so", "[integration][console][shadow]")
{
    auto rig = std::make_unique<ShadowRig>();
    Console console;
    ui::ShadowWindow window(console.connect(rig->server),
                            deviceJson(rig->deviceId(), rig->state.name), console.settings);
    REQUIRE(waitUntil([&] { return window.phase() == Phase::Viewing; }, std::chrono::seconds(30)));
    rig->vnc->stop(); // the device's VNC server goes away under the session
    CHECK(failureOf(window).startsWith(
        QStringLiteral("The session to %1 was lost").arg(rig->state.name)));
}

TEST_CASE("the external viewer setting starts the command on the local port",
          "[integration][console][shadow]")
{
    const QString vncsnapshot = QStandardPaths::findExecutable(QStringLiteral("vncsnapshot"));
    INFO("vncsnapshot is a test dependency: scripts/install-deps installs it");
    REQUIRE_FALSE(vncsnapshot.isEmpty());
    ShadowRig rig;
    Console console;
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("screen.jpg"));
    {
        // Set the way an administrator does: in the Preferences dialog.
        ui::PreferencesDialog preferences(console.settings);
        preferences.findChild<QRadioButton*>(QStringLiteral("externalViewer"))->setChecked(true);
        preferences.findChild<QComboBox*>(QStringLiteral("viewerCommand"))
            ->setEditText(
                QStringLiteral("%1 -quiet -nojpeg -nocursor -quality 100 127.0.0.1::{port} %2")
                    .arg(vncsnapshot, file));
        preferences.accept();
        REQUIRE(preferences.problem().isEmpty());
        CHECK(preferences.result() == QDialog::Accepted);
    }
    CHECK(ConsoleSettings(console.configDir.path())
              .externalViewer()
              .contains(QStringLiteral("{port}")));
    ui::ShadowWindow window(console.connect(rig.server), deviceJson(rig.deviceId(), rig.state.name),
                            console.settings);
    REQUIRE(
        waitUntil([&] { return window.externalViewer() != nullptr; }, std::chrono::seconds(30)));
    CHECK(window.phase() == Phase::External);
    REQUIRE(waitUntil([&] { return window.phase() == Phase::Ended; }, std::chrono::seconds(30)));
    REQUIRE(waitUntil([&] { return window.externalViewer()->state() == QProcess::NotRunning; },
                      std::chrono::seconds(30)));
    CHECK(window.externalViewer()->exitCode() == 0);
    const QImage image(file);
    REQUIRE(image.size() == rig.source.size());
    CHECK(nearColour(image.pixel(10, 10), rig.source.pattern().background));
    CHECK(window.message() == QStringLiteral("The session to %1 ended.").arg(rig.state.name));
    REQUIRE(waitUntil([&] {
        return rig.auditCount(QStringLiteral("shadow.end"), QStringLiteral("success")) == 1;
    }));
}

TEST_CASE("a device whose policy says relay is shadowed through the server",
          "[integration][console][shadow]")
{
    ShadowRig rig;
    steward::shadow::ShadowPolicy policy;
    policy.path = steward::shadow::PathPreference::RelayOnly;
    rig.setPolicy(policy);
    Console console;
    ui::ShadowWindow window(console.connect(rig.server), deviceJson(rig.deviceId(), rig.state.name),
                            console.settings);
    REQUIRE(waitUntil([&] { return window.phase() == Phase::Viewing; }, std::chrono::seconds(30)));
    REQUIRE(
        waitUntil([&] { return shows(window, QPoint(10, 10), rig.source.pattern().background); }));
    CHECK(window.statusText().contains(QStringLiteral("through the server's relay")));
    window.close();
    REQUIRE(waitUntil([&] {
        return rig.auditCount(QStringLiteral("shadow.end"), QStringLiteral("success"),
                              QStringLiteral("path=relay"))
               == 1;
    }));
}

TEST_CASE("the progress names each step, and Cancel while the user is asked ends the session",
          "[integration][console][shadow]")
{
    // A user who never answers; the marker file says the device has claimed the session and
    // is asking.
    QTemporaryDir marks;
    const QString asked = marks.filePath(QStringLiteral("asked"));
    ShadowRig rig(QStringLiteral("touch '%1'; exec sleep 60").arg(asked));
    steward::shadow::ShadowPolicy policy;
    policy.prompt = true;
    policy.promptTimeout = std::chrono::seconds(50);
    rig.setPolicy(policy);
    Console console;
    QPointer<ui::ShadowWindow> window = new ui::ShadowWindow(
        console.connect(rig.server), deviceJson(rig.deviceId(), rig.state.name), console.settings);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    REQUIRE(waitUntil([&] {
        return window->stepText()
               == QStringLiteral("Waiting for %1 to accept (its user may be asked)")
                      .arg(rig.state.name);
    }));
    CHECK(window->phase() == Phase::Preparing);
    window->resize(720, 360);
    CHECK(window->grab().save(screenshotPath(QStringLiteral("console-shadow-progress.png"))));
    REQUIRE(waitUntil([&] { return QFile::exists(asked); }));
    auto* cancel = window->findChild<QPushButton*>(QStringLiteral("cancel"));
    REQUIRE(cancel != nullptr);
    QTest::mouseClick(cancel, Qt::LeftButton);
    REQUIRE(waitUntil([&] { return window.isNull(); }));
    // The tunnel is closed: the agent's proxy sees its peer go and nothing reached the VNC
    // server. (The agent keeps its consent command running until it answers or times out.)
    REQUIRE(waitUntil([&] { return rig.proxy->activeConnections() == 0; }));
    CHECK(rig.maxVncClients == 0);
    // The claimed session is reported as cancelled, so the audit says so.
    REQUIRE(waitUntil([&] {
        return rig.auditCount(QStringLiteral("shadow.refused"), QStringLiteral("denied"),
                              QStringLiteral("status=cancelled"))
               == 1;
    }));
}
