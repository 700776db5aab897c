// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// GroupsDialog - administrator groups: create, rename, delete, and their members.
#pragma once

#include "console/net/Session.h"

#include <QDialog>

#include <functional>
#include <vector>

class QLabel;
class QListWidget;
class QPushButton;

namespace steward::console::ui {

/**
 * Left the groups (GET /api/v1/groups), right every administrator with a check box: checking
 * one adds them to the selected group at once (PUT /api/v1/groups/{id}/members/{admin}),
 * unchecking removes them (DELETE). New, Rename and Delete act on the selected group; a rename
 * sends the revision it read, so a group changed meanwhile is refused rather than overwritten.
 * Groups and memberships change rights at once (docs/access-control.md).
 */
class GroupsDialog : public QDialog {
    Q_OBJECT

public:
    struct Group {
        qint64 id = 0;
        QString name;
        QString description;
        qint64 revision = 0;
        QList<qint64> members;
    };

    explicit GroupsDialog(net::Session& session, QWidget* parent = nullptr);

    [[nodiscard]] const std::vector<Group>& groups() const { return m_groups; }
    [[nodiscard]] QString message() const;
    [[nodiscard]] bool isBusy() const { return m_pending > 0; }
    /** The id of the administrator named \a name; 0 if unknown. */
    [[nodiscard]] qint64 adminId(const QString& name) const;

    void reload();
    void selectGroup(qint64 id);
    [[nodiscard]] qint64 selectedGroup() const;
    void createGroup(const QString& name);
    void renameGroup(qint64 id, const QString& name);
    void deleteGroup(qint64 id);
    void setMember(qint64 group, qint64 admin, bool member);

private:
    void buildLayout();
    void send(const net::ApiRequest& request, std::function<void(const net::ApiReply&)> then);
    /** Reports a change's outcome and loads the groups again. */
    void changed(const QString& done, const QString& attempt, const net::ApiReply& reply);
    void showGroups();
    void showMembers();
    [[nodiscard]] const Group* group(qint64 id) const;

    net::Session& m_session;
    std::vector<Group> m_groups;
    std::vector<std::pair<qint64, QString>> m_admins;
    int m_pending = 0;
    qint64 m_select = 0; // the group to select once the list is loaded again
    bool m_filling = false;
    QListWidget* m_groupList = nullptr;
    QListWidget* m_memberList = nullptr;
    QPushButton* m_rename = nullptr;
    QPushButton* m_delete = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace steward::console::ui
