// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The device's own prompt (steward-agent-prompt) on a private Xvfb: the consent dialog's Allow,
// Deny and silence, and the session indicator's "End session", pressed with XTest.
#include "agent/prompt/PromptProtocol.h"
#include "agent/shadow/ConsentPrompt.h"
#include "console/vnc/VncClient.h"
#include "tests/integration/shadow/ScreenUser.h"
#include "tests/integration/shadow/ShadowRig.h"
#include "tests/integration/vnc/XvfbFixture.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QProcess>

using namespace steward;
using steward::agent::shadow::ConsentPrompt;
using steward::console::shadow::ShadowTunnel;
using steward::console::vnc::VncClient;
using steward::test::waitUntil;

namespace {

const QString PromptProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent-prompt");
const QString ConsentTitle = QLatin1String(agent::prompt::ConsentTitle);
const QString IndicatorTitle = QLatin1String(agent::prompt::IndicatorTitle);

/** Points this process (and the programs it starts) at one display for a test. */
class DisplayFor {
public:
    explicit DisplayFor(const QByteArray& display)
        : m_had(qEnvironmentVariableIsSet("DISPLAY")), m_old(qgetenv("DISPLAY"))
    {
        if (display.isEmpty()) {
            qunsetenv("DISPLAY");
        } else {
            qputenv("DISPLAY", display);
        }
    }
    ~DisplayFor()
    {
        if (m_had) {
            qputenv("DISPLAY", m_old);
        } else {
            qunsetenv("DISPLAY");
        }
    }

private:
    bool m_had;
    QByteArray m_old;
};

// The windows put their buttons across the bottom edge: the consent dialog Allow on the left
// half and Deny on the right half, the indicator one wide "End session".
QPoint allowButton(const QRect& window)
{
    return {window.x() + window.width() / 4, window.bottom() - 24};
}
QPoint denyButton(const QRect& window)
{
    return {window.x() + window.width() * 3 / 4, window.bottom() - 24};
}
QPoint endButton(const QRect& window)
{
    return {window.center().x(), window.bottom() - 24};
}

/** Asks through \a prompt; \a answer is set when it answers (at once, or later). */
void ask(ConsentPrompt& prompt, std::optional<ConsentPrompt::Answer>& answer)
{
    QObject::connect(&prompt, &ConsentPrompt::answered,
                     [&answer](ConsentPrompt::Answer given, const QString&) { answer = given; });
    prompt.ask(QStringLiteral("bob"), QStringLiteral("thin-client-7"), false);
}

} // namespace

TEST_CASE("the consent dialog on the device's display allows, denies and refuses on silence",
          "[integration][shadow][prompt]")
{
    test::Xvfb xvfb(QSize(800, 600));
    REQUIRE_FALSE(xvfb.display().isEmpty());
    DisplayFor display(xvfb.display());
    test::ScreenUser user(xvfb.display());
    const bool allow = GENERATE(true, false);
    ConsentPrompt prompt(QString(), std::chrono::seconds(60));
    prompt.setDialogProgram(PromptProgram);
    std::optional<ConsentPrompt::Answer> answer;
    ask(prompt, answer);
    const auto window = user.waitForWindow(ConsentTitle);
    REQUIRE(window.has_value());
    CHECK_FALSE(answer.has_value()); // it waits for the user
    user.click(allow ? allowButton(*window) : denyButton(*window));
    REQUIRE(waitUntil([&] { return answer.has_value(); }));
    CHECK(*answer == (allow ? ConsentPrompt::Answer::Allowed : ConsentPrompt::Answer::Denied));
    REQUIRE(waitUntil([&] { return !user.window(ConsentTitle).has_value(); }));
}

TEST_CASE("the consent dialog refuses when nobody answers before its countdown ends",
          "[integration][shadow][prompt]")
{
    test::Xvfb xvfb(QSize(800, 600));
    REQUIRE_FALSE(xvfb.display().isEmpty());
    test::ScreenUser user(xvfb.display());
    // The program itself: exit 3 (timed out) after its own countdown.
    QProcess dialog;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DISPLAY"), QString::fromLatin1(xvfb.display()));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"),
                       QStringLiteral("xcb")); // ctest: offscreen
    dialog.setProcessEnvironment(environment);
    dialog.start(PromptProgram,
                 {QStringLiteral("consent"), QStringLiteral("--admin"), QStringLiteral("bob"),
                  QStringLiteral("--timeout"), QStringLiteral("2")});
    REQUIRE(user.waitForWindow(ConsentTitle).has_value());
    REQUIRE(waitUntil([&] { return dialog.state() == QProcess::NotRunning; },
                      std::chrono::seconds(20)));
    CHECK(dialog.exitStatus() == QProcess::NormalExit);
    CHECK(dialog.exitCode() == int(agent::prompt::PromptExit::TimedOut));

    // Through the agent: silence is a refusal, never a yes.
    DisplayFor display(xvfb.display());
    ConsentPrompt prompt(QString(), std::chrono::seconds(2));
    prompt.setDialogProgram(PromptProgram);
    std::optional<ConsentPrompt::Answer> answer;
    ask(prompt, answer);
    CHECK_FALSE(answer.has_value());
    REQUIRE(user.waitForWindow(ConsentTitle).has_value());
    REQUIRE(waitUntil([&] { return answer.has_value(); }, std::chrono::seconds(20)));
    CHECK(*answer == ConsentPrompt::Answer::TimedOut);
}

TEST_CASE("without a display or a consent command the prompt refuses at once",
          "[integration][shadow][prompt]")
{
    DisplayFor display(QByteArray{});
    ConsentPrompt prompt(QString(), std::chrono::seconds(30));
    prompt.setDialogProgram(PromptProgram);
    std::optional<ConsentPrompt::Answer> answer;
    ask(prompt, answer);
    REQUIRE(answer.has_value());
    CHECK(*answer == ConsentPrompt::Answer::Denied);

    QProcess dialog;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    dialog.setProcessEnvironment(environment);
    dialog.start(PromptProgram,
                 {QStringLiteral("consent"), QStringLiteral("--admin"), QStringLiteral("bob")});
    REQUIRE(waitUntil([&] { return dialog.state() == QProcess::NotRunning; }));
    CHECK(dialog.exitCode() == int(agent::prompt::PromptExit::Usage));
    CHECK(dialog.readAllStandardError().contains("no display"));
}

TEST_CASE("the user allows a session in the dialog, sees the indicator and ends the session",
          "[integration][shadow][prompt]")
{
    test::Xvfb xvfb(QSize(800, 600));
    REQUIRE_FALSE(xvfb.display().isEmpty());
    DisplayFor display(xvfb.display());
    test::ScreenUser user(xvfb.display());
    test::RigOptions options;
    options.promptProgram = PromptProgram;
    test::ShadowRig rig(options);
    shadow::ShadowPolicy policy;
    policy.prompt = true;
    rig.setPolicy(policy);

    // Deny first: the console is refused and nothing reached the VNC server.
    ShadowTunnel refused(rig.offer(rig.requestShadow()));
    refused.start();
    auto window = user.waitForWindow(ConsentTitle);
    REQUIRE(window.has_value());
    user.click(denyButton(*window));
    REQUIRE(waitUntil([&] { return refused.state() == ShadowTunnel::State::Failed; }));
    REQUIRE(refused.refusal().has_value());
    CHECK(*refused.refusal() == shadow::ShadowStatus::ConsentDenied);
    CHECK(rig.maxVncClients == 0);

    // Allow: the session runs and the indicator names the administrator.
    ShadowTunnel tunnel(rig.offer(rig.requestShadow()));
    tunnel.start();
    window = user.waitForWindow(ConsentTitle);
    REQUIRE(window.has_value());
    user.click(allowButton(*window));
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Listening; }));
    VncClient client;
    test::connectViewer(client, tunnel);
    const auto indicator = user.waitForWindow(IndicatorTitle);
    REQUIRE(indicator.has_value());
    CHECK(rig.indicators->shown() == 1);

    // The local user presses End session: both legs close and the end is audited as theirs.
    user.click(endButton(*indicator));
    REQUIRE(waitUntil([&] {
        return tunnel.state() == ShadowTunnel::State::Finished
               && client.state() != VncClient::State::Connected;
    }));
    REQUIRE(waitUntil([&] { return rig.vnc->clientCount() == 0; }));
    REQUIRE(waitUntil([&] {
        return rig.auditCount(QStringLiteral("shadow.end"), QStringLiteral("success"),
                              QStringLiteral("reason=ended by user"))
               == 1;
    }));
    CHECK(rig.indicators->shown() == 0);
    REQUIRE(waitUntil([&] { return !user.window(IndicatorTitle).has_value(); }));
}

TEST_CASE("the indicator closes with the session and offers no End when the policy says so",
          "[integration][shadow][prompt]")
{
    test::Xvfb xvfb(QSize(800, 600));
    REQUIRE_FALSE(xvfb.display().isEmpty());
    DisplayFor display(xvfb.display());
    test::ScreenUser user(xvfb.display());
    test::RigOptions options;
    options.promptProgram = PromptProgram;
    test::ShadowRig rig(options);
    shadow::ShadowPolicy policy;
    policy.userMayEnd = false;
    rig.setPolicy(policy);

    ShadowTunnel tunnel(rig.offer(rig.requestShadow()));
    REQUIRE(test::runTunnel(tunnel));
    REQUIRE(tunnel.state() == ShadowTunnel::State::Listening);
    VncClient client;
    test::connectViewer(client, tunnel);
    const auto indicator = user.waitForWindow(IndicatorTitle);
    REQUIRE(indicator.has_value());
    user.click(endButton(*indicator)); // no button there: nothing happens
    rig.source.advance();
    REQUIRE(waitUntil([&] { return test::showsSquareAt(client, rig.source, 1); }));
    CHECK(client.state() == VncClient::State::Connected);

    client.disconnectFromHost();
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Finished; }));
    REQUIRE(waitUntil([&] { return !user.window(IndicatorTitle).has_value(); }));
    CHECK(rig.auditCount(QStringLiteral("shadow.end"), QStringLiteral("success"),
                         QStringLiteral("reason=ended by user"))
          == 0);
}
