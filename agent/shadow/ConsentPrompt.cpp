// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/shadow/ConsentPrompt.h"

#include "agent/prompt/PromptProtocol.h"

#include <QProcessEnvironment>

#include <algorithm>

namespace steward::agent::shadow {
namespace {

constexpr int DialogTimedOut = int(prompt::PromptExit::TimedOut);

} // namespace

ConsentPrompt::ConsentPrompt(QString command, std::chrono::milliseconds timeout, QObject* parent)
    : QObject(parent), m_command(std::move(command)), m_timeout(timeout)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        finish(Answer::TimedOut,
               QStringLiteral("no answer within %1 s").arg(double(m_timeout.count()) / 1000.0));
    });
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (status == QProcess::NormalExit && code == 0) {
            finish(Answer::Allowed, QStringLiteral("the user allowed the session"));
        } else if (m_dialog && status == QProcess::NormalExit && code == DialogTimedOut) {
            finish(Answer::TimedOut, QStringLiteral("the user did not answer the dialog"));
        } else {
            finish(Answer::Denied, status == QProcess::NormalExit
                                       ? QStringLiteral("the user refused (exit %1)").arg(code)
                                       : QStringLiteral("the consent command crashed"));
        }
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            finish(Answer::Denied, QStringLiteral("the consent command could not start: %1")
                                       .arg(m_process.errorString()));
        }
    });
}

ConsentPrompt::~ConsentPrompt()
{
    m_process.disconnect(this);
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(1000);
    }
}

void ConsentPrompt::ask(const QString& admin, const QString& device, bool viewOnly)
{
    if (m_command.trimmed().isEmpty()) {
        if (!m_program.isEmpty() && displayAvailable()) {
            askWithDialog(admin, device, viewOnly);
            return;
        }
        finish(Answer::Denied,
               QStringLiteral("the policy asks the user, but this agent has no consent command "
                              "(--shadow-consent) and no display for its dialog"));
        return;
    }
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STEWARD_SHADOW_ADMIN"), admin);
    environment.insert(QStringLiteral("STEWARD_SHADOW_DEVICE"), device);
    environment.insert(QStringLiteral("STEWARD_SHADOW_VIEW_ONLY"),
                       viewOnly ? QStringLiteral("1") : QStringLiteral("0"));
    m_process.setProcessEnvironment(environment);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setStandardOutputFile(QProcess::nullDevice());
    m_timer.start(m_timeout);
    m_process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), m_command});
}

bool ConsentPrompt::displayAvailable()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY")
           || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

QProcessEnvironment ConsentPrompt::dialogEnvironment()
{
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), qEnvironmentVariableIsEmpty("DISPLAY")
                                                              ? QStringLiteral("wayland")
                                                              : QStringLiteral("xcb"));
    return environment;
}

void ConsentPrompt::askWithDialog(const QString& admin, const QString& device, bool viewOnly)
{
    m_dialog = true;
    m_process.setProcessEnvironment(dialogEnvironment());
    QStringList arguments{QStringLiteral("consent"),
                          QStringLiteral("--admin"),
                          admin,
                          QStringLiteral("--device"),
                          device,
                          QStringLiteral("--timeout"),
                          QString::number(std::max<qint64>(1, m_timeout.count() / 1000))};
    if (viewOnly) {
        arguments << QStringLiteral("--view-only");
    }
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setStandardOutputFile(QProcess::nullDevice());
    m_timer.start(m_timeout);
    m_process.start(m_program, arguments);
}

void ConsentPrompt::finish(Answer answer, const QString& detail)
{
    if (m_done) {
        return;
    }
    m_done = true;
    m_timer.stop();
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
    }
    Q_EMIT answered(answer, detail);
}

} // namespace steward::agent::shadow
