// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/ViewsPage.h"

#include "console/models/DeviceListModel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace steward::console::ui {

using models::ViewsModel;

namespace {

const QString Example = QStringLiteral(
    "{\"all\": [\n  {\"field\": \"attribute\", \"attribute\": \"room\", \"glob\": \"lab-*\"}\n]}");

} // namespace

ViewsPage::ViewsPage(ViewsModel& model, QWidget* parent)
    : QWidget(parent), m_model(model), m_confirm(messageBoxConfirm(this))
{
    setObjectName(QStringLiteral("views"));
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("viewsView"));
    m_view->setModel(&m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(ViewsModel::Name, 200);
    m_view->setColumnWidth(ViewsModel::Profiles, 200);
    auto* create = new QPushButton(tr("&New"), this);
    auto* save = new QPushButton(tr("&Save"), this);
    auto* remove = new QPushButton(tr("&Delete…"), this);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(create);
    buttons->addWidget(remove);
    buttons->addStretch();
    buttons->addWidget(save);

    m_name = new QLineEdit(this);
    m_description = new QLineEdit(this);
    m_filter = new QPlainTextEdit(this);
    m_filter->setObjectName(QStringLiteral("viewFilter"));
    m_filter->setPlaceholderText(Example);
    m_filter->setToolTip(
        tr("{\"all\": [conditions]}: every condition must hold. Fields: name, hostname, unitId, "
           "lastIp, os, kernel, agentVersion, cpuModel and attribute (with equals, glob or "
           "regex), folder (with subfolders), online. See docs/views.md."));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    m_filter->setFont(mono);
    auto* editor = new QWidget(this);
    auto* form = new QFormLayout(editor);
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Description:"), m_description);
    form->addRow(tr("Filter:"), m_filter);

    m_members = new QTableWidget(0, 3, this);
    m_members->setObjectName(QStringLiteral("viewMembers"));
    m_members->setHorizontalHeaderLabels({tr("Device"), tr("Last IP"), tr("Online")});
    m_members->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_members->verticalHeader()->hide();
    m_members->horizontalHeader()->setStretchLastSection(true);
    m_members->setColumnWidth(0, 220);
    m_membersNote = new QLabel(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("viewsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_view);
    topLayout->addLayout(buttons);
    topLayout->addWidget(editor);
    auto* bottom = new QWidget(this);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_membersNote);
    bottomLayout->addWidget(m_members);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    layout->addWidget(m_status);

    connect(create, &QPushButton::clicked, this, &ViewsPage::startNew);
    connect(save, &QPushButton::clicked, this, &ViewsPage::save);
    connect(remove, &QPushButton::clicked, this, &ViewsPage::deleteSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ViewsPage::showSelected);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &ViewsPage::showSelected);
    connect(&m_model, &ViewsModel::created, this, &ViewsPage::select);
    connect(&m_model, &ViewsModel::membersLoaded, this, &ViewsPage::showMembers);
    connect(&m_model, &ViewsModel::finished, this,
            [this](const QString& what, const QString& error) {
                m_status->setText(error.isEmpty() ? tr("%1: done").arg(what)
                                                  : tr("%1 failed: %2").arg(what, error));
                if (error.isEmpty()) {
                    m_creating = false;
                    showSelected();
                }
            });
    connect(&m_model, &ViewsModel::loadFailed, this, [this](const QString& error) {
        m_status->setText(tr("The views could not be loaded: %1").arg(error));
    });
}

void ViewsPage::activate()
{
    m_model.reload();
}

QString ViewsPage::statusText() const
{
    return m_status->text();
}

QString ViewsPage::membersText() const
{
    return m_membersNote->text();
}

qint64 ViewsPage::selectedId() const
{
    const auto rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(ViewsModel::IdRole).toLongLong();
}

void ViewsPage::select(qint64 id)
{
    const int row = m_model.rowOf(id);
    if (row >= 0) {
        m_view->selectionModel()->select(m_model.index(row, 0), QItemSelectionModel::ClearAndSelect
                                                                    | QItemSelectionModel::Rows);
    }
}

void ViewsPage::showSelected()
{
    if (m_creating) {
        return;
    }
    const int row = m_model.rowOf(selectedId());
    if (row < 0) {
        setEdits({}, {}, {});
        m_model.loadMembers(0);
        return;
    }
    const QJsonObject view = m_model.view(row);
    setEdits(view.value(QStringLiteral("name")).toString(),
             view.value(QStringLiteral("description")).toString(),
             QString::fromUtf8(QJsonDocument(view.value(QStringLiteral("filter")).toObject())
                                   .toJson(QJsonDocument::Indented)));
    if (m_model.membersOf() != selectedId()) {
        m_membersNote->setText(tr("Loading the devices…"));
        m_model.loadMembers(selectedId());
    }
}

void ViewsPage::showMembers(const QString& error)
{
    const QJsonArray& members = m_model.members();
    m_members->setRowCount(int(members.size()));
    for (int row = 0; row < members.size(); ++row) {
        const QJsonObject device = members.at(row).toObject();
        m_members->setItem(row, 0,
                           new QTableWidgetItem(device.value(QStringLiteral("name")).toString()));
        m_members->setItem(row, 1,
                           new QTableWidgetItem(device.value(QStringLiteral("lastIp")).toString()));
        m_members->setItem(row, 2,
                           new QTableWidgetItem(device.value(QStringLiteral("online")).toBool()
                                                    ? tr("online")
                                                    : tr("offline")));
    }
    if (!error.isEmpty()) {
        m_membersNote->setText(tr("The devices could not be loaded: %1").arg(error));
    } else if (m_model.membersOf() == 0) {
        m_membersNote->setText(tr("Select a view to see the devices it selects."));
    } else {
        m_membersNote->setText(
            tr("The view selects %n device(s) now.", nullptr, int(m_model.memberTotal())));
    }
}

void ViewsPage::startNew()
{
    m_creating = true;
    m_view->selectionModel()->clearSelection();
    setEdits(tr("New view"), {}, Example);
    m_name->setFocus();
    m_name->selectAll();
    m_status->setText(tr("Edit the new view's name and filter, then Save."));
}

void ViewsPage::setEdits(const QString& name, const QString& description, const QString& filterJson)
{
    m_name->setText(name);
    m_description->setText(description);
    m_filter->setPlainText(filterJson);
}

void ViewsPage::save()
{
    QJsonParseError error{};
    const QJsonDocument filter = QJsonDocument::fromJson(m_filter->toPlainText().toUtf8(), &error);
    if (!filter.isObject()) {
        m_status->setText(tr("Not saved: the filter is not a JSON object (%1 at character %2).")
                              .arg(error.error == QJsonParseError::NoError ? tr("not an object")
                                                                           : error.errorString())
                              .arg(error.offset));
        return;
    }
    if (m_creating) {
        m_model.create(m_name->text(), m_description->text(), filter.object());
    } else if (const qint64 id = selectedId()) {
        m_model.change(id, m_name->text(), m_description->text(), filter.object(),
                       models::ApplyMode::Now);
    }
}

void ViewsPage::deleteSelected()
{
    const int row = m_model.rowOf(selectedId());
    if (row < 0) {
        return;
    }
    const QJsonObject view = m_model.view(row);
    if (m_confirm(tr("Delete view"),
                  tr("Delete view %1? Profiles assigned to it no longer reach its devices.")
                      .arg(view.value(QStringLiteral("name")).toString()))) {
        m_model.remove(selectedId(), models::ApplyMode::Now);
    }
}

} // namespace steward::console::ui
