// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ProfilesPage - list, create, rename, delete, edit, assign, export and import profiles.
#pragma once

#include "console/models/ProfilesModel.h"
#include "console/net/Transport.h"
#include "console/ui/Confirm.h"

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTableWidget;

namespace steward::console::ui {

class ProfileValuesEditor;

/**
 * The "Profiles" page. The list shows name, kind, how many values and assignments; below it
 * the selected profile's values (ProfileValuesEditor) and assignments. Save, delete, assign and
 * unassign go out with the chosen "Push now" / "At next connect". Outcomes, and the server's
 * refusals verbatim, show under the list. The public functions are what the buttons do once
 * their dialogs are answered; tests call them directly.
 */
class ProfilesPage : public QWidget {
    Q_OBJECT

public:
    ProfilesPage(models::ProfilesModel& model, net::Transport& transport,
                 QWidget* parent = nullptr);

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    /** Loads the profiles, the registry and the names of devices, folders and views. */
    void activate();

    [[nodiscard]] QTableView& view() { return *m_view; }
    [[nodiscard]] ProfileValuesEditor& editor() { return *m_editor; }
    [[nodiscard]] QTableWidget& assignments() { return *m_assignments; }
    [[nodiscard]] QString statusText() const;
    /** The selected profile's id, 0 when none. */
    [[nodiscard]] qint64 selectedId() const;
    void select(qint64 id);
    void setApplyMode(models::ApplyMode mode);
    /** "Device pc-7", "Folder /Berlin", "View Lab" for a profile's assignment object. */
    [[nodiscard]] QString targetText(const QJsonObject& assignment) const;

    void createProfile(const QString& name, const QString& kind);
    void renameSelected(const QString& name);
    /** Asks first. */
    void deleteSelected();
    void saveSelected();
    /** \a target "device", "folder" or "view". */
    void assignSelected(const QString& target, qint64 id);
    void unassign(int assignmentRow);
    void exportSelected(const QString& path);
    void importFile(const QString& path, bool replace);

private:
    void showSelected();
    void loadTargets();
    void askNew();
    void askRename();
    void askAssign();
    void askExport();
    void askImport();
    [[nodiscard]] models::ApplyMode applyMode() const;

    models::ProfilesModel& m_model;
    net::Transport& m_transport;
    Confirm m_confirm;
    QTableView* m_view = nullptr;
    ProfileValuesEditor* m_editor = nullptr;
    QComboBox* m_kind = nullptr;
    QComboBox* m_apply = nullptr;
    QPushButton* m_save = nullptr;
    QTableWidget* m_assignments = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_title = nullptr;
    qint64 m_shown = 0;
    bool m_editorBuilt = false;
    QHash<qint64, QString> m_devices; // id → name, for the assignment list and dialog
    QHash<qint64, QString> m_folders; // id → path
    QHash<qint64, QString> m_views;   // id → name
};

} // namespace steward::console::ui
