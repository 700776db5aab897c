// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// JobsPage - the jobs with progress bars, each device's state, Cancel and Delete (docs/jobs.md).
#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QTableWidget;

namespace steward::console::models {
class JobListModel;
}

namespace steward::console::ui {

/**
 * The upper table lists the jobs, newest first, with a progress bar each; the lower one shows
 * the selected job's devices (state and message), reloaded as the job's events arrive.
 */
class JobsPage : public QWidget {
    Q_OBJECT

public:
    JobsPage(models::JobListModel& model, QWidget* parent = nullptr);

    [[nodiscard]] QTableView& view() { return *m_view; }
    [[nodiscard]] QTableWidget& devices() { return *m_devices; }
    [[nodiscard]] QPushButton& newButton() { return *m_new; }
    [[nodiscard]] QPushButton& cancelButton() { return *m_cancel; }
    [[nodiscard]] QPushButton& deleteButton() { return *m_delete; }
    [[nodiscard]] QPushButton& deleteFinishedButton() { return *m_deleteFinished; }
    [[nodiscard]] QString statusText() const;
    /** The job shown in the device table; 0 when none is selected. */
    [[nodiscard]] qint64 selectedJob() const;

    void cancelSelected();
    void deleteSelected();

Q_SIGNALS:
    /** "New job…" was pressed; the main window knows the selection and the folders. */
    void newJobRequested();

private:
    void selectionChanged();
    void showDetails(const QJsonObject& job);
    void updateButtons();

    models::JobListModel& m_model;
    QTableView* m_view = nullptr;
    QTableWidget* m_devices = nullptr;
    QPushButton* m_new = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_deleteFinished = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace steward::console::ui
