// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/ProfilesPage.h"

#include "console/models/DeviceListModel.h"
#include "console/ui/ProfileValuesEditor.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace steward::console::ui {

using models::ApplyMode;
using models::ProfilesModel;

namespace {

QPushButton* button(const QString& text, const QString& tip, QWidget* parent)
{
    auto* made = new QPushButton(text, parent);
    made->setToolTip(tip);
    return made;
}

} // namespace

ProfilesPage::ProfilesPage(ProfilesModel& model, net::Transport& transport, QWidget* parent)
    : QWidget(parent), m_model(model), m_transport(transport), m_confirm(messageBoxConfirm(this))
{
    setObjectName(QStringLiteral("profiles"));
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("profilesView"));
    m_view->setModel(&m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(ProfilesModel::Name, 200);

    auto* create = button(tr("&New…"), tr("Create a profile"), this);
    auto* rename = button(tr("Re&name…"), tr("Rename the selected profile"), this);
    auto* remove =
        button(tr("&Delete…"), tr("Delete the selected profile and its assignments"), this);
    auto* import = button(tr("&Import…"), tr("Create a profile from an export file"), this);
    auto* exportButton = button(tr("E&xport…"), tr("Save the selected profile to a file"), this);
    auto* listButtons = new QHBoxLayout;
    for (auto* b : {create, rename, remove}) {
        listButtons->addWidget(b);
    }
    listButtons->addStretch();
    listButtons->addWidget(import);
    listButtons->addWidget(exportButton);

    m_title = new QLabel(this);
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("standard"), QStringLiteral("standard"));
    m_kind->addItem(tr("priority (beats every standard profile)"), QStringLiteral("priority"));
    m_editor = new ProfileValuesEditor(this);
    m_apply = new QComboBox(this);
    m_apply->setObjectName(QStringLiteral("applyMode"));
    m_apply->addItem(tr("Push now"));
    m_apply->addItem(tr("At next connect"));
    m_apply->setToolTip(tr("When the devices this change reaches get it: at once, or when each "
                           "next connects (or boots)"));
    m_save = button(tr("&Save"), tr("Store the values; the devices get them as chosen"), this);
    auto* valuesPage = new QWidget(this);
    auto* valuesLayout = new QVBoxLayout(valuesPage);
    auto* kindRow = new QHBoxLayout;
    kindRow->addWidget(new QLabel(tr("Kind:"), valuesPage));
    kindRow->addWidget(m_kind);
    kindRow->addStretch();
    valuesLayout->addLayout(kindRow);
    valuesLayout->addWidget(m_editor, 1);

    m_assignments = new QTableWidget(0, 2, this);
    m_assignments->setObjectName(QStringLiteral("profileAssignments"));
    m_assignments->setHorizontalHeaderLabels({tr("Assigned to"), tr("Since")});
    m_assignments->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_assignments->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_assignments->verticalHeader()->hide();
    m_assignments->horizontalHeader()->setStretchLastSection(true);
    m_assignments->setColumnWidth(0, 300);
    auto* assign = button(tr("&Assign…"), tr("Assign to a device, a folder or a view"), this);
    auto* unassignButton =
        button(tr("&Remove assignment"), tr("Remove the selected assignment"), this);
    auto* assignmentsPage = new QWidget(this);
    auto* assignmentsLayout = new QVBoxLayout(assignmentsPage);
    assignmentsLayout->addWidget(m_assignments);
    auto* assignButtons = new QHBoxLayout;
    assignButtons->addWidget(assign);
    assignButtons->addWidget(unassignButton);
    assignButtons->addStretch();
    assignmentsLayout->addLayout(assignButtons);

    auto* tabs = new QTabWidget(this);
    tabs->addTab(valuesPage, tr("&Values"));
    tabs->addTab(assignmentsPage, tr("Assi&gnments"));
    auto* saveRow = new QHBoxLayout;
    saveRow->addWidget(m_title, 1);
    saveRow->addWidget(new QLabel(tr("Changes reach devices:"), this));
    saveRow->addWidget(m_apply);
    saveRow->addWidget(m_save);

    auto* top = new QWidget(this);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(m_view);
    topLayout->addLayout(listButtons);
    auto* bottom = new QWidget(this);
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addLayout(saveRow);
    bottomLayout->addWidget(tabs);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("profilesStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    layout->addWidget(m_status);

    connect(create, &QPushButton::clicked, this, &ProfilesPage::askNew);
    connect(rename, &QPushButton::clicked, this, &ProfilesPage::askRename);
    connect(remove, &QPushButton::clicked, this, &ProfilesPage::deleteSelected);
    connect(import, &QPushButton::clicked, this, &ProfilesPage::askImport);
    connect(exportButton, &QPushButton::clicked, this, &ProfilesPage::askExport);
    connect(m_save, &QPushButton::clicked, this, &ProfilesPage::saveSelected);
    connect(assign, &QPushButton::clicked, this, &ProfilesPage::askAssign);
    connect(unassignButton, &QPushButton::clicked, this,
            [this] { unassign(m_assignments->currentRow()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProfilesPage::showSelected);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &ProfilesPage::showSelected);
    // Another console's change: the title and assignments follow; values being edited stay
    // (showSelected() only fills the editor when another profile is selected).
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &ProfilesPage::showSelected);
    connect(&m_model, &ProfilesModel::created, this, &ProfilesPage::select);
    connect(&m_model, &ProfilesModel::parametersLoaded, this, &ProfilesPage::showSelected);
    connect(&m_model, &ProfilesModel::finished, this,
            [this](const QString& what, const QString& error) {
                m_status->setText(error.isEmpty() ? tr("%1: done").arg(what)
                                                  : tr("%1 failed: %2").arg(what, error));
                if (error.isEmpty() && what.startsWith(tr("Save"))) {
                    m_shown = 0;
                    showSelected(); // as stored
                }
            });
    connect(&m_model, &ProfilesModel::loadFailed, this, [this](const QString& error) {
        m_status->setText(tr("The profiles could not be loaded: %1").arg(error));
    });
    showSelected();
}

void ProfilesPage::activate()
{
    m_model.reload();
    loadTargets();
}

void ProfilesPage::loadTargets()
{
    m_transport.get(QStringLiteral("/api/v1/devices?offset=0&limit=1000"), this,
                    [this](const net::ApiReply& reply) {
                        for (const auto& item :
                             reply.object().value(QStringLiteral("items")).toArray()) {
                            const QJsonObject device = item.toObject();
                            m_devices.insert(device.value(QStringLiteral("id")).toInteger(),
                                             device.value(QStringLiteral("name")).toString());
                        }
                        showSelected();
                    });
    m_transport.get(QStringLiteral("/api/v1/folders"), this, [this](const net::ApiReply& reply) {
        for (const auto& item : reply.object().value(QStringLiteral("items")).toArray()) {
            const QJsonObject folder = item.toObject();
            m_folders.insert(folder.value(QStringLiteral("id")).toInteger(),
                             folder.value(QStringLiteral("path")).toString());
        }
        showSelected();
    });
    m_transport.get(QStringLiteral("/api/v1/views"), this, [this](const net::ApiReply& reply) {
        for (const auto& item : reply.object().value(QStringLiteral("items")).toArray()) {
            const QJsonObject view = item.toObject();
            m_views.insert(view.value(QStringLiteral("id")).toInteger(),
                           view.value(QStringLiteral("name")).toString());
        }
        showSelected();
    });
}

QString ProfilesPage::statusText() const
{
    return m_status->text();
}

qint64 ProfilesPage::selectedId() const
{
    const auto rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(ProfilesModel::IdRole).toLongLong();
}

void ProfilesPage::select(qint64 id)
{
    const int row = m_model.rowOf(id);
    if (row >= 0) {
        m_view->selectionModel()->select(m_model.index(row, 0), QItemSelectionModel::ClearAndSelect
                                                                    | QItemSelectionModel::Rows);
    }
}

void ProfilesPage::setApplyMode(ApplyMode mode)
{
    m_apply->setCurrentIndex(mode == ApplyMode::Now ? 0 : 1);
}

ApplyMode ProfilesPage::applyMode() const
{
    return m_apply->currentIndex() == 0 ? ApplyMode::Now : ApplyMode::NextConnect;
}

QString ProfilesPage::targetText(const QJsonObject& assignment) const
{
    const auto id = [&](const char* key) {
        return assignment.value(QLatin1String(key)).toInteger();
    };
    if (assignment.contains(QStringLiteral("device"))) {
        return tr("Device %1 (#%2)")
            .arg(m_devices.value(id("device"), tr("not listed")))
            .arg(id("device"));
    }
    if (assignment.contains(QStringLiteral("view"))) {
        return tr("View %1 (#%2)").arg(m_views.value(id("view"), tr("not listed"))).arg(id("view"));
    }
    const QString path = assignment.value(QStringLiteral("path")).toString();
    return tr("Folder %1 and its subfolders")
        .arg(path.isEmpty() ? m_folders.value(id("folder"), QStringLiteral("#%1").arg(id("folder")))
                            : path);
}

void ProfilesPage::showSelected()
{
    const qint64 id = selectedId();
    const int row = m_model.rowOf(id);
    if (!m_editorBuilt && !m_model.parameters().isEmpty()) {
        m_editor->setParameters(m_model.parameters());
        m_editorBuilt = true;
        m_shown = 0;
    }
    m_save->setEnabled(row >= 0);
    m_editor->setEnabled(row >= 0);
    if (row < 0) {
        m_title->setText(tr("Select a profile"));
        m_assignments->setRowCount(0);
        m_shown = 0;
        return;
    }
    const QJsonObject profile = m_model.profile(row);
    m_title->setText(tr("<b>%1</b>").arg(profile.value(QStringLiteral("name")).toString()));
    if (id != m_shown) {
        m_shown = id;
        m_editor->setValues(profile.value(QStringLiteral("values")).toObject());
        m_kind->setCurrentIndex(
            profile.value(QStringLiteral("kind")).toString() == QLatin1String("priority") ? 1 : 0);
    }
    const QJsonArray assignments = profile.value(QStringLiteral("assignments")).toArray();
    m_assignments->setRowCount(int(assignments.size()));
    for (int at = 0; at < assignments.size(); ++at) {
        const QJsonObject assignment = assignments.at(at).toObject();
        m_assignments->setItem(at, 0, new QTableWidgetItem(targetText(assignment)));
        m_assignments->setItem(
            at, 1,
            new QTableWidgetItem(models::localTime(assignment.value(QStringLiteral("created")))));
    }
}

void ProfilesPage::createProfile(const QString& name, const QString& kind)
{
    m_model.create(name, kind, {});
}

void ProfilesPage::renameSelected(const QString& name)
{
    if (const qint64 id = selectedId()) {
        m_model.rename(id, name);
    }
}

void ProfilesPage::deleteSelected()
{
    const qint64 id = selectedId();
    if (id == 0) {
        return;
    }
    const QJsonObject profile = m_model.profile(m_model.rowOf(id));
    const auto assigned = profile.value(QStringLiteral("assignments")).toArray().size();
    if (!m_confirm(tr("Delete profile"),
                   tr("Delete profile %1 and its %n assignment(s)? The devices it reaches lose "
                      "its values.",
                      nullptr, int(assigned))
                       .arg(profile.value(QStringLiteral("name")).toString()))) {
        return;
    }
    m_model.remove(id, applyMode());
}

void ProfilesPage::saveSelected()
{
    const qint64 id = selectedId();
    if (id == 0) {
        return;
    }
    const QStringList problems = m_editor->problems();
    if (!problems.isEmpty()) {
        m_status->setText(tr("Not saved:\n%1").arg(problems.join(QLatin1Char('\n'))));
        return;
    }
    m_model.saveValues(id, m_editor->values(), m_kind->currentData().toString(), applyMode());
}

void ProfilesPage::assignSelected(const QString& target, qint64 id)
{
    if (const qint64 profile = selectedId()) {
        QJsonObject assignment{{target, id}};
        if (target == QLatin1String("folder")) {
            assignment.insert(QStringLiteral("path"), m_folders.value(id));
        }
        m_model.assign(profile, target, id, applyMode(), targetText(assignment));
    }
}

void ProfilesPage::unassign(int assignmentRow)
{
    const qint64 id = selectedId();
    const int row = m_model.rowOf(id);
    if (row < 0 || assignmentRow < 0) {
        return;
    }
    const QJsonArray assignments =
        m_model.profile(row).value(QStringLiteral("assignments")).toArray();
    if (assignmentRow < assignments.size()) {
        m_model.unassign(id, assignments.at(assignmentRow).toObject(), applyMode());
    }
}

void ProfilesPage::exportSelected(const QString& path)
{
    if (const qint64 id = selectedId()) {
        m_model.exportTo(id, path);
    }
}

void ProfilesPage::importFile(const QString& path, bool replace)
{
    m_model.importFrom(path, replace, applyMode());
}

} // namespace steward::console::ui
