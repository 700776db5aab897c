// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// BackupsPage - make encrypted backups on the server, follow and cancel them, save them here.
#pragma once

#include "console/ui/Confirm.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace steward::console::models {
class BackupModel;
} // namespace steward::console::models

namespace steward::console::ui {

/** Asks for a new backup passphrase (twice); nullopt when the administrator cancels. */
using PassphrasePrompt = std::function<std::optional<QString>()>;
/** Asks where to save \a name; empty when the administrator cancels. */
using SavePathPrompt = std::function<QString(const QString& name)>;

class BackupsPage : public QWidget {
    Q_OBJECT
public:
    explicit BackupsPage(models::BackupModel& model, QWidget* parent = nullptr);

    /** Tests replace the dialogs. */
    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void setPassphrasePrompt(PassphrasePrompt prompt) { m_passphrase = std::move(prompt); }
    void setSavePathPrompt(SavePathPrompt prompt) { m_savePath = std::move(prompt); }

    void makeBackup();
    void cancelBackup();
    void saveSelected();
    void deleteSelected();
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QTableView& view() { return *m_view; }

private:
    void updateState();
    [[nodiscard]] QString selectedName() const;

    models::BackupModel& m_model;
    Confirm m_confirm;
    PassphrasePrompt m_passphrase;
    SavePathPrompt m_savePath;
    QTableView* m_view = nullptr;
    QPushButton* m_make = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_delete = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
};

/** The real passphrase dialog: two fields, at least 12 characters, equal. */
[[nodiscard]] PassphrasePrompt passphraseDialog(QWidget* parent);

} // namespace steward::console::ui
