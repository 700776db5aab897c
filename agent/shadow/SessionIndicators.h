// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SessionIndicators - shows each running shadow session on the device's display, with the
// local user's "End session" button (steward-agent-prompt indicator).
#pragma once

#include <QObject>
#include <QString>

#include <map>
#include <memory>

class QProcess;

namespace steward::agent::shadow {

class ShadowProxy;

/**
 * For every session the proxy starts, runs `PROGRAM indicator --admin NAME [--view-only]
 * [--no-end]` (no display, or no program: nothing is shown, and that is logged); when the
 * session ends the indicator is closed. An indicator that exits 0 means the user pressed
 * "End session": the session is ended with the reason "ended by user" (audited by the server).
 * --no-end is passed when the policy's userMayEnd is off.
 */
class SessionIndicators : public QObject {
    Q_OBJECT

public:
    SessionIndicators(ShadowProxy& proxy, QString program, QObject* parent = nullptr);
    ~SessionIndicators() override;

    /** Indicators running now. */
    [[nodiscard]] int shown() const { return int(m_processes.size()); }

Q_SIGNALS:
    void indicatorShown(const QString& session);

private:
    void show(const QString& session);
    void hide(const QString& session);

    ShadowProxy& m_proxy;
    QString m_program;
    std::map<QString, std::unique_ptr<QProcess>> m_processes;
};

} // namespace steward::agent::shadow
