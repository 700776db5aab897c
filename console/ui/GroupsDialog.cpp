// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/GroupsDialog.h"

#include "console/ui/AccessControlDialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace steward::console::ui {
namespace {

constexpr int IdRole = Qt::UserRole + 1;

} // namespace

GroupsDialog::GroupsDialog(net::Session& session, QWidget* parent)
    : QDialog(parent), m_session(session)
{
    setObjectName(QStringLiteral("groupsDialog"));
    setWindowTitle(tr("Administrator groups"));
    buildLayout();
    reload();
}

void GroupsDialog::buildLayout()
{
    m_groupList = new QListWidget(this);
    m_groupList->setObjectName(QStringLiteral("groups"));
    m_memberList = new QListWidget(this);
    m_memberList->setObjectName(QStringLiteral("members"));
    connect(m_groupList, &QListWidget::currentRowChanged, this, &GroupsDialog::showMembers);
    connect(m_memberList, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (!m_filling && selectedGroup() > 0) {
            setMember(selectedGroup(), item->data(IdRole).toLongLong(),
                      item->checkState() == Qt::Checked);
        }
    });

    auto* create = new QPushButton(tr("&New…"), this);
    m_rename = new QPushButton(tr("Re&name…"), this);
    m_delete = new QPushButton(tr("&Delete…"), this);
    connect(create, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name =
            QInputDialog::getText(this, tr("New group"), tr("Name:"), QLineEdit::Normal, {}, &ok);
        if (ok) {
            createGroup(name.trimmed());
        }
    });
    connect(m_rename, &QPushButton::clicked, this, [this] {
        const Group* current = group(selectedGroup());
        bool ok = false;
        const QString name = current ? QInputDialog::getText(this, tr("Rename group"), tr("Name:"),
                                                             QLineEdit::Normal, current->name, &ok)
                                     : QString();
        if (ok) {
            renameGroup(current->id, name.trimmed());
        }
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const Group* current = group(selectedGroup());
        if (current
            && QMessageBox::question(this, tr("Delete group"),
                                     tr("Delete the group %1? Its permission entries are deleted "
                                        "with it; its members lose what it granted them.")
                                         .arg(current->name))
                   == QMessageBox::Yes) {
            deleteGroup(current->id);
        }
    });

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(create);
    buttons->addWidget(m_rename);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    auto* lists = new QHBoxLayout;
    auto* left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("Groups"), this));
    left->addWidget(m_groupList);
    auto* right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("Members (checked)"), this));
    right->addWidget(m_memberList);
    lists->addLayout(left, 1);
    lists->addLayout(buttons);
    lists->addLayout(right, 1);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(lists);
    layout->addWidget(m_message);
    layout->addWidget(close);
    resize(640, 420);
}

QString GroupsDialog::message() const
{
    return m_message->text();
}

qint64 GroupsDialog::adminId(const QString& name) const
{
    for (const auto& [id, admin] : m_admins) {
        if (admin == name) {
            return id;
        }
    }
    return 0;
}

const GroupsDialog::Group* GroupsDialog::group(qint64 id) const
{
    for (const auto& found : m_groups) {
        if (found.id == id) {
            return &found;
        }
    }
    return nullptr;
}

void GroupsDialog::send(const net::ApiRequest& request,
                        std::function<void(const net::ApiReply&)> then)
{
    ++m_pending;
    m_session.api->send(request, this, [this, then = std::move(then)](const net::ApiReply& reply) {
        --m_pending;
        then(reply);
    });
}

void GroupsDialog::reload()
{
    send({"GET", QStringLiteral("/api/v1/admins?limit=1000"), std::nullopt},
         [this](const net::ApiReply& reply) {
             if (!reply.ok()) {
                 m_message->setText(plainError(reply));
                 return;
             }
             m_admins.clear();
             for (const auto& item : reply.object()[QStringLiteral("items")].toArray()) {
                 m_admins.emplace_back(item[QStringLiteral("id")].toInteger(),
                                       item[QStringLiteral("name")].toString());
             }
             showMembers();
         });
    send({"GET", QStringLiteral("/api/v1/groups?limit=1000"), std::nullopt},
         [this](const net::ApiReply& reply) {
             if (!reply.ok()) {
                 m_message->setText(plainError(reply));
                 return;
             }
             m_groups.clear();
             for (const auto& item : reply.object()[QStringLiteral("items")].toArray()) {
                 const QJsonObject json = item.toObject();
                 Group group{json[QStringLiteral("id")].toInteger(),
                             json[QStringLiteral("name")].toString(),
                             json[QStringLiteral("description")].toString(),
                             json[QStringLiteral("revision")].toInteger(),
                             {}};
                 for (const auto& member : json[QStringLiteral("members")].toArray()) {
                     group.members.append(member.toInteger());
                 }
                 m_groups.push_back(group);
             }
             showGroups();
         });
}

void GroupsDialog::showGroups()
{
    const qint64 keep = m_select > 0 ? m_select : selectedGroup();
    m_select = 0;
    m_groupList->clear();
    for (const auto& group : m_groups) {
        auto* item = new QListWidgetItem(
            tr("%1 (%n member(s))", nullptr, int(group.members.size())).arg(group.name));
        item->setData(IdRole, group.id);
        item->setToolTip(group.description);
        m_groupList->addItem(item);
    }
    selectGroup(keep);
    if (m_groupList->currentRow() < 0 && m_groupList->count() > 0) {
        m_groupList->setCurrentRow(0);
    }
    showMembers();
}

void GroupsDialog::showMembers()
{
    const Group* current = group(selectedGroup());
    m_filling = true;
    m_memberList->clear();
    for (const auto& [id, name] : m_admins) {
        auto* item = new QListWidgetItem(name);
        item->setData(IdRole, id);
        item->setFlags(current ? Qt::ItemIsEnabled | Qt::ItemIsUserCheckable : Qt::NoItemFlags);
        item->setCheckState(current && current->members.contains(id) ? Qt::Checked : Qt::Unchecked);
        m_memberList->addItem(item);
    }
    m_filling = false;
    m_rename->setEnabled(current != nullptr);
    m_delete->setEnabled(current != nullptr);
}

void GroupsDialog::selectGroup(qint64 id)
{
    for (int row = 0; row < m_groupList->count(); ++row) {
        if (m_groupList->item(row)->data(IdRole).toLongLong() == id) {
            m_groupList->setCurrentRow(row);
            return;
        }
    }
}

qint64 GroupsDialog::selectedGroup() const
{
    const auto* item = m_groupList->currentItem();
    return item ? item->data(IdRole).toLongLong() : 0;
}

void GroupsDialog::changed(const QString& done, const QString& attempt, const net::ApiReply& reply)
{
    m_message->setText(reply.ok() ? done : tr("Could not %1. %2").arg(attempt, plainError(reply)));
    reload(); // also puts a refused check box back as the server has it
}

void GroupsDialog::createGroup(const QString& name)
{
    send({"POST", QStringLiteral("/api/v1/groups"), QJsonObject{{QStringLiteral("name"), name}}},
         [this, name](const net::ApiReply& reply) {
             if (reply.ok()) {
                 m_select = reply.object()[QStringLiteral("id")].toInteger(); // show it next
             }
             changed(tr("Group %1 created").arg(name), tr("create the group \"%1\"").arg(name),
                     reply);
         });
}

void GroupsDialog::renameGroup(qint64 id, const QString& name)
{
    const Group* current = group(id);
    if (!current) {
        return;
    }
    send({"PUT", QStringLiteral("/api/v1/groups/%1").arg(id),
          QJsonObject{{QStringLiteral("name"), name},
                      {QStringLiteral("description"), current->description},
                      {QStringLiteral("revision"), current->revision}}},
         [this, name](const net::ApiReply& reply) {
             changed(tr("Renamed to %1").arg(name), tr("rename the group to \"%1\"").arg(name),
                     reply);
         });
}

void GroupsDialog::deleteGroup(qint64 id)
{
    send({"DELETE", QStringLiteral("/api/v1/groups/%1").arg(id), std::nullopt},
         [this](const net::ApiReply& reply) {
             changed(tr("Group deleted"), tr("delete the group"), reply);
         });
}

void GroupsDialog::setMember(qint64 group, qint64 admin, bool member)
{
    send({member ? QByteArray("PUT") : QByteArray("DELETE"),
          QStringLiteral("/api/v1/groups/%1/members/%2").arg(group).arg(admin), std::nullopt},
         [this, member](const net::ApiReply& reply) {
             changed(member ? tr("Member added") : tr("Member removed"),
                     member ? tr("add the member") : tr("remove the member"), reply);
         });
}

} // namespace steward::console::ui
