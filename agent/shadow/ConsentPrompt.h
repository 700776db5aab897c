// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ConsentPrompt - asks the device's user to allow a session: a configured command, or our dialog.
#pragma once

#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTimer>

#include <chrono>

namespace steward::agent::shadow {

/**
 * Runs the consent command (a shell command line, `sh -c`) with STEWARD_SHADOW_ADMIN,
 * STEWARD_SHADOW_DEVICE and STEWARD_SHADOW_VIEW_ONLY in its environment. Exit status 0 means
 * yes; any other exit, a crash or a command that cannot start means no; no answer within the
 * timeout kills it and means timed out. answered() is emitted exactly once.
 *
 * Without a command, the dialog program (steward-agent-prompt consent) asks on the display
 * ($DISPLAY or $WAYLAND_DISPLAY); its exit 3 means timed out. Without either: no.
 */
class ConsentPrompt : public QObject {
    Q_OBJECT

public:
    enum class Answer { Allowed, Denied, TimedOut };
    Q_ENUM(Answer)

    ConsentPrompt(QString command, std::chrono::milliseconds timeout, QObject* parent = nullptr);
    ~ConsentPrompt() override;

    /** steward-agent-prompt's path; empty: only the command asks. */
    void setDialogProgram(QString program) { m_program = std::move(program); }
    void ask(const QString& admin, const QString& device, bool viewOnly);

    /** Whether the agent's environment names a display a dialog could appear on. */
    [[nodiscard]] static bool displayAvailable();
    /**
     * The environment for steward-agent-prompt: the agent's, with the Qt platform that draws on
     * that display (xcb for $DISPLAY, else wayland), whatever QT_QPA_PLATFORM said.
     */
    [[nodiscard]] static QProcessEnvironment dialogEnvironment();

Q_SIGNALS:
    void answered(steward::agent::shadow::ConsentPrompt::Answer answer, const QString& detail);

private:
    void askWithDialog(const QString& admin, const QString& device, bool viewOnly);
    void finish(Answer answer, const QString& detail);

    QString m_command;
    QString m_program;
    bool m_dialog = false; // the dialog program asks, not the command
    std::chrono::milliseconds m_timeout;
    QProcess m_process;
    QTimer m_timer;
    bool m_done = false;
};

} // namespace steward::agent::shadow
