// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ServerApp - the composition root: builds database, services, gateways and the listener.
#pragma once

#include "common/core/Result.h"
#include "server/app/ServerSettings.h"

#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>

#include <memory>

namespace steward::server {

namespace db {
class AccessRepository;
class Database;
class AdminRepository;
class AttributeRepository;
class AuditRepository;
class CertificateRepository;
class RolloverRepository;
class TrustRepository;
class DeviceCommandRepository;
class DeviceCountRepository;
class DeviceConfigRepository;
class FolderRuleRepository;
class DeviceRepository;
class EnrollmentTokenRepository;
class FileRepository;
class FolderRepository;
class JobRepository;
class ProfileRepository;
class SessionRepository;
class ShadowRepository;
class ViewRepository;
class WebCertificateRepository;
} // namespace db
namespace http {
class HttpApi;
}
namespace discovery {
class OnlineCheck;
class ScanService;
} // namespace discovery
namespace gateway {
class ConsoleGateway;
class DeviceGateway;
class TunnelRelay;
} // namespace gateway
namespace services {
class FileService;
class AttributeService;
class AccessService;
class AuditLog;
class AuthService;
class CaRollover;
class CertificateReconciler;
class CertificateStore;
class CertificateWatch;
class CommandService;
class DeviceCountSampler;
class ConfigPushService;
class FolderRuleService;
class EnrollmentService;
class EventHub;
class FolderService;
class BackupService;
class JobService;
class RecycleBinService;
class ProfileService;
class ServerIdentity;
class ShadowService;
class StatusService;
class ViewMembership;
class ViewService;
class WebCertificateStore;
} // namespace services

/**
 * Owns every long-lived object and passes references down; nothing is global. start() brings
 * the server up step by step and returns the first failure; the caller exits with 78 for a
 * configuration problem and 1 otherwise.
 */
class ServerApp : public QObject {
    Q_OBJECT

public:
    explicit ServerApp(ServerSettings settings, QObject* parent = nullptr);
    ~ServerApp() override;

    [[nodiscard]] Result<void> start();
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] const services::ServerIdentity& identity() const { return *m_identity; }
    [[nodiscard]] services::StatusService& status() { return *m_status; }
    [[nodiscard]] gateway::TunnelRelay& tunnelRelay() { return *m_tunnels; }
    /** The dashboard's device count history (tests take samples with sampleNow()). */
    [[nodiscard]] services::DeviceCountSampler& deviceCounts() { return *m_deviceSampler; }
    /** The certificate rollovers (tests run a pass with reconcile()). */
    [[nodiscard]] services::CertificateReconciler& certificateReconciler() { return *m_reconciler; }
    /** Notices store changes made elsewhere (tests poll it by hand). */
    [[nodiscard]] services::CertificateWatch& certificateWatch() { return *m_certificateWatch; }
    /** The CA rollover: renewed roots and device CAs (ServerAppCa.cpp). */
    [[nodiscard]] services::CaRollover& caRollover() { return *m_caRollover; }
    /** Whether the device has a greeted channel (also for a device in the recycle bin). */
    [[nodiscard]] bool isDeviceOnline(qint64 deviceId) const;

private:
    [[nodiscard]] Result<void> openDatabase();
    void addRoutes();
    void addStatusChecks();
    void addDevices();          // enrolment, device channel and device routes (issue #4)
    void addDeviceCommands();   // the command queue and its routes (issue #4)
    void addShadowing();        // shadow certificates, policies, tickets, relay (issue #5)
    void addShadowRevocation(); // sessions end when their administrator loses Shadow (#9)
    [[nodiscard]] Result<void> addDiscovery(); // scans, online check, offers, Wake-on-LAN
    void addAttributes();  // device attributes: routes and the device channel's handler
    void addFolders();     // the device tree, device placement, profiles (issue #8)
    void addConfigPush();  // the versioned push of configurations (issue #8)
    void addFolderRules(); // zero-touch rules placing enrolling devices (issue #8)
    void addViews();       // views as profile assignment targets (ServerAppViews.cpp, #8)
    void addJobs();        // jobs: bulk and scheduled commands (ServerAppJobs.cpp, #6)
    void addFiles();       // the file store (wallpapers) and its device route (ServerAppFiles.cpp)
    void scheduleViewMembers(const QJsonObject& event); // a device or attribute event
    void addAccessControl(); // groups, permissions, the explainer; before the console gateway
    // The device-communication certificate store (issue #7); before addDevices().
    [[nodiscard]] Result<void> addCertificates();
    void addCertificateRollover(); // reconciliation over the device channel; after addDevices()
    // The web certificate store (issue #7 item 4); before the listener opens.
    [[nodiscard]] Result<void> addWebCertificates();
    [[nodiscard]] Result<void> addCaRollover(); // renewed CAs (ServerAppCa.cpp); after that
    /** The listener's TLS: the web certificate and every device CA still accepted. */
    [[nodiscard]] QSslConfiguration listenerTls() const;

    ServerSettings m_settings;
    std::unique_ptr<services::ServerIdentity> m_identity;
    std::unique_ptr<db::Database> m_database;
    std::unique_ptr<db::AdminRepository> m_admins;
    std::unique_ptr<db::SessionRepository> m_sessions;
    std::unique_ptr<db::AuditRepository> m_auditRepository;
    std::unique_ptr<services::AuditLog> m_audit;
    std::unique_ptr<services::AuthService> m_auth;
    std::unique_ptr<services::EventHub> m_events;
    std::unique_ptr<services::StatusService> m_status;
    std::unique_ptr<http::HttpApi> m_http;
    std::unique_ptr<gateway::ConsoleGateway> m_consoles;
    std::unique_ptr<db::DeviceRepository> m_devices;
    std::unique_ptr<db::DeviceCountRepository> m_deviceCounts;
    std::unique_ptr<services::DeviceCountSampler> m_deviceSampler;
    std::unique_ptr<db::EnrollmentTokenRepository> m_enrollmentTokens;
    std::unique_ptr<services::EnrollmentService> m_enrollment;
    std::unique_ptr<gateway::DeviceGateway> m_deviceGateway;
    std::unique_ptr<db::DeviceCommandRepository> m_deviceCommands;
    std::unique_ptr<services::CommandService> m_commands;
    std::unique_ptr<db::ShadowRepository> m_shadowRepository;
    std::unique_ptr<services::ShadowService> m_shadow;
    std::unique_ptr<discovery::ScanService> m_scans;
    std::unique_ptr<discovery::OnlineCheck> m_onlineCheck;
    std::unique_ptr<db::FolderRepository> m_folders;
    std::unique_ptr<services::FolderService> m_folderService;
    std::unique_ptr<services::RecycleBinService> m_recycleBin;
    std::unique_ptr<services::BackupService> m_backups;
    std::unique_ptr<db::AttributeRepository> m_attributes;
    std::unique_ptr<services::AttributeService> m_attributeService;
    std::unique_ptr<db::ProfileRepository> m_profiles;
    std::unique_ptr<services::ProfileService> m_profileService;
    std::unique_ptr<db::DeviceConfigRepository> m_deviceConfigs;
    std::unique_ptr<services::ConfigPushService> m_configPush;
    std::unique_ptr<db::FolderRuleRepository> m_folderRules;
    std::unique_ptr<services::FolderRuleService> m_folderRuleService;
    std::unique_ptr<db::ViewRepository> m_views;
    std::unique_ptr<services::ViewMembership> m_viewMembership;
    std::unique_ptr<services::ViewService> m_viewService;
    std::unique_ptr<db::FileRepository> m_files;
    std::unique_ptr<services::FileService> m_fileService;
    std::unique_ptr<db::AccessRepository> m_accessRepository;
    std::unique_ptr<services::AccessService> m_access;
    std::unique_ptr<db::CertificateRepository> m_certificateRepository;
    std::unique_ptr<services::CertificateStore> m_certificates;
    std::unique_ptr<db::RolloverRepository> m_rollovers;
    std::unique_ptr<services::CertificateReconciler> m_reconciler;
    std::unique_ptr<db::JobRepository> m_jobRepository;
    std::unique_ptr<services::JobService> m_jobs;
    std::unique_ptr<services::CertificateWatch> m_certificateWatch;
    std::unique_ptr<db::WebCertificateRepository> m_webCertificateRepository;
    std::unique_ptr<services::WebCertificateStore> m_webCertificates;
    std::unique_ptr<db::TrustRepository> m_trust;
    std::unique_ptr<services::CaRollover> m_caRollover;
    std::unique_ptr<gateway::TunnelRelay> m_tunnels; // before m_http goes: it holds its sockets
    double m_lastDatabaseLatency = 0;
};

} // namespace steward::server
