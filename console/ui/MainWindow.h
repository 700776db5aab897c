// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow - navigation tree, lazy device list, detail pane, actions, live status.
#pragma once

#include "console/app/ConsoleSettings.h"
#include "console/net/Session.h"
#include "console/ui/Confirm.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QStackedWidget;
class QTableView;
class QTreeView;

namespace steward::console::models {
class CertificateModel;
class DashboardModel;
class DeviceListModel;
class JobListModel;
class NavigationModel;
class AuditLogModel;
class BackupModel;
class ProfilesModel;
class RecycleBinModel;
class ViewsModel;
} // namespace steward::console::models

namespace steward::console::ui {

struct AccessNode;
class CertificatesPage;
class ConnectDialog;
class AdministratorsPage;
class AuditLogPage;
class BackupsPage;
class DashboardPage;
class DeviceDetailsPane;
class ProfilesPage;
class JobsPage;
class RecycleBinPage;
class ViewsPage;
class ShadowLauncher;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    MainWindow(net::Session session, ConsoleSettings& settings, ShadowLauncher& shadow,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] models::DeviceListModel& devices() { return *m_devices; }
    [[nodiscard]] models::NavigationModel& navigation() { return *m_navigation; }
    [[nodiscard]] QTableView& deviceView() { return *m_table; }
    [[nodiscard]] QTreeView& navigationView() { return *m_tree; }
    [[nodiscard]] DeviceDetailsPane& details() { return *m_details; }
    [[nodiscard]] DashboardPage& dashboard() { return *m_dashboard; }
    [[nodiscard]] models::RecycleBinModel& recycleBin() { return *m_recycleBin; }
    [[nodiscard]] RecycleBinPage& recycleBinPage() { return *m_recycleBinPage; }
    [[nodiscard]] BackupsPage& backupsPage() { return *m_backupsPage; }
    [[nodiscard]] ProfilesPage& profilesPage() { return *m_profilesPage; }
    [[nodiscard]] models::ProfilesModel& profiles() { return *m_profiles; }
    [[nodiscard]] ViewsPage& viewsPage() { return *m_viewsPage; }
    [[nodiscard]] models::ViewsModel& views() { return *m_views; }
    [[nodiscard]] models::JobListModel& jobs() { return *m_jobModel; }
    [[nodiscard]] JobsPage& jobsPage() { return *m_jobsPage; }
    [[nodiscard]] models::CertificateModel& certificates() { return *m_certificates; }
    [[nodiscard]] CertificatesPage& certificatesPage() { return *m_certificatesPage; }
    [[nodiscard]] AuditLogPage& auditLogPage() { return *m_auditLogPage; }
    [[nodiscard]] AdministratorsPage& administratorsPage() { return *m_administratorsPage; }
    /** Replaces the yes/no questions before destructive actions (tests answer them). */
    void setConfirm(Confirm confirm);
    /**
     * How the "log in again" dialog is shown when the session expired or was revoked (it comes
     * pre-filled with server and user); by default open(). Tests fill in and connect, or reject.
     */
    void setLoginPrompt(std::function<void(ConnectDialog&)> prompt)
    {
        m_loginPrompt = std::move(prompt);
    }
    /** The page the tree shows now (the dashboard, the device list or a placeholder). */
    [[nodiscard]] QWidget* currentPage() const;
    [[nodiscard]] net::Session& session() { return m_session; }
    /** The action with this object name ("reboot", "shadow", …), for tests and menus. */
    [[nodiscard]] QAction* action(const QString& name) const;
    [[nodiscard]] QString connectionText() const;

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QAction* addAction(const QString& name, const QString& text, const QKeySequence& key,
                       void (MainWindow::*slot)());
    void buildActions();
    void buildLayout();
    void navigate(const QModelIndex& index);
    void selectionChanged();
    void updateActions();
    [[nodiscard]] QList<QJsonObject> selectedDevices() const;
    void showContextMenu(const QPoint& at);
    void showTreeMenu(const QPoint& at);

    void shadow();
    void reboot();
    void shutdown();
    void wake();
    void pushSettings();
    void rename();
    void move();
    void remove();
    void release();
    void newFolder();
    void renameFolder();
    void deleteFolder();
    void accessControl();
    void deviceAccessControl();
    void serverAccessControl();
    void groups();
    void addDevices();
    void preferences();
    void openAccessControl(const AccessNode& node);
    void relogin();
    void finishRelogin(ConnectDialog& dialog, bool accepted);
    void sendCommand(const QString& kind, const QJsonObject& args, const QString& confirm);
    void addJobs(); // the Jobs page and bulk commands as jobs (MainWindowJobs.cpp)
    void showJobs();
    /** Runs \a kind on several selected devices as one job, with a progress dialog. */
    [[nodiscard]] bool startJob(const QString& kind, const QString& confirm);
    /** A status message "what: done" (default "queued"), or a warning naming the failure. */
    void reportResult(const QString& what, const net::ApiReply& reply, const QString& done = {});

    net::Session m_session;
    ConsoleSettings& m_settings;
    ShadowLauncher& m_shadow;
    models::DeviceListModel* m_devices = nullptr;
    models::NavigationModel* m_navigation = nullptr;
    models::DashboardModel* m_dashboardModel = nullptr;
    models::RecycleBinModel* m_recycleBin = nullptr;
    RecycleBinPage* m_recycleBinPage = nullptr;
    models::BackupModel* m_backups = nullptr;
    BackupsPage* m_backupsPage = nullptr;
    models::ProfilesModel* m_profiles = nullptr;
    ProfilesPage* m_profilesPage = nullptr;
    models::ViewsModel* m_views = nullptr;
    ViewsPage* m_viewsPage = nullptr;
    models::JobListModel* m_jobModel = nullptr;
    JobsPage* m_jobsPage = nullptr;
    models::CertificateModel* m_certificates = nullptr;
    CertificatesPage* m_certificatesPage = nullptr;
    models::AuditLogModel* m_auditLog = nullptr;
    AuditLogPage* m_auditLogPage = nullptr;
    AdministratorsPage* m_administratorsPage = nullptr;
    Confirm m_confirm;
    std::function<void(ConnectDialog&)> m_loginPrompt;
    ConnectDialog* m_relogin = nullptr;
    DashboardPage* m_dashboard = nullptr;
    QTreeView* m_tree = nullptr;
    QTableView* m_table = nullptr;
    QStackedWidget* m_pages = nullptr;
    QLabel* m_placeholder = nullptr;
    DeviceDetailsPane* m_details = nullptr;
    QLabel* m_serverLabel = nullptr;
    QLabel* m_userLabel = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_countLabel = nullptr;
    std::map<QString, QString> m_disabledReasons; // action name → why it is off
    bool m_rebuildingTree = false;
    std::pair<int, int> m_placeholderRow{0, -1}; // row and parent row of the last tree place
};

} // namespace steward::console::ui
