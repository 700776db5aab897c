// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ViewsPage - saved device views: list, create, edit the filter, delete, members.
#pragma once

#include "console/models/ViewsModel.h"
#include "console/ui/Confirm.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;
class QTableWidget;

namespace steward::console::ui {

/**
 * The "Views" page: the views with their condition and profile counts; for the selected one its
 * name, description and filter (the JSON of docs/views.md, {"all":[condition, …]}, shown as
 * stored) and the devices it selects now. Save sends the edited filter; a filter that is not
 * JSON is refused here, anything else the server refuses is shown verbatim.
 */
class ViewsPage : public QWidget {
    Q_OBJECT

public:
    explicit ViewsPage(models::ViewsModel& model, QWidget* parent = nullptr);

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void activate();

    [[nodiscard]] QTableView& view() { return *m_view; }
    [[nodiscard]] QTableWidget& members() { return *m_members; }
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QString membersText() const;
    [[nodiscard]] qint64 selectedId() const;
    void select(qint64 id);

    /** Fills the editor for a new view (Save creates it). */
    void startNew();
    void setEdits(const QString& name, const QString& description, const QString& filterJson);
    /** Creates (after startNew()) or changes the selected view. */
    void save();
    /** Asks first. */
    void deleteSelected();

private:
    void showSelected();
    void showMembers(const QString& error);

    models::ViewsModel& m_model;
    Confirm m_confirm;
    QTableView* m_view = nullptr;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_description = nullptr;
    QPlainTextEdit* m_filter = nullptr;
    QTableWidget* m_members = nullptr;
    QLabel* m_membersNote = nullptr;
    QLabel* m_status = nullptr;
    bool m_creating = false;
};

} // namespace steward::console::ui
