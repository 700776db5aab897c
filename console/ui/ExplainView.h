// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ExplainView - the device details' "Configuration" tab: every parameter's value and why.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QTableWidget;

namespace steward::console::models {
class EffectiveConfigModel;
}

namespace steward::console::ui {

/**
 * Shows an EffectiveConfigModel: the push state (applied, pending, failed parameters with
 * their messages, reboot required) with "Push now", the assigned objects (profiles reaching the
 * device, marked direct or indirect), and the table of every parameter with its value, source,
 * assignment path and what it overrode (the server's reason as tooltip).
 */
class ExplainView : public QWidget {
    Q_OBJECT

public:
    ExplainView(models::EffectiveConfigModel& model, bool canPush, QWidget* parent = nullptr);

    [[nodiscard]] QTableView& values() { return *m_values; }
    [[nodiscard]] QTableWidget& assigned() { return *m_assigned; }
    [[nodiscard]] QString stateText() const;
    [[nodiscard]] QString failuresText() const;
    [[nodiscard]] QPushButton& pushButton() { return *m_push; }

private:
    void showValues();
    void showState();

    models::EffectiveConfigModel& m_model;
    bool m_canPush = false;
    QLabel* m_state = nullptr;
    QLabel* m_failures = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_push = nullptr;
    QTableWidget* m_assigned = nullptr;
    QTableView* m_values = nullptr;
};

} // namespace steward::console::ui
