// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ScanPanel - scan the network for agents, watch it run, and offer registration to new ones.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace steward::console::net {
class Transport;
} // namespace steward::console::net

namespace steward::console::models {
class ScanModel;
} // namespace steward::console::models

namespace steward::console::ui {

class ScanPanel : public QWidget {
    Q_OBJECT
public:
    explicit ScanPanel(net::Transport& transport, QWidget* parent = nullptr);

    [[nodiscard]] models::ScanModel& model() { return *m_model; }
    /** The last error, as the server or the form said it; empty when there is none. */
    [[nodiscard]] QString error() const;

    void startScan();
    void registerSelected();
    /** Stops following the scan (the dialog closing does this too). */
    void cancel();

private:
    void updateState();
    void showError(const QString& message);

    models::ScanModel* m_model = nullptr;
    QLineEdit* m_range = nullptr;
    QSpinBox* m_port = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_error = nullptr;
    QTableView* m_results = nullptr;
    QPushButton* m_register = nullptr;
};

} // namespace steward::console::ui
