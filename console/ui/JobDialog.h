// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// JobDialog - a new job: command, target (the selected devices or a folder), now or at a time.
#pragma once

#include "console/models/NavigationModel.h"

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;

namespace steward::console::ui {

/** body() is the POST /api/v1/jobs request the choices make (docs/jobs.md). */
class JobDialog : public QDialog {
    Q_OBJECT

public:
    JobDialog(const QList<qint64>& selectedDevices, const std::vector<models::Folder>& folders,
              QWidget* parent = nullptr);

    [[nodiscard]] QJsonObject body() const;

    [[nodiscard]] QLineEdit& name() { return *m_name; }
    [[nodiscard]] QComboBox& kind() { return *m_kind; }
    /** "The N selected devices" (when there are any), then each folder. */
    [[nodiscard]] QComboBox& target() { return *m_target; }
    [[nodiscard]] QCheckBox& subfolders() { return *m_subfolders; }
    [[nodiscard]] QCheckBox& now() { return *m_now; }
    [[nodiscard]] QDateTimeEdit& time() { return *m_time; }

private:
    QList<qint64> m_devices;
    QLineEdit* m_name = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_target = nullptr;
    QCheckBox* m_subfolders = nullptr;
    QCheckBox* m_now = nullptr;
    QDateTimeEdit* m_time = nullptr;
};

} // namespace steward::console::ui
