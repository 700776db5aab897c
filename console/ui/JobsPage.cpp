// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/JobsPage.h"

#include "console/models/JobListModel.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace steward::console::ui {
namespace {

// Paints the Progress column as a progress bar.
class ProgressDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override
    {
        QStyleOptionProgressBar bar;
        bar.rect = option.rect.adjusted(2, 2, -2, -2);
        bar.minimum = 0;
        bar.maximum = 100;
        bar.progress = index.data(models::JobListModel::ProgressRole).toInt();
        bar.text = index.data().toString();
        bar.textVisible = true;
        bar.state = option.state | QStyle::State_Horizontal;
        QApplication::style()->drawControl(QStyle::CE_ProgressBar, &bar, painter);
    }
};

} // namespace

JobsPage::JobsPage(models::JobListModel& model, QWidget* parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("jobs"));
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("jobsView"));
    m_view->setModel(&m_model);
    m_view->setItemDelegateForColumn(models::JobListModel::Progress, new ProgressDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(models::JobListModel::Name, 200);
    m_view->setColumnWidth(models::JobListModel::Progress, 140);
    m_view->setColumnWidth(models::JobListModel::Devices, 260);

    m_devices = new QTableWidget(0, 3, this);
    m_devices->setObjectName(QStringLiteral("jobDevices"));
    m_devices->setHorizontalHeaderLabels({tr("Device"), tr("State"), tr("Message")});
    m_devices->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_devices->verticalHeader()->hide();
    m_devices->horizontalHeader()->setStretchLastSection(true);
    m_devices->setColumnWidth(0, 200);

    m_new = new QPushButton(tr("&New job…"), this);
    m_new->setToolTip(tr("Run a command on devices or a folder, now or at a time"));
    m_cancel = new QPushButton(tr("&Cancel job"), this);
    m_cancel->setToolTip(tr("Cancel the devices the command has not reached yet"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setToolTip(tr("Delete the selected finished or cancelled job"));
    m_deleteFinished = new QPushButton(tr("Delete &finished"), this);
    m_deleteFinished->setToolTip(tr("Delete every finished or cancelled job"));
    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_devices);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_new);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    buttons->addWidget(m_deleteFinished);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_new, &QPushButton::clicked, this, &JobsPage::newJobRequested);
    connect(m_cancel, &QPushButton::clicked, this, &JobsPage::cancelSelected);
    connect(m_delete, &QPushButton::clicked, this, &JobsPage::deleteSelected);
    connect(m_deleteFinished, &QPushButton::clicked, &m_model,
            &models::JobListModel::removeFinished);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &JobsPage::selectionChanged);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &JobsPage::updateButtons);
    connect(&m_model, &QAbstractItemModel::rowsInserted, this, &JobsPage::updateButtons);
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, &JobsPage::updateButtons);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &JobsPage::updateButtons);
    connect(&m_model, &models::JobListModel::jobChanged, this, [this](const QJsonObject& job) {
        if (job.value(QStringLiteral("id")).toInteger() == selectedJob()) {
            m_model.loadDetails(selectedJob()); // the device states moved
        }
    });
    connect(&m_model, &models::JobListModel::detailsLoaded, this, &JobsPage::showDetails);
    connect(&m_model, &models::JobListModel::finished, this,
            [this](const QString& what, const QString& error) {
                m_status->setText(error.isEmpty() ? what : tr("%1 failed: %2").arg(what, error));
            });
    connect(&m_model, &models::JobListModel::loadFailed, this, [this](const Error& error) {
        m_status->setText(tr("The jobs could not be loaded: %1").arg(error.message));
    });
    updateButtons();
}

QString JobsPage::statusText() const
{
    return m_status->text();
}

qint64 JobsPage::selectedJob() const
{
    const auto rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(models::JobListModel::IdRole).toLongLong();
}

void JobsPage::selectionChanged()
{
    m_devices->setRowCount(0);
    if (const qint64 id = selectedJob(); id > 0) {
        m_model.loadDetails(id);
    }
    updateButtons();
}

void JobsPage::showDetails(const QJsonObject& job)
{
    if (job.value(QStringLiteral("id")).toInteger() != selectedJob()) {
        return; // an answer for a job no longer selected
    }
    const QJsonArray devices = job.value(QStringLiteral("devices")).toArray();
    m_devices->setRowCount(int(devices.size()));
    for (int row = 0; row < devices.size(); ++row) {
        const QJsonObject device = devices.at(row).toObject();
        m_devices->setItem(row, 0,
                           new QTableWidgetItem(device.value(QStringLiteral("name")).toString()));
        m_devices->setItem(row, 1,
                           new QTableWidgetItem(device.value(QStringLiteral("state")).toString()));
        m_devices->setItem(
            row, 2, new QTableWidgetItem(device.value(QStringLiteral("message")).toString()));
    }
}

void JobsPage::updateButtons()
{
    const qint64 id = selectedJob();
    const int row = id > 0 ? m_model.rowOf(id) : -1;
    const bool over =
        row >= 0
        && models::JobListModel::isOver(m_model.job(row).value(QStringLiteral("state")).toString());
    m_cancel->setEnabled(row >= 0 && !over);
    m_delete->setEnabled(row >= 0 && over);
    bool anyOver = false;
    for (int i = 0; i < m_model.rowCount() && !anyOver; ++i) {
        anyOver =
            models::JobListModel::isOver(m_model.job(i).value(QStringLiteral("state")).toString());
    }
    m_deleteFinished->setEnabled(anyOver);
}

void JobsPage::cancelSelected()
{
    if (const qint64 id = selectedJob(); id > 0) {
        m_model.cancel(id);
    }
}

void JobsPage::deleteSelected()
{
    if (const qint64 id = selectedJob(); id > 0) {
        m_model.remove(id);
    }
}

} // namespace steward::console::ui
