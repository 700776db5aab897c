// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AccessControlDialog - edits the permission entries on one node and explains effective rights.
#pragma once

#include "console/models/PermissionModel.h"
#include "console/net/Session.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace steward::console::ui {

/** A node of the access-control tree: its reference ("folder:3") and what the user calls it. */
struct AccessNode {
    QString ref;
    QString label;
};

/** Turns a failed reply into plain words; a 403 names the missing right and the node. */
[[nodiscard]] QString plainError(const net::ApiReply& reply);

/**
 * Top: every administrator and group with entries on the node, one column per right, each
 * cell Allow, Deny or not set (a click steps through them); "Add" puts another administrator
 * or group in, "Remove" takes one out with its entries. Save replaces the node's entries with
 * PUT /api/v1/permissions?node=… — all or nothing, the server refuses contradictions (an Allow
 * under a Deny) and the edits stay on screen with the reason. Bottom: the effective rights of
 * the chosen administrator on the node (GET /api/v1/permissions/effective), each with why —
 * direct, group, inherited from which node — and the chain of entries that were weighed.
 */
class AccessControlDialog : public QDialog {
    Q_OBJECT

public:
    enum EffectiveColumn { RightColumn, AllowedColumn, ReasonColumn, ChainColumn };

    AccessControlDialog(net::Session& session, AccessNode node, QWidget* parent = nullptr);

    [[nodiscard]] models::PermissionModel& permissions() { return *m_model; }
    [[nodiscard]] QStandardItemModel& effective() { return *m_effective; }
    [[nodiscard]] QTableView& entriesView() { return *m_entries; }
    /** The last error or confirmation shown; empty when none. */
    [[nodiscard]] QString message() const;
    /** The node's path as the server names it ("/Devices/Berlin"), once loaded. */
    [[nodiscard]] QString path() const { return m_path; }
    /** Whether requests are still on their way. */
    [[nodiscard]] bool isBusy() const { return m_pending > 0; }
    /** The administrators and groups that can be added (loaded when Read on Administration). */
    [[nodiscard]] const std::vector<models::Principal>& candidates() const { return m_candidates; }
    /** The administrator whose effective rights are shown. */
    [[nodiscard]] QString explainedAdmin() const { return m_explained; }
    /** The effective row of \a right: {allowed, reason, chain}; empty when not shown. */
    [[nodiscard]] QStringList effectiveRow(const QString& right) const;

    void reload();
    void save();
    /** Adds a row for a candidate; false if it is unknown or already there. */
    bool addPrincipal(const QString& kind, qint64 id);
    /** Shows the effective rights of the administrator named \a admin. */
    void explain(const QString& admin);

public Q_SLOTS:
    void done(int result) override;

private:
    void buildLayout();
    void send(const net::ApiRequest& request, std::function<void(const net::ApiReply&)> then);
    void loadCandidates();
    void showEffective(const QJsonObject& answer);
    void showTitle();
    void setMessage(const QString& text, bool error);
    void updateButtons();

    net::Session& m_session;
    AccessNode m_node;
    QString m_path;
    QString m_explained;
    models::PermissionModel* m_model = nullptr;
    QStandardItemModel* m_effective = nullptr;
    std::vector<models::Principal> m_candidates;
    int m_pending = 0;
    QLabel* m_title = nullptr;
    QTableView* m_entries = nullptr;
    QComboBox* m_addChoice = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_save = nullptr;
    QLabel* m_message = nullptr;
    QComboBox* m_adminChoice = nullptr;
    QTableView* m_effectiveView = nullptr;
};

} // namespace steward::console::ui
