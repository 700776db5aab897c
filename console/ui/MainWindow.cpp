// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/MainWindow.h"

#include "console/models/AuditLogModel.h"
#include "console/models/BackupModel.h"
#include "console/models/CertificateModel.h"
#include "console/models/DashboardModel.h"
#include "console/models/DeviceListModel.h"
#include "console/models/NavigationModel.h"
#include "console/models/ProfilesModel.h"
#include "console/models/RecycleBinModel.h"
#include "console/models/ViewsModel.h"
#include "console/net/Logging.h"
#include "console/ui/AddDevicesDialog.h"
#include "console/ui/AdministratorsPage.h"
#include "console/ui/AuditLogPage.h"
#include "console/ui/BackupsPage.h"
#include "console/ui/CertificateExpiryNotice.h"
#include "console/ui/CertificatesPage.h"
#include "console/ui/DashboardPage.h"
#include "console/ui/DeviceDetailsPane.h"
#include "console/ui/PreferencesDialog.h"
#include "console/ui/ProfilesPage.h"
#include "console/ui/RecycleBinPage.h"
#include "console/ui/ShadowLauncher.h"
#include "console/ui/ViewsPage.h"

#include <QAction>
#include <QCloseEvent>
#include <QHash>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QScreen>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>

namespace steward::console::ui {
namespace {

const QString CommandsRoute = QStringLiteral("/api/v1/devices/{id}/commands");
const QString DeviceRoute = QStringLiteral("/api/v1/devices/{id}");
const QString FoldersRoute = QStringLiteral("/api/v1/folders");
const QString FolderRoute = QStringLiteral("/api/v1/folders/{id}");
const QString PermissionsRoute = QStringLiteral("/api/v1/permissions");
const QString RecycleBinRoute = QStringLiteral("/api/v1/recycle-bin");
const QString CertificatesRoute = QStringLiteral("/api/v1/certificates");

QString stateText(net::EventSocket::State state)
{
    switch (state) {
    case net::EventSocket::State::Live:
        return QObject::tr("Live");
    case net::EventSocket::State::Connecting:
        return QObject::tr("Connecting…");
    case net::EventSocket::State::Reconnecting:
        return QObject::tr("Connection lost; reconnecting…");
    case net::EventSocket::State::Failed:
        return QObject::tr("Disconnected");
    case net::EventSocket::State::Idle:
        break;
    }
    return QObject::tr("Not connected");
}

} // namespace

MainWindow::MainWindow(net::Session session, ConsoleSettings& settings, ShadowLauncher& shadow,
                       QWidget* parent)
    : QMainWindow(parent), m_session(std::move(session)), m_settings(settings), m_shadow(shadow)
{
    setWindowTitle(tr("Steward console — %1").arg(m_session.server.host()));
    m_devices = new models::DeviceListModel(*m_session.api, this);
    m_navigation = new models::NavigationModel(
        *m_session.api, m_session.capabilities.has(QStringLiteral("GET"), FoldersRoute), this);
    m_dashboardModel = new models::DashboardModel(*m_session.api, this);
    m_recycleBin = new models::RecycleBinModel(*m_session.api, this);
    m_profiles = new models::ProfilesModel(*m_session.api, this);
    m_views = new models::ViewsModel(*m_session.api, this);
    m_certificates = new models::CertificateModel(*m_session.api, this);
    m_confirm = messageBoxConfirm(this);
    // Queued: the dialog never opens inside a network reply's handler.
    m_session.api->setReauthentication(
        [this] { QMetaObject::invokeMethod(this, &MainWindow::relogin, Qt::QueuedConnection); });
    buildLayout();
    buildActions();
    addJobs();
    m_navigation->setRecycleBinAvailable(
        m_session.capabilities.has(QStringLiteral("GET"), RecycleBinRoute));
    m_navigation->setConfigurationAvailable(
        m_session.capabilities.has(QStringLiteral("GET"), QStringLiteral("/api/v1/profiles")),
        m_session.capabilities.has(QStringLiteral("GET"), QStringLiteral("/api/v1/views")));
    m_navigation->setCertificatesAvailable(
        m_session.capabilities.has(QStringLiteral("GET"), CertificatesRoute));

    connect(m_session.events, &net::EventSocket::objectEvent, this,
            [this](const protocol::ObjectEvent& event) {
                m_devices->applyEvent(event);
                m_navigation->applyEvent(event);
                m_details->applyEvent(event);
                m_dashboardModel->applyEvent(event);
                m_recycleBin->applyEvent(event);
                m_profiles->applyEvent(event);
                m_views->applyEvent(event);
                m_certificates->applyEvent(event);
            });
    connect(m_session.events, &net::EventSocket::stateChanged, this,
            [this](net::EventSocket::State state) {
                m_stateLabel->setText(stateText(state));
                if (state == net::EventSocket::State::Live) {
                    // Events missed while away are unknown: load again once live.
                    m_devices->reload();
                    m_navigation->reload();
                    m_dashboardModel->resync();
                    if (m_pages->currentWidget() == m_recycleBinPage) {
                        m_recycleBin->reload();
                    }
                    m_details->reloadConfiguration();
                    if (m_pages->currentWidget() == m_profilesPage) {
                        m_profiles->reload();
                    } else if (m_pages->currentWidget() == m_viewsPage) {
                        m_views->reload();
                    }
                    if (m_certificates->isLoaded()) {
                        m_certificates->reload();
                    }
                }
            });
    connect(m_session.events, &net::EventSocket::failed, this, [this](const Error& error) {
        m_stateLabel->setText(tr("Disconnected: %1").arg(error.message));
    });
    connect(m_devices, &models::DeviceListModel::loadFailed, this, [this](const Error& error) {
        statusBar()->showMessage(tr("Devices could not be loaded: %1").arg(error.message), 10'000);
    });
    const auto count = [this] {
        m_countLabel->setText(
            m_devices->total() < 0
                ? QString()
                : tr("%1 of %2 devices loaded").arg(m_devices->rowCount()).arg(m_devices->total()));
    };
    connect(m_devices, &QAbstractItemModel::rowsInserted, this, count);
    connect(m_devices, &QAbstractItemModel::rowsRemoved, this, count);
    connect(m_devices, &QAbstractItemModel::modelReset, this, count);
    connect(m_devices, &models::DeviceListModel::pageLoaded, this, count);
    connect(m_devices, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& from) {
        const auto rows = m_table->selectionModel()->selectedRows();
        if (rows.size() == 1 && rows.first().row() == from.row()) {
            updateActions();
        }
    });

    m_serverLabel->setText(
        tr("Server: %1 (%2)").arg(m_session.server.toString(), m_session.serverVersion));
    m_userLabel->setText(
        tr("User: %1%2").arg(m_session.user, m_session.superuser ? tr(" (superuser)") : QString()));
    m_stateLabel->setText(stateText(m_session.events->state()));

    if (!restoreGeometry(m_settings.windowGeometry())) {
        const QSize available = screen() ? screen()->availableSize() : QSize(1280, 800);
        resize(available * 0.8);
    }
    restoreState(m_settings.windowState());

    m_navigation->reload();
    m_devices->reload();
    m_dashboardModel->start();
    m_tree->setCurrentIndex(m_navigation->dashboardIndex());
    m_tree->setFocus();
    updateActions();
}

MainWindow::~MainWindow()
{
    // The client outlives this window (it belongs to the session's owner): never ask it to
    // open a login dialog on a window that is gone.
    if (m_session.api) {
        m_session.api->setReauthentication({});
    }
}

void MainWindow::buildLayout()
{
    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("navigation"));
    m_tree->setModel(m_navigation);
    m_tree->setHeaderHidden(true);
    m_tree->setDragDropMode(QAbstractItemView::DropOnly);
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_navigation, &models::NavigationModel::modelAboutToBeReset, this,
            [this] { m_rebuildingTree = true; });
    connect(m_navigation, &models::NavigationModel::reloaded, m_tree, [this] {
        // The tree was rebuilt (new counts): select the same place again, so a count change
        // never switches the list to another folder.
        m_tree->expandToDepth(1);
        QModelIndex again = m_navigation->devicesIndex();
        if (m_devices->folder()) {
            const QModelIndex folder = m_navigation->folderIndex(*m_devices->folder());
            again = folder.isValid() ? folder : again; // invalid: the folder was deleted
        } else if (m_pages->currentWidget() == m_dashboard) {
            again = m_navigation->dashboardIndex();
        } else if (m_pages->currentWidget() == m_recycleBinPage) {
            again = m_navigation->recycleBinIndex();
        } else if (m_pages->currentWidget() == m_profilesPage) {
            again = m_navigation->nodeIndex(models::NavigationModel::Node::Profiles);
        } else if (m_pages->currentWidget() == m_viewsPage) {
            again = m_navigation->nodeIndex(models::NavigationModel::Node::Views);
        } else if (m_pages->currentWidget() == m_certificatesPage) {
            again = m_navigation->certificatesIndex();
        } else if (m_pages->currentWidget() != m_table) {
            // Every other page (placeholders, backups, …) sits at a fixed place in the tree.
            again = m_navigation->index(m_placeholderRow.first, 0,
                                        m_placeholderRow.second >= 0
                                            ? m_navigation->index(m_placeholderRow.second, 0)
                                            : QModelIndex());
        }
        m_rebuildingTree = false;
        m_tree->setCurrentIndex(again);
        QHash<qint64, QString> names;
        for (const auto& folder : m_navigation->folders()) {
            names.insert(folder.id, folder.name);
        }
        m_recycleBin->setFolderNames(std::move(names));
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { navigate(current); });
    connect(m_tree, &QWidget::customContextMenuRequested, this, &MainWindow::showTreeMenu);
    connect(m_navigation, &models::NavigationModel::moveFailed, this, [this](const QString& why) {
        QMessageBox::warning(this, tr("Move failed"),
                             tr("Some devices were not moved:\n%1").arg(why));
    });
    connect(m_navigation, &models::NavigationModel::devicesMoved, this, [this](int count) {
        statusBar()->showMessage(tr("%n device(s) moved", nullptr, count), 5000);
    });

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("devices"));
    m_table->setModel(m_devices);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setDragEnabled(true);
    m_table->setDragDropMode(QAbstractItemView::DragOnly);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view never asks the model for every row to lay itself out.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(models::DeviceListModel::Name, 220);
    m_table->setColumnWidth(models::DeviceListModel::UnitId, 160);
    m_table->setColumnWidth(models::DeviceListModel::LastContact, 160);
    m_table->setWordWrap(false);
    connect(m_table, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::selectionChanged);
    connect(m_table, &QAbstractItemView::activated, this, [this] { m_details->setFocus(); });

    m_placeholder = new QLabel(this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_pages = new QStackedWidget(this);
    m_dashboard = new DashboardPage(*m_dashboardModel, this);
    m_pages->addWidget(m_table);
    m_pages->addWidget(m_placeholder);
    m_pages->addWidget(m_dashboard);
    m_recycleBinPage = new RecycleBinPage(*m_recycleBin, this);
    m_pages->addWidget(m_recycleBinPage);
    m_backups = new models::BackupModel(*m_session.api, this);
    m_backupsPage = new BackupsPage(*m_backups, this);
    m_pages->addWidget(m_backupsPage);
    m_profilesPage = new ProfilesPage(*m_profiles, *m_session.api, this);
    m_pages->addWidget(m_profilesPage);
    m_viewsPage = new ViewsPage(*m_views, this);
    m_pages->addWidget(m_viewsPage);
    m_certificatesPage = new CertificatesPage(*m_certificates, this);
    if (m_session.capabilities.has(QStringLiteral("GET"),
                                   QStringLiteral("/api/v1/web-certificates"))) {
        m_certificatesPage->addWebCertificates(*m_session.api);
    }
    m_pages->addWidget(m_certificatesPage);
    m_auditLog = new models::AuditLogModel(*m_session.api, this);
    m_auditLogPage = new AuditLogPage(*m_auditLog, this);
    m_pages->addWidget(m_auditLogPage);
    m_administratorsPage = new AdministratorsPage(*m_session.api, this);
    m_pages->addWidget(m_administratorsPage);

    m_details = new DeviceDetailsPane(m_session, this);

    auto* splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_tree);
    splitter->addWidget(m_pages);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 2);
    setCentralWidget(splitter);
    setTabOrder(m_tree, m_table);
    setTabOrder(m_table, m_details);

    m_serverLabel = new QLabel(this);
    m_userLabel = new QLabel(this);
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("connectionState"));
    m_countLabel = new QLabel(this);
    auto* expiry = new CertificateExpiryNotice(*m_dashboardModel, this);
    connect(expiry, &CertificateExpiryNotice::activated, this, [this] {
        if (const QModelIndex at = m_navigation->certificatesIndex(); at.isValid()) {
            m_tree->setCurrentIndex(at);
        }
    });
    statusBar()->addPermanentWidget(expiry);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_serverLabel);
    statusBar()->addPermanentWidget(m_userLabel);
    statusBar()->addPermanentWidget(m_stateLabel);
}

QAction* MainWindow::addAction(const QString& name, const QString& text, const QKeySequence& key,
                               void (MainWindow::*slot)())
{
    auto* action = new QAction(text, this);
    action->setObjectName(name);
    if (!key.isEmpty()) {
        action->setShortcut(key);
        action->setShortcutContext(Qt::WindowShortcut);
    }
    connect(action, &QAction::triggered, this, slot);
    QMainWindow::addAction(action);
    return action;
}

void MainWindow::buildActions()
{
    const auto& caps = m_session.capabilities;
    const QString noCommands =
        tr("The server has no device command API yet (POST %1)").arg(CommandsRoute);
    const auto require = [&](const QString& action, bool available, const QString& why) {
        if (!available) {
            m_disabledReasons[action] = why;
        }
    };
    const bool commands = caps.has(QStringLiteral("POST"), CommandsRoute);
    addAction(QStringLiteral("shadow"), tr("&Shadow"), QKeySequence(Qt::CTRL | Qt::Key_Return),
              &MainWindow::shadow);
    addAction(QStringLiteral("reboot"), tr("&Reboot…"), {}, &MainWindow::reboot);
    require(QStringLiteral("reboot"), commands, noCommands);
    addAction(QStringLiteral("shutdown"), tr("Shut &down…"), {}, &MainWindow::shutdown);
    require(QStringLiteral("shutdown"), commands, noCommands);
    addAction(QStringLiteral("wake"), tr("&Wake"), {}, &MainWindow::wake);
    require(QStringLiteral("wake"),
            caps.has(QStringLiteral("POST"), QStringLiteral("/api/v1/devices/{id}/wake")),
            tr("The server has no Wake-on-LAN API yet (POST /api/v1/devices/{id}/wake)"));
    addAction(QStringLiteral("pushSettings"), tr("&Push settings"), {}, &MainWindow::pushSettings);
    require(QStringLiteral("pushSettings"), commands, noCommands);
    addAction(QStringLiteral("rename"), tr("Re&name…"), QKeySequence(Qt::Key_F2),
              &MainWindow::rename);
    require(QStringLiteral("rename"), commands || caps.has(QStringLiteral("PATCH"), DeviceRoute),
            tr("The server can rename devices neither with PATCH %1 nor with a command")
                .arg(DeviceRoute));
    addAction(QStringLiteral("move"), tr("&Move to folder…"), QKeySequence(Qt::CTRL | Qt::Key_M),
              &MainWindow::move);
    require(
        QStringLiteral("move"),
        caps.has(QStringLiteral("PATCH"), DeviceRoute)
            && caps.has(QStringLiteral("GET"), FoldersRoute),
        tr("The server has no folder API yet (PATCH %1, GET %2)").arg(DeviceRoute, FoldersRoute));
    addAction(QStringLiteral("delete"), tr("De&lete…"), QKeySequence::Delete, &MainWindow::remove);
    require(QStringLiteral("delete"), caps.has(QStringLiteral("DELETE"), DeviceRoute),
            tr("The server cannot delete devices yet (DELETE %1)").arg(DeviceRoute));
    addAction(QStringLiteral("release"), tr("Re&lease…"), {}, &MainWindow::release);
    require(QStringLiteral("release"), commands, noCommands);
    addAction(QStringLiteral("newFolder"), tr("New &folder…"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), &MainWindow::newFolder);
    require(QStringLiteral("newFolder"), caps.has(QStringLiteral("POST"), FoldersRoute),
            tr("The server has no folder API yet (POST %1)").arg(FoldersRoute));
    addAction(QStringLiteral("renameFolder"), tr("Rena&me folder…"), {}, &MainWindow::renameFolder);
    require(QStringLiteral("renameFolder"), caps.has(QStringLiteral("PATCH"), FolderRoute),
            tr("The server has no folder API yet (PATCH %1)").arg(FolderRoute));
    addAction(QStringLiteral("deleteFolder"), tr("Delete folder…"), {}, &MainWindow::deleteFolder);
    require(QStringLiteral("deleteFolder"), caps.has(QStringLiteral("DELETE"), FolderRoute),
            tr("The server has no folder API yet (DELETE %1)").arg(FolderRoute));

    const QString noAccess =
        tr("The server has no access control API yet (GET %1)").arg(PermissionsRoute);
    const bool access = caps.has(QStringLiteral("GET"), PermissionsRoute);
    for (const auto& [name, text, slot] :
         {std::tuple{"accessControl", tr("&Access control…"), &MainWindow::accessControl},
          std::tuple{"deviceAccessControl", tr("&Access control…"),
                     &MainWindow::deviceAccessControl},
          std::tuple{"serverAccessControl", tr("Access control for everything (/)…"),
                     &MainWindow::serverAccessControl}}) {
        addAction(QLatin1String(name), text, {}, slot);
        require(QLatin1String(name), access, noAccess);
    }
    addAction(QStringLiteral("groups"), tr("Administrator &groups…"), {}, &MainWindow::groups);
    require(QStringLiteral("groups"),
            caps.has(QStringLiteral("GET"), QStringLiteral("/api/v1/groups")),
            tr("The server has no group API yet (GET /api/v1/groups)"));

    addAction(QStringLiteral("addDevices"), tr("&Add devices…"),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), &MainWindow::addDevices);
    require(QStringLiteral("addDevices"),
            caps.has(QStringLiteral("POST"), QStringLiteral("/api/v1/enrollment-tokens")),
            tr("The server cannot make enrolment tokens (POST /api/v1/enrollment-tokens)"));
    addAction(QStringLiteral("preferences"), tr("&Preferences…"),
              QKeySequence(Qt::CTRL | Qt::Key_Comma), &MainWindow::preferences);

    auto* focusTree = new QAction(tr("Go to navigation"), this);
    focusTree->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(focusTree, &QAction::triggered, m_tree, qOverload<>(&QWidget::setFocus));
    QMainWindow::addAction(focusTree);
    auto* focusList = new QAction(tr("Go to device list"), this);
    focusList->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    connect(focusList, &QAction::triggered, m_table, qOverload<>(&QWidget::setFocus));
    QMainWindow::addAction(focusList);

    auto* toolbar = addToolBar(tr("Devices"));
    toolbar->setObjectName(QStringLiteral("deviceToolbar"));
    for (const char* name : {"addDevices", "shadow", "reboot", "shutdown", "wake", "pushSettings",
                             "rename", "move", "delete", "release", "newFolder"}) {
        toolbar->addAction(action(QLatin1String(name)));
    }
    toolbar->addSeparator();
    toolbar->addAction(action(QStringLiteral("preferences")));
}

void MainWindow::addDevices()
{
    auto* dialog = new AddDevicesDialog(*m_session.api, m_session.server,
                                        m_settings.pinnedCertificate(m_session.server), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void MainWindow::preferences()
{
    // Window-modal and not blocking: the event socket keeps the tree live meanwhile.
    auto* dialog = new PreferencesDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::setConfirm(Confirm confirm)
{
    m_confirm = confirm;
    m_recycleBinPage->setConfirm(confirm);
    m_profilesPage->setConfirm(confirm);
    m_backupsPage->setConfirm(confirm);
    m_viewsPage->setConfirm(confirm);
    m_certificatesPage->setConfirm(std::move(confirm));
}

QAction* MainWindow::action(const QString& name) const
{
    return findChild<QAction*>(name, Qt::FindDirectChildrenOnly);
}

QWidget* MainWindow::currentPage() const
{
    return m_pages->currentWidget();
}

QString MainWindow::connectionText() const
{
    return m_stateLabel->text();
}

void MainWindow::navigate(const QModelIndex& index)
{
    if (m_rebuildingTree || !index.isValid()) {
        return;
    }
    m_placeholderRow = {index.row(), index.parent().isValid() ? index.parent().row() : -1};
    using Node = models::NavigationModel::Node;
    const auto node = Node(index.data(models::NavigationModel::NodeRole).toInt());
    m_details->setVisible(node != Node::Dashboard); // the dashboard shows no single device
    switch (node) {
    case Node::Dashboard:
        m_pages->setCurrentWidget(m_dashboard);
        break;
    case Node::Devices:
        m_pages->setCurrentWidget(m_table);
        if (m_devices->folder()) {
            m_devices->setFolder(std::nullopt);
        }
        break;
    case Node::Folder: {
        m_pages->setCurrentWidget(m_table);
        const qint64 folder = index.data(models::NavigationModel::FolderIdRole).toLongLong();
        if (m_devices->folder() != folder) {
            m_devices->setFolder(folder);
        }
        break;
    }
    case Node::RecycleBin:
        if (m_pages->currentWidget() != m_recycleBinPage) {
            m_recycleBin->reload(); // events keep it current from then on
        }
        m_pages->setCurrentWidget(m_recycleBinPage);
        m_details->setVisible(false);
        break;
    case Node::Backups:
        m_backups->reload();
        m_pages->setCurrentWidget(m_backupsPage);
        m_details->setVisible(false);
        break;
    case Node::Profiles:
    case Node::Views: {
        QWidget* page =
            node == Node::Profiles ? static_cast<QWidget*>(m_profilesPage) : m_viewsPage;
        if (m_pages->currentWidget() != page) {
            node == Node::Profiles ? m_profilesPage->activate() : m_viewsPage->activate();
        }
        m_pages->setCurrentWidget(page);
        m_details->setVisible(false);
        break;
    }
    case Node::Jobs:
        showJobs();
        break;
    case Node::Certificates:
        if (m_pages->currentWidget() != m_certificatesPage) {
            m_certificates->reload(); // events keep it current from then on
        }
        m_pages->setCurrentWidget(m_certificatesPage);
        m_details->setVisible(false);
        break;
    case Node::Audit:
        m_pages->setCurrentWidget(m_auditLogPage); // loads when shown, follows while shown
        m_details->setVisible(false);
        break;
    case Node::Administrators:
        m_administratorsPage->reload();
        m_pages->setCurrentWidget(m_administratorsPage);
        m_details->setVisible(false);
        break;
    case Node::Placeholder:
        m_placeholder->setText(index.data(Qt::ToolTipRole).toString().isEmpty()
                                   ? index.data().toString()
                                   : index.data(Qt::ToolTipRole).toString());
        m_pages->setCurrentWidget(m_placeholder);
        break;
    }
    updateActions();
}

QList<QJsonObject> MainWindow::selectedDevices() const
{
    QList<QJsonObject> devices;
    for (const auto& row : m_table->selectionModel()->selectedRows()) {
        devices.append(m_devices->device(row.row()));
    }
    return devices;
}

void MainWindow::selectionChanged()
{
    const auto devices = selectedDevices();
    if (devices.size() == 1) {
        m_details->showDevice(devices.first());
    } else if (devices.isEmpty()) {
        m_details->clear();
    }
    updateActions();
}

void MainWindow::updateActions()
{
    const int selected = int(m_table->selectionModel()->selectedRows().size());
    const auto set = [this](const char* name, bool wanted, const QString& tooltip) {
        QAction* act = action(QLatin1String(name));
        const auto reason = m_disabledReasons.find(QLatin1String(name));
        if (reason != m_disabledReasons.end()) {
            act->setEnabled(false);
            act->setToolTip(reason->second);
            act->setStatusTip(reason->second);
            return;
        }
        act->setEnabled(wanted);
        act->setToolTip(tooltip);
        act->setStatusTip(tooltip);
    };
    const QString one = tr("Select one device");
    const QString some = tr("Select devices");
    const QString shadowReason = m_shadow.unavailableReason();
    set("shadow", selected == 1,
        shadowReason.isEmpty() ? tr("Watch and control the device's screen") : shadowReason);
    set("reboot", selected > 0, selected > 0 ? tr("Restart the selected devices") : some);
    set("shutdown", selected > 0, selected > 0 ? tr("Power off the selected devices") : some);
    set("wake", selected > 0, selected > 0 ? tr("Send Wake-on-LAN") : some);
    set("pushSettings", selected > 0,
        selected > 0 ? tr("Send the current settings to the selected devices") : some);
    set("rename", selected == 1, selected == 1 ? tr("Give the device a new name") : one);
    set("move", selected > 0, selected > 0 ? tr("Put the selected devices into a folder") : some);
    set("delete", selected > 0,
        selected > 0 ? tr("Move the selected devices to the recycle bin") : some);
    set("release", selected > 0, selected > 0 ? tr("Release the devices from management") : some);
    const bool folder = m_tree->currentIndex().data(models::NavigationModel::NodeRole).toInt()
                        == int(models::NavigationModel::Node::Folder);
    set("addDevices", true, tr("Enrol devices with a token, or find them with a network scan"));
    set("newFolder", true, tr("Create a folder here"));
    set("renameFolder", folder, folder ? tr("Rename this folder") : tr("Select a folder"));
    set("deleteFolder", folder, folder ? tr("Delete this folder") : tr("Select a folder"));
    const bool node =
        !m_tree->currentIndex().data(models::NavigationModel::AccessNodeRole).isNull();
    set("accessControl", node,
        node ? tr("Who may do what here, and why") : tr("Select a folder or an area"));
    set("deviceAccessControl", selected == 1,
        selected == 1 ? tr("Who may do what on this device, and why") : one);
    set("serverAccessControl", true, tr("Rights on the whole tree, inherited everywhere"));
    set("groups", true, tr("Create, rename and delete groups; choose their members"));
}

void MainWindow::showContextMenu(const QPoint& at)
{
    QMenu menu(this);
    for (const char* name : std::initializer_list<const char*>{
             "shadow", nullptr, "reboot", "shutdown", "wake", "pushSettings", nullptr, "rename",
             "move", "delete", "release", nullptr, "deviceAccessControl"}) {
        if (name) {
            menu.addAction(action(QLatin1String(name)));
        } else {
            menu.addSeparator();
        }
    }
    menu.setToolTipsVisible(true);
    menu.exec(m_table->viewport()->mapToGlobal(at));
}

void MainWindow::showTreeMenu(const QPoint& at)
{
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    menu.addAction(action(QStringLiteral("newFolder")));
    menu.addAction(action(QStringLiteral("renameFolder")));
    menu.addAction(action(QStringLiteral("deleteFolder")));
    menu.addSeparator();
    menu.addAction(action(QStringLiteral("accessControl")));
    menu.addAction(action(QStringLiteral("serverAccessControl")));
    menu.addAction(action(QStringLiteral("groups")));
    menu.exec(m_tree->viewport()->mapToGlobal(at));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings.saveWindow(saveGeometry(), saveState());
    if (m_session.api) {
        m_session.api->setReauthentication({}); // logging out: the 401s that follow are expected
    }
    if (m_session.api && !m_session.api->token().isEmpty()) {
        m_session.api->send({"POST", QStringLiteral("/api/v1/logout"), std::nullopt}, nullptr,
                            [](const net::ApiReply&) {});
    }
    m_session.events->close();
    QMainWindow::closeEvent(event);
}

} // namespace steward::console::ui
