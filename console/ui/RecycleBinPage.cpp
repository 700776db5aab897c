// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/RecycleBinPage.h"

#include "console/models/RecycleBinModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace steward::console::ui {

RecycleBinPage::RecycleBinPage(models::RecycleBinModel& model, QWidget* parent)
    : QWidget(parent), m_model(model), m_confirm(messageBoxConfirm(this))
{
    setObjectName(QStringLiteral("recycleBin"));
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("recycleBinView"));
    m_view->setModel(&m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(models::RecycleBinModel::Name, 200);
    m_view->setColumnWidth(models::RecycleBinModel::UnitId, 150);
    m_view->setColumnWidth(models::RecycleBinModel::Folder, 160);
    m_view->setColumnWidth(models::RecycleBinModel::DeletedAt, 150);

    m_restore = new QPushButton(tr("&Restore"), this);
    m_restore->setToolTip(tr("Put the selected devices back into their folders"));
    m_purge = new QPushButton(tr("&Delete permanently…"), this);
    m_purge->setToolTip(tr("Delete the selected devices and all their data for good"));
    m_empty = new QPushButton(tr("&Empty recycle bin…"), this);
    m_empty->setToolTip(tr("Delete every device in the recycle bin for good"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_restore);
    buttons->addWidget(m_purge);
    buttons->addStretch();
    buttons->addWidget(m_empty);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_restore, &QPushButton::clicked, this, &RecycleBinPage::restoreSelected);
    connect(m_purge, &QPushButton::clicked, this, &RecycleBinPage::purgeSelected);
    connect(m_empty, &QPushButton::clicked, this, &RecycleBinPage::emptyBin);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RecycleBinPage::updateButtons);
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, &RecycleBinPage::updateButtons);
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, &RecycleBinPage::updateButtons);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &RecycleBinPage::updateButtons);
    connect(&m_model, &models::RecycleBinModel::finished, this,
            [this](const QString& what, const QString& error) {
                m_status->setText(error.isEmpty() ? tr("%1: done").arg(what)
                                                  : tr("%1 failed: %2").arg(what, error));
            });
    connect(&m_model, &models::RecycleBinModel::loadFailed, this, [this](const Error& error) {
        m_status->setText(tr("The recycle bin could not be loaded: %1").arg(error.message));
    });
    updateButtons();
}

QString RecycleBinPage::statusText() const
{
    return m_status->text();
}

std::pair<QList<qint64>, QStringList> RecycleBinPage::selected() const
{
    QList<qint64> ids;
    QStringList names;
    for (const auto& row : m_view->selectionModel()->selectedRows()) {
        ids.append(row.data(models::RecycleBinModel::IdRole).toLongLong());
        names.append(row.siblingAtColumn(models::RecycleBinModel::Name).data().toString());
    }
    return {ids, names};
}

void RecycleBinPage::updateButtons()
{
    const bool any = m_view->selectionModel()->hasSelection();
    m_restore->setEnabled(any);
    m_purge->setEnabled(any);
    m_empty->setEnabled(m_model.rowCount() > 0);
}

void RecycleBinPage::restoreSelected()
{
    m_model.restore(selected().first);
}

void RecycleBinPage::purgeSelected()
{
    const auto [ids, names] = selected();
    if (ids.isEmpty()
        || !m_confirm(tr("Delete permanently"),
                      tr("Delete %1 permanently? Their settings, commands and history on the "
                         "server are lost, and they must enrol again.")
                          .arg(nameList(names)))) {
        return;
    }
    m_model.purge(ids);
}

void RecycleBinPage::emptyBin()
{
    if (m_model.rowCount() == 0
        || !m_confirm(tr("Empty recycle bin"),
                      tr("Delete all %n device(s) in the recycle bin permanently? They must "
                         "enrol again.",
                         nullptr, m_model.rowCount()))) {
        return;
    }
    m_model.empty();
}

} // namespace steward::console::ui
