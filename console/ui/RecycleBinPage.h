// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// RecycleBinPage - the deleted devices, with Restore, Delete permanently and Empty.
#pragma once

#include "console/ui/Confirm.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace steward::console::models {
class RecycleBinModel;
}

namespace steward::console::ui {

class RecycleBinPage : public QWidget {
    Q_OBJECT

public:
    RecycleBinPage(models::RecycleBinModel& model, QWidget* parent = nullptr);

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    [[nodiscard]] QTableView& view() { return *m_view; }
    [[nodiscard]] QPushButton& restoreButton() { return *m_restore; }
    [[nodiscard]] QPushButton& purgeButton() { return *m_purge; }
    [[nodiscard]] QPushButton& emptyButton() { return *m_empty; }
    /** The last outcome shown under the list ("Restore 2 devices: done"). */
    [[nodiscard]] QString statusText() const;

    void restoreSelected();
    void purgeSelected();
    void emptyBin();

private:
    [[nodiscard]] std::pair<QList<qint64>, QStringList> selected() const;
    void updateButtons();

    models::RecycleBinModel& m_model;
    Confirm m_confirm;
    QTableView* m_view = nullptr;
    QPushButton* m_restore = nullptr;
    QPushButton* m_purge = nullptr;
    QPushButton* m_empty = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace steward::console::ui
