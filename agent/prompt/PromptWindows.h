// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PromptWindows - what steward-agent-prompt shows on the device's display: the consent dialog
// and the indicator of a running shadow session.
#pragma once

#include "agent/prompt/PromptProtocol.h"

#include <QDialog>
#include <QTimer>
#include <QWidget>

class QLabel;

namespace steward::agent::prompt {

/**
 * "ADMIN wants to see (and control) your screen": Allow and Deny side by side across the
 * bottom, a countdown above them; no answer before it reaches zero means refuse. Always on top.
 */
class ConsentDialog : public QDialog {
    Q_OBJECT

public:
    ConsentDialog(const QString& admin, const QString& device, bool viewOnly, int seconds,
                  QWidget* parent = nullptr);
    [[nodiscard]] PromptExit answer() const { return m_answer; }

protected:
    void reject() override; // Escape, or the window closed: deny

private:
    void tick();
    void finish(PromptExit answer);

    QLabel* m_countdown = nullptr;
    QTimer m_timer;
    int m_left = 0;
    PromptExit m_answer = PromptExit::Denied;
};

/**
 * A small always-on-top window naming the administrator who is watching, with an
 * "End session" button across its bottom (unless the policy does not let the user end it).
 * Pressing it quits the program with PromptExit::Allowed; the agent then ends the session.
 */
class SessionIndicator : public QWidget {
    Q_OBJECT

public:
    SessionIndicator(const QString& admin, bool viewOnly, bool mayEnd, QWidget* parent = nullptr);

Q_SIGNALS:
    void endRequested();
};

} // namespace steward::agent::prompt
