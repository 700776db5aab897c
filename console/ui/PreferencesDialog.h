// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PreferencesDialog - the console's own settings: the shadow viewer and the remembered servers.
#pragma once

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QRadioButton;

namespace steward::console {
class ConsoleSettings;
} // namespace steward::console

namespace steward::console::ui {

/**
 * Edits console.conf. Nothing is written until OK, and OK refuses, naming the problem, an
 * external viewer command whose program cannot be started. \a searchPaths replaces the PATH
 * when looking for viewers (tests); empty means the PATH.
 */
class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit PreferencesDialog(ConsoleSettings& settings, QWidget* parent = nullptr,
                               QStringList searchPaths = {});

    /** The problem shown under the settings; empty when there is none. */
    [[nodiscard]] QString problem() const;

    void accept() override;

private:
    void updateState();
    void forgetSelected();

    ConsoleSettings& m_settings;
    QStringList m_searchPaths;
    QStringList m_forgotten;
    QRadioButton* m_embedded = nullptr;
    QRadioButton* m_external = nullptr;
    QComboBox* m_command = nullptr;
    QCheckBox* m_scaleToFit = nullptr;
    QListWidget* m_servers = nullptr;
    QPushButton* m_forget = nullptr;
    QLabel* m_problem = nullptr;
};

} // namespace steward::console::ui
