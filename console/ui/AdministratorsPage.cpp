// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/AdministratorsPage.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace steward::console::ui {

namespace {

constexpr int PageSize = 500;

QString localTime(const QJsonValue& iso)
{
    const QDateTime time = QDateTime::fromString(iso.toString(), Qt::ISODate);
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                          : QString();
}

/** Two password fields that must agree; the server judges the strength. */
struct PasswordFields {
    QLineEdit* first;
    QLineEdit* second;
    explicit PasswordFields(QDialog& dialog, QFormLayout& layout)
        : first(new QLineEdit(&dialog)), second(new QLineEdit(&dialog))
    {
        for (auto* edit : {first, second}) {
            edit->setEchoMode(QLineEdit::Password);
        }
        layout.addRow(QObject::tr("Password:"), first);
        layout.addRow(QObject::tr("Again:"), second);
    }
};

} // namespace

NewAdministratorPrompt newAdministratorDialog(QWidget* parent)
{
    return [parent]() -> std::optional<NewAdministrator> {
        QDialog dialog(parent);
        dialog.setWindowTitle(QObject::tr("New administrator"));
        auto* layout = new QFormLayout(&dialog);
        auto* name = new QLineEdit(&dialog);
        layout->addRow(QObject::tr("Name:"), name);
        PasswordFields passwords(dialog, *layout);
        auto* superuser = new QCheckBox(QObject::tr("Superuser (every right everywhere)"), &dialog);
        layout->addRow(superuser);
        auto* problem = new QLabel(&dialog);
        layout->addRow(problem);
        auto* buttons =
            new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
        layout->addRow(buttons);
        QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
            if (name->text().trimmed().isEmpty()) {
                problem->setText(QObject::tr("Enter a name."));
            } else if (passwords.first->text() != passwords.second->text()) {
                problem->setText(QObject::tr("The two passwords differ."));
            } else {
                dialog.accept();
            }
        });
        if (dialog.exec() != QDialog::Accepted) {
            return std::nullopt;
        }
        return NewAdministrator{name->text().trimmed(), passwords.first->text(),
                                superuser->isChecked()};
    };
}

PasswordPrompt passwordDialog(QWidget* parent)
{
    return [parent](const QString& who) -> std::optional<QString> {
        QDialog dialog(parent);
        dialog.setWindowTitle(QObject::tr("New password for %1").arg(who));
        auto* layout = new QFormLayout(&dialog);
        PasswordFields passwords(dialog, *layout);
        auto* problem = new QLabel(&dialog);
        layout->addRow(problem);
        auto* buttons =
            new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
        layout->addRow(buttons);
        QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
            if (passwords.first->text() != passwords.second->text()) {
                problem->setText(QObject::tr("The two passwords differ."));
            } else {
                dialog.accept();
            }
        });
        if (dialog.exec() != QDialog::Accepted) {
            return std::nullopt;
        }
        return passwords.first->text();
    };
}

AdministratorsPage::AdministratorsPage(net::Transport& transport, QWidget* parent)
    : QWidget(parent), m_transport(transport), m_newPrompt(newAdministratorDialog(this)),
      m_passwordPrompt(passwordDialog(this))
{
    setObjectName(QStringLiteral("administrators"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("administratorList"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels(
        {tr("Name"), tr("Superuser"), tr("Locked"), tr("Created"), tr("Changed")});
    m_list->setColumnWidth(0, 200);
    m_create = new QPushButton(tr("&New administrator…"), this);
    m_create->setObjectName(QStringLiteral("newAdministrator"));
    m_password = new QPushButton(tr("Set &password…"), this);
    m_password->setObjectName(QStringLiteral("setPassword"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("administratorStatus"));
    m_status->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_create);
    buttons->addWidget(m_password);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addLayout(buttons);
    layout->addWidget(new QLabel(tr("Groups and rights: Access control… and Administrator "
                                    "groups… in the tree's context menu."),
                                 this));
    layout->addWidget(m_status);
    connect(m_create, &QPushButton::clicked, this, &AdministratorsPage::createAdministrator);
    connect(m_password, &QPushButton::clicked, this, &AdministratorsPage::setPassword);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &AdministratorsPage::updateButtons);
    updateButtons();
}

QString AdministratorsPage::statusText() const
{
    return m_status->text();
}

void AdministratorsPage::reload()
{
    fetch(0, {});
}

void AdministratorsPage::fetch(qint64 offset, std::vector<QJsonObject> rows)
{
    ++m_busy;
    m_transport.get(
        QStringLiteral("/api/v1/admins?offset=%1&limit=%2").arg(offset).arg(PageSize), this,
        [this, offset, rows = std::move(rows)](const net::ApiReply& reply) mutable {
            --m_busy;
            if (!reply.ok()) {
                m_status->setText(
                    tr("The administrators could not be listed: %1").arg(reply.error->message));
                return;
            }
            const QJsonArray items = reply.object().value(QStringLiteral("items")).toArray();
            for (const auto& item : items) {
                rows.push_back(item.toObject());
            }
            const qint64 total = reply.object().value(QStringLiteral("total")).toInteger();
            if (!items.isEmpty() && offset + items.size() < total) {
                fetch(offset + items.size(), std::move(rows));
                return;
            }
            show(rows);
        });
}

void AdministratorsPage::show(const std::vector<QJsonObject>& rows)
{
    m_rows = rows;
    m_list->clear();
    for (const auto& admin : m_rows) {
        m_list->addTopLevelItem(new QTreeWidgetItem(
            {admin.value(QStringLiteral("name")).toString(),
             admin.value(QStringLiteral("superuser")).toBool() ? tr("yes") : QString(),
             admin.value(QStringLiteral("locked")).toBool() ? tr("locked") : QString(),
             localTime(admin.value(QStringLiteral("created"))),
             localTime(admin.value(QStringLiteral("updated")))}));
    }
    updateButtons();
}

void AdministratorsPage::updateButtons()
{
    m_password->setEnabled(m_list->selectedItems().size() == 1);
}

void AdministratorsPage::createAdministrator()
{
    const auto wanted = m_newPrompt();
    if (!wanted) {
        return;
    }
    ++m_busy;
    m_transport.send({"POST", QStringLiteral("/api/v1/admins"),
                      QJsonObject{{QStringLiteral("name"), wanted->name},
                                  {QStringLiteral("password"), wanted->password},
                                  {QStringLiteral("superuser"), wanted->superuser}}},
                     this, [this, name = wanted->name](const net::ApiReply& reply) {
                         --m_busy;
                         m_status->setText(
                             reply.ok()
                                 ? tr("Administrator %1 created.").arg(name)
                                 : tr("%1 was not created: %2").arg(name, reply.error->message));
                         reload();
                     });
}

void AdministratorsPage::setPassword()
{
    const int row = m_list->indexOfTopLevelItem(m_list->currentItem());
    if (row < 0 || size_t(row) >= m_rows.size()) {
        return;
    }
    const QJsonObject admin = m_rows[size_t(row)];
    const QString name = admin.value(QStringLiteral("name")).toString();
    const auto password = m_passwordPrompt(name);
    if (!password) {
        return;
    }
    ++m_busy;
    m_transport.send(
        {"PUT",
         QStringLiteral("/api/v1/admins/%1/password")
             .arg(admin.value(QStringLiteral("id")).toInteger()),
         QJsonObject{{QStringLiteral("password"), *password},
                     {QStringLiteral("revision"), admin.value(QStringLiteral("revision"))}}},
        this, [this, name](const net::ApiReply& reply) {
            --m_busy;
            m_status->setText(
                reply.ok()
                    ? tr("The password of %1 was changed.").arg(name)
                    : tr("The password of %1 was not changed: %2").arg(name, reply.error->message));
            reload();
        });
}

} // namespace steward::console::ui
