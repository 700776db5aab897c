// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ConsentPrompt - asks the device's user, through a configured command, to allow a session.
#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QTimer>

#include <chrono>

namespace steward::agent::shadow {

/**
 * Runs the consent command (a shell command line, `sh -c`) with STEWARD_SHADOW_ADMIN,
 * STEWARD_SHADOW_DEVICE and STEWARD_SHADOW_VIEW_ONLY in its environment. Exit status 0 means
 * yes; any other exit, a crash or a command that cannot start means no; no answer within the
 * timeout kills it and means timed out. answered() is emitted exactly once.
 */
class ConsentPrompt : public QObject {
    Q_OBJECT

public:
    enum class Answer { Allowed, Denied, TimedOut };
    Q_ENUM(Answer)

    ConsentPrompt(QString command, std::chrono::milliseconds timeout, QObject* parent = nullptr);
    ~ConsentPrompt() override;

    void ask(const QString& admin, const QString& device, bool viewOnly);

Q_SIGNALS:
    void answered(steward::agent::shadow::ConsentPrompt::Answer answer, const QString& detail);

private:
    void finish(Answer answer, const QString& detail);

    QString m_command;
    std::chrono::milliseconds m_timeout;
    QProcess m_process;
    QTimer m_timer;
    bool m_done = false;
};

} // namespace steward::agent::shadow
