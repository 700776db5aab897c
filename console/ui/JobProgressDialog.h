// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// JobProgressDialog - a bulk command's progress, driven by its job's events, with Cancel.
#pragma once

#include <QJsonObject>
#include <QProgressDialog>

namespace steward::console::models {
class JobListModel;
}

namespace steward::console::ui {

/**
 * Shows the job's progress (0 … 100 %) and counts as its "job" events arrive. Cancel calls
 * POST /api/v1/jobs/{id}/cancel while the job runs; once it is over the button reads Close.
 */
class JobProgressDialog : public QProgressDialog {
    Q_OBJECT

public:
    JobProgressDialog(models::JobListModel& model, const QJsonObject& job,
                      QWidget* parent = nullptr);

    [[nodiscard]] qint64 jobId() const { return m_id; }
    [[nodiscard]] QString state() const { return m_state; }

private:
    void update(const QJsonObject& job);
    void cancelJob();

    models::JobListModel& m_model;
    qint64 m_id = 0;
    QString m_state;
};

} // namespace steward::console::ui
