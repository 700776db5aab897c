// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AuditLogPage - the server-wide audit log: who did what, when, from where, and the outcome.
#pragma once

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace steward::console::models {
class AuditLogModel;
} // namespace steward::console::models

namespace steward::console::ui {

/** Asks where to save the export; empty when the administrator cancels. */
using ExportPathPrompt = std::function<QString()>;

/**
 * Filters are exact matches (the server's); the period is relative to now. The list follows
 * new entries while the page is shown (AuditLogModel::setLive) and loads older ones as it
 * scrolls. Export writes the loaded entries as CSV.
 */
class AuditLogPage : public QWidget {
    Q_OBJECT
public:
    explicit AuditLogPage(models::AuditLogModel& model, QWidget* parent = nullptr);

    void setExportPathPrompt(ExportPathPrompt prompt) { m_exportPath = std::move(prompt); }
    /** Applies the filter fields (Enter in any of them does too). */
    void applyFilters();
    void exportCsv();
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QTableView& view() { return *m_view; }

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void updateStatus();

    models::AuditLogModel& m_model;
    ExportPathPrompt m_exportPath;
    QLineEdit* m_actor = nullptr;
    QLineEdit* m_action = nullptr;
    QComboBox* m_outcome = nullptr;
    QLineEdit* m_object = nullptr;
    QComboBox* m_period = nullptr;
    QPushButton* m_export = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_status = nullptr;
    QString m_error;
};

} // namespace steward::console::ui
