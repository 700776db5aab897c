// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/app/ServerApp.h"

#include "common/core/Version.h"
#include "common/settings/ParameterRegistry.h"
#include "common/tls/TlsConfig.h"
#include "server/app/Logging.h"
#include "server/db/AccessRepository.h"
#include "server/db/AdminRepository.h"
#include "server/db/AttributeRepository.h"
#include "server/db/AuditRepository.h"
#include "server/db/CertificateRepository.h"
#include "server/db/Database.h"
#include "server/db/DeviceCommandRepository.h"
#include "server/db/DeviceConfigRepository.h"
#include "server/db/DeviceCountRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/db/EnrollmentTokenRepository.h"
#include "server/db/FileRepository.h"
#include "server/db/FolderRepository.h"
#include "server/db/FolderRuleRepository.h"
#include "server/db/JobRepository.h"
#include "server/db/Migrator.h"
#include "server/db/ProfileRepository.h"
#include "server/db/SessionRepository.h"
#include "server/db/ShadowRepository.h"
#include "server/db/TrustRepository.h"
#include "server/db/ViewRepository.h"
#include "server/db/WebCertificateRepository.h"
#include "server/discovery/OnlineCheck.h"
#include "server/discovery/ScanService.h"
#include "server/gateway/ConsoleGateway.h"
#include "server/gateway/DeviceGateway.h"
#include "server/gateway/TunnelRelay.h"
#include "server/http/HttpApi.h"
#include "server/http/routes/AccessRoutes.h"
#include "server/http/routes/AdminRoutes.h"
#include "server/http/routes/AttributeRoutes.h"
#include "server/http/routes/AuditRoutes.h"
#include "server/http/routes/AuthRoutes.h"
#include "server/http/routes/BackupRoutes.h"
#include "server/http/routes/CertificateRoutes.h"
#include "server/http/routes/CommandRoutes.h"
#include "server/http/routes/ConfigPushRoutes.h"
#include "server/http/routes/DeviceRoutes.h"
#include "server/http/routes/DiscoveryRoutes.h"
#include "server/http/routes/FolderRoutes.h"
#include "server/http/routes/FolderRuleRoutes.h"
#include "server/http/routes/ProfileRoutes.h"
#include "server/http/routes/RecycleBinRoutes.h"
#include "server/http/routes/ShadowRoutes.h"
#include "server/http/routes/StatsRoutes.h"
#include "server/http/routes/SystemRoutes.h"
#include "server/http/routes/WebCertificateRoutes.h"
#include "server/services/AccessService.h"
#include "server/services/AttributeService.h"
#include "server/services/AuditLog.h"
#include "server/services/AuthService.h"
#include "server/services/BackupService.h"
#include "server/services/CaRollover.h"
#include "server/services/CertificateExpiry.h"
#include "server/services/CertificateReconciler.h"
#include "server/services/CertificateStore.h"
#include "server/services/CertificateWatch.h"
#include "server/services/CommandService.h"
#include "server/services/ConfigPushService.h"
#include "server/services/DeviceCountSampler.h"
#include "server/services/DeviceView.h"
#include "server/services/DevicesNotTrusting.h"
#include "server/services/EffectiveConfig.h"
#include "server/services/EnrollmentService.h"
#include "server/services/EventHub.h"
#include "server/services/FileService.h"
#include "server/services/FolderRuleService.h"
#include "server/services/FolderService.h"
#include "server/services/JobService.h"
#include "server/services/ProfileService.h"
#include "server/services/RecycleBinService.h"
#include "server/services/ServerIdentity.h"
#include "server/services/ShadowService.h"
#include "server/services/StatusService.h"
#include "server/services/ViewMembership.h"
#include "server/services/ViewService.h"
#include "server/services/WebCertificateStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QWebSocket>

namespace steward::server {

ServerApp::ServerApp(ServerSettings settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings))
{}

ServerApp::~ServerApp()
{
    if (m_http) {
        qCInfo(lcServerApp).noquote()
            << QStringLiteral("steward-server stopped port=%1").arg(m_http->port());
    }
}

quint16 ServerApp::port() const
{
    return m_http ? m_http->port() : 0;
}

Result<void> ServerApp::start()
{
    if (m_settings.dataDir.isEmpty()) {
        return makeError(ErrorCode::InvalidConfig, QStringLiteral("--data-dir is required"));
    }
    if (!QDir().mkpath(m_settings.dataDir)) {
        return makeError(
            ErrorCode::InvalidConfig,
            QStringLiteral("cannot create the data directory %1").arg(m_settings.dataDir));
    }
    QFile::setPermissions(m_settings.dataDir,
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    m_status = std::make_unique<services::StatusService>(m_settings.statusInterval,
                                                         m_settings.initTimeout);
    m_status->start();

    auto identity = services::ServerIdentity::loadOrCreate(
        QDir(m_settings.dataDir).filePath(QStringLiteral("pki")),
        services::ServerIdentity::defaultWebNames(m_settings.publicNames,
                                                  m_settings.listenAddress));
    if (!identity) {
        return identity.error();
    }
    m_identity = std::make_unique<services::ServerIdentity>(std::move(*identity));

    if (auto opened = openDatabase(); !opened) {
        return opened;
    }
    const auto clock = services::systemClock();
    m_admins = std::make_unique<db::AdminRepository>(*m_database);
    m_sessions = std::make_unique<db::SessionRepository>(*m_database);
    m_auditRepository = std::make_unique<db::AuditRepository>(*m_database);
    m_audit = std::make_unique<services::AuditLog>(*m_auditRepository, clock);
    services::AuthPolicy policy;
    policy.sessionLifetime = m_settings.sessionLifetime;
    policy.maxFailedLogins = m_settings.maxFailedLogins;
    policy.lockoutDuration = m_settings.lockoutDuration;
    m_auth =
        std::make_unique<services::AuthService>(*m_admins, *m_sessions, *m_audit, policy, clock);
    m_events = std::make_unique<services::EventHub>();
    addAccessControl();
    m_consoles = std::make_unique<gateway::ConsoleGateway>(
        *m_events, QLatin1String(ProductVersion),
        [this](const QByteArray& token) {
            // An open console counts as activity, like a request: this slides the session.
            auto principal = m_auth->authenticate(token, {});
            return principal.ok() || principal.error().code == ErrorCode::DatabaseUnavailable;
        },
        m_settings.consoleRecheckInterval);
    m_consoles->setAccess(m_access.get(), [this](const QString& kind, qint64 id) {
        if (kind != QLatin1String("device") || !m_devices) {
            return QJsonObject{};
        }
        auto device = m_devices->findById(id);
        if (!device || !device->has_value()) {
            return QJsonObject{};
        }
        return services::deviceJson(**device, m_deviceGateway->isOnline(id));
    });

    m_http = std::make_unique<http::HttpApi>(http::HttpApi::Limits{
        m_settings.maxRequestBytes, m_settings.handshakeTimeout, m_settings.idleTimeout});
    m_http->setHandshakeLimits(
        {m_settings.maxConcurrentHandshakes, m_settings.maxQueuedHandshakes});
    addRoutes();
    if (auto certificates = addCertificates(); !certificates) {
        return certificates;
    }
    addDevices();
    addCertificateRollover();
    if (auto authorities = addCaRollover(); !authorities) {
        return authorities;
    }
    addShadowing();
    addFolders();
    if (auto discovery = addDiscovery(); !discovery) {
        return discovery;
    }
    addAttributes();
    addFolderRules();
    addViews();
    addJobs();
    addFiles();
    if (auto web = addWebCertificates(); !web) {
        return web;
    }
    auto port = m_http->listen(m_settings.listenAddress, m_settings.port, listenerTls());
    if (!port) {
        return port.error();
    }
    addStatusChecks();
    m_status->markReady();
    qCInfo(lcServerApp).noquote() << QStringLiteral("steward-server %1 ready port=%2 data=%3 db=%4")
                                         .arg(QLatin1String(ProductVersion))
                                         .arg(*port)
                                         .arg(m_settings.dataDir, m_database->config().describe());
    return {};
}

Result<void> ServerApp::openDatabase()
{
    auto config = m_settings.databaseConfig();
    if (config.kind == db::DatabaseKind::Postgres && !m_settings.databasePasswordFile.isEmpty()) {
        QFile file(m_settings.databasePasswordFile);
        if (!file.open(QIODevice::ReadOnly)) {
            return makeError(ErrorCode::InvalidConfig,
                             QStringLiteral("database/passwordFile %1: %2")
                                 .arg(m_settings.databasePasswordFile, file.errorString()));
        }
        config.password = QString::fromUtf8(file.readAll()).trimmed();
    }
    m_database = std::make_unique<db::Database>(config);
    auto opened = m_database->open();
    if (opened) {
        opened = db::Migrator(*m_database).apply();
        if (!opened && opened.error().code == ErrorCode::DatabaseTooNew) {
            return opened; // never serve a schema this build does not understand
        }
    }
    if (!opened) {
        // The server still comes up: /status says err and the database check reconnects.
        qCCritical(lcServerApp).noquote() << "database unavailable:" << opened.error().message;
    }
    return {};
}

void ServerApp::addRoutes()
{
    http::addAuthRoutes(m_http->router(), *m_auth);
    http::addAdminRoutes(m_http->router(), *m_admins, *m_auth, *m_events, *m_access,
                         {m_settings.defaultPageSize, m_settings.maxPageSize});
    http::addAuditRoutes(m_http->router(), *m_audit, *m_access, m_settings.defaultPageSize,
                         m_settings.maxPageSize);
    const http::AccessRouteContext access{
        *m_access, *m_accessRepository,        *m_admins,
        *m_events, m_settings.defaultPageSize, m_settings.maxPageSize};
    http::addGroupRoutes(m_http->router(), access);
    http::addPermissionRoutes(m_http->router(), access);
    http::MetricsSources metrics;
    metrics.databaseLatencySeconds = [this] { return m_lastDatabaseLatency; };
    metrics.consoleConnections = [this] { return m_consoles->connectionCount(); };
    metrics.deviceConnections = [this] {
        return m_deviceGateway ? m_deviceGateway->connectionCount() : quint64(0);
    };
    http::addSystemRoutes(*m_http, *m_status, metrics, QLatin1String(ProductVersion));
    m_http->setAuthenticator([this](const http::HttpRequest& request) {
        return m_auth->authenticate(request.bearerToken(), request.peerText());
    });
    m_http->addWebSocketPath(
        QStringLiteral("/api/v1/events"),
        [this](const http::HttpRequest& request) -> Result<void> {
            auto principal = m_auth->authenticate(request.bearerToken(), request.peerText());
            if (!principal) {
                return principal.error();
            }
            return {};
        },
        [this](std::unique_ptr<QWebSocket> socket) {
            const QByteArray header = socket->request().rawHeader("Authorization");
            http::HttpRequest request;
            request.headers.emplace_back("Authorization", header);
            auto principal =
                m_auth->authenticate(request.bearerToken(), socket->peerAddress().toString());
            if (!principal) {
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                              QStringLiteral("unauthenticated"));
                return;
            }
            m_consoles->addConsole(std::move(socket), *principal, request.bearerToken());
        });
}

void ServerApp::addDevices()
{
    const auto clock = services::systemClock();
    m_devices = std::make_unique<db::DeviceRepository>(*m_database);
    m_folders = std::make_unique<db::FolderRepository>(*m_database);
    m_enrollmentTokens = std::make_unique<db::EnrollmentTokenRepository>(*m_database);
    m_enrollment = std::make_unique<services::EnrollmentService>(
        *m_database, *m_enrollmentTokens, *m_devices, *m_identity, *m_audit, clock);
    m_enrollment->setCertificateStore(m_certificates.get());
    m_deviceGateway = std::make_unique<gateway::DeviceGateway>(
        *m_devices, m_identity->deviceCa(), *m_audit, *m_events, clock,
        QLatin1String(ProductVersion),
        gateway::DeviceKeepalive{m_settings.devicePingInterval, m_settings.deviceIdleTimeout});
    http::DeviceRouteContext deviceRoutes{
        *m_devices,
        *m_enrollmentTokens,
        *m_enrollment,
        *m_identity,
        *m_audit,
        *m_events,
        clock,
        [this](qint64 id) { return m_deviceGateway->isOnline(id); },
        m_settings.defaultPageSize,
        m_settings.maxPageSize};
    deviceRoutes.folders = m_folders.get();
    deviceRoutes.access = m_access.get();
    deviceRoutes.isReachable = [this](qint64 id) {
        return m_onlineCheck ? m_onlineCheck->reachable(id) : std::nullopt;
    };
    http::addDeviceRoutes(m_http->router(), deviceRoutes);
    m_deviceCounts = std::make_unique<db::DeviceCountRepository>(*m_database);
    m_deviceSampler = std::make_unique<services::DeviceCountSampler>(
        *m_deviceCounts,
        services::DeviceCountSampler::Sources{[this]() -> Result<qint64> {
                                                  auto page = m_devices->list(0, 1);
                                                  return page ? Result<qint64>(page->total)
                                                              : Result<qint64>(page.error());
                                              },
                                              [this] { return m_deviceGateway->onlineCount(); }},
        clock);
    http::addStatsRoutes(m_http->router(), *m_deviceSampler, *m_access, clock);
    m_deviceSampler->start();
    m_access->addNodeSource(QStringLiteral("device"), access::RootId::Devices,
                            [this]() -> Result<std::vector<access::NodeEntry>> {
                                return services::deviceNodes(*m_devices);
                            });
    m_http->addWebSocketPath(
        QStringLiteral("/device/v1/ws"),
        [this](const http::HttpRequest& request) -> Result<void> {
            auto device = m_deviceGateway->admit(request.peerCertificate, request.peerText());
            if (!device) {
                return device.error();
            }
            return {};
        },
        [this](std::unique_ptr<QWebSocket> socket) {
            // Admitted before the upgrade; identified again here to learn which device it is.
            auto device = m_deviceGateway->admit(m_http->peerCertificate(*socket),
                                                 socket->peerAddress().toString());
            if (!device) {
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                              device.error().message.left(120));
                return;
            }
            m_deviceGateway->addDevice(std::move(socket), *device);
        });
    addDeviceCommands();
}

void ServerApp::addDeviceCommands()
{
    m_enrollment->setNaming({m_settings.deviceNamePrefix, m_settings.deviceNamingByHostname});
    if (auto closed = m_devices->closeOnlinePeriods(); !closed) {
        qCWarning(lcServerApp).noquote() << closed.error().message;
    }
    m_deviceCommands = std::make_unique<db::DeviceCommandRepository>(*m_database);
    m_commands = std::make_unique<services::CommandService>(
        *m_deviceCommands, *m_devices,
        [this](qint64 deviceId) { return m_certificates->signingKeyFor(deviceId); }, *m_audit,
        *m_events, services::systemClock(), m_settings.deviceCommandLifetime,
        m_settings.deviceCommandSweepInterval);
    m_commands->setChannel({[this](qint64 id) { return m_deviceGateway->isOnline(id); },
                            [this](qint64 id, const protocol::CommandRun& command) {
                                return m_deviceGateway->sendCommand(id, command);
                            },
                            [this](qint64 id, const QString& reason) {
                                m_deviceGateway->disconnectDevice(id, reason);
                            }});
    m_deviceGateway->setHandlers(
        {[this](qint64 id) { m_commands->deliverPending(id); },
         [this](qint64 id, const protocol::CommandResult& result, const QString& peer) {
             m_commands->handleResult(id, result, peer);
         },
         [this](qint64 id, const QString& peer) {
             return m_commands->handleDeviceRelease(id, peer);
         }});
    http::addCommandRoutes(m_http->router(), {*m_devices, *m_deviceCommands, *m_commands, *m_access,
                                              m_settings.defaultPageSize, m_settings.maxPageSize});
}

Result<void> ServerApp::addCertificates()
{
    m_certificateRepository = std::make_unique<db::CertificateRepository>(*m_database);
    m_certificates = std::make_unique<services::CertificateStore>(
        *m_database, *m_certificateRepository, *m_identity, *m_audit, services::systemClock());
    if (auto started = m_certificates->start(); !started) {
        return started;
    }
    http::addCertificateRoutes(m_http->router(), *m_certificates, *m_access);
    m_access->addNodeSource(QStringLiteral("certificate"), access::RootId::Certificates,
                            [this]() -> Result<std::vector<access::NodeEntry>> {
                                return services::certificateNodes(*m_certificates);
                            });
    return {};
}

Result<void> ServerApp::addWebCertificates()
{
    m_webCertificateRepository = std::make_unique<db::WebCertificateRepository>(*m_database);
    m_webCertificates = std::make_unique<services::WebCertificateStore>(
        *m_database, *m_webCertificateRepository, *m_identity, *m_audit, services::systemClock());
    // What devices confirmed they trust (trust.update); one that never did trusts its root.
    m_webCertificates->setTrustCheck(
        [this](const crypto::Certificate& root) -> Result<services::AffectedDevices> {
            auto untrusting = services::devicesNotTrusting(*m_trust, root, m_identity->rootCa());
            if (!untrusting) {
                return untrusting.error();
            }
            return services::AffectedDevices{untrusting->count, untrusting->first};
        });
    // ...and gets them to trust a corporate root before it is assigned.
    m_webCertificates->setRootDistributor(
        [this](const crypto::Certificate& root) { return m_caRollover->distributeRoot(root); });
    if (auto started = m_webCertificates->start(); !started) {
        return started;
    }
    // New connections get the certificate assigned; open ones keep theirs.
    m_webCertificates->onInUseChanged([this] { m_http->setTlsConfiguration(listenerTls()); });
    http::addWebCertificateRoutes(m_http->router(), *m_webCertificates, *m_access, [this] {
        return services::ServerIdentity::defaultWebNames(m_settings.publicNames,
                                                         m_settings.listenAddress);
    });
    return {};
}

void ServerApp::addCertificateRollover()
{
    m_rollovers = std::make_unique<db::RolloverRepository>(*m_database);
    m_reconciler = std::make_unique<services::CertificateReconciler>(
        *m_certificates, *m_rollovers, *m_audit,
        services::RolloverChannel{[this] { return m_deviceGateway->onlineDevices(); },
                                  [this](qint64 id, const protocol::Message& message) {
                                      return m_deviceGateway->send(id, message);
                                  }},
        m_settings.certificateReconcileInterval);
    // Changes made elsewhere (steward-admin, another server) are noticed by polling the rows.
    m_certificateWatch = std::make_unique<services::CertificateWatch>(
        *m_certificates, *m_certificateRepository, *m_events, m_settings.certificateWatchInterval);
    m_certificates->onChanged([this] {
        m_reconciler->storeChanged();
        m_certificateWatch->storeChanged();
    });
    connect(m_certificateWatch.get(), &services::CertificateWatch::changedElsewhere,
            m_reconciler.get(), &services::CertificateReconciler::storeChanged);
    connect(m_reconciler.get(), &services::CertificateReconciler::confirmed,
            m_certificateWatch.get(), &services::CertificateWatch::deviceCountsChanged);
    m_certificateWatch->start();
    m_deviceGateway->addMessageHandler([this](const db::Device& device, const QString& peer,
                                              const protocol::IncomingMessage& message) {
        return m_reconciler->handleDeviceMessage(device, peer, message);
    });
    connect(m_deviceGateway.get(), &gateway::DeviceGateway::deviceGreeting, m_reconciler.get(),
            &services::CertificateReconciler::deviceGreeted);
    m_reconciler->start();
}

void ServerApp::addAccessControl()
{
    m_accessRepository = std::make_unique<db::AccessRepository>(*m_database);
    m_access = std::make_unique<services::AccessService>(*m_accessRepository, *m_admins, *m_audit,
                                                         *m_events);
}

void ServerApp::addShadowing()
{
    m_shadowRepository = std::make_unique<db::ShadowRepository>(*m_database);
    m_shadow = std::make_unique<services::ShadowService>(
        *m_shadowRepository, *m_devices,
        [this](qint64 deviceId) { return m_certificates->signingKeyFor(deviceId); }, *m_audit,
        services::systemClock(),
        services::ShadowSettings{m_settings.shadowTicketTtl, m_settings.shadowSecureOnly},
        [this](qint64 id, const protocol::Message& message, std::optional<protocol::MessageId> re) {
            return m_deviceGateway->send(id, message, re);
        },
        [this](qint64 id) { return m_deviceGateway->isOnline(id); });
    m_deviceGateway->addMessageHandler([this](const db::Device& device, const QString& peer,
                                              const protocol::IncomingMessage& message) {
        return m_shadow->handleDeviceMessage(device, peer, message);
    });
    connect(m_deviceGateway.get(), &gateway::DeviceGateway::deviceGreeted, this,
            [this](qint64 id) { m_shadow->deviceGreeted(id); });
    m_shadow->setPermission(
        [this](const http::Principal& principal, const db::Device& device, const QString& peer) {
            return m_access->require(principal, access::deviceNode(device.id),
                                     access::Right::Shadow, peer);
        });
    http::addShadowRoutes(m_http->router(), *m_shadow);
    gateway::TunnelSettings relay;
    relay.pendingTimeout = m_settings.shadowRelayWait;
    m_tunnels = std::make_unique<gateway::TunnelRelay>(
        relay, *m_audit,
        [this](const QString& id,
               const http::Principal& principal) -> Result<gateway::TunnelGrant> {
            auto device = m_shadow->relayDevice(id, principal);
            if (!device) {
                return device.error();
            }
            return gateway::TunnelGrant{*device, QStringLiteral("shadow"),
                                        QStringLiteral("path=relay")};
        },
        [this](qint64 id, const protocol::TunnelOpen& open) {
            return m_deviceGateway->send(id, open, std::nullopt);
        });
    gateway::addTunnelPaths(*m_http, *m_auth, *m_deviceGateway, *m_tunnels);
    addShadowRevocation();
}

void ServerApp::addShadowRevocation()
{
    m_shadow->setRightCheck([this](const QString& admin, qint64 deviceId) -> Result<bool> {
        auto found = m_admins->findByName(admin);
        if (!found) {
            return found.error();
        }
        if (!found->has_value()) {
            return false; // the account is gone
        }
        auto evaluator = m_access->evaluator();
        if (!evaluator) {
            return evaluator.error();
        }
        return m_access->allowed((*found)->id, access::deviceNode(deviceId), access::Right::Shadow);
    });
    m_shadow->setRelayCloser([this](const QString& session, const QString& reason) {
        m_tunnels->close(session, reason);
    });
    // rightsChanged covers entries, groups and memberships; administrator changes (superuser
    // flag) and moves in the device tree arrive as events (AccessService has reloaded by then).
    connect(m_access.get(), &services::AccessService::rightsChanged, this,
            [this] { m_shadow->recheckSessions(); });
    connect(m_events.get(), &services::EventHub::published, this, [this](const QJsonObject& event) {
        const QString kind = event.value(QStringLiteral("kind")).toString();
        const QString what = event.value(QStringLiteral("event")).toString();
        if ((kind == QLatin1String("admin") || kind == QLatin1String("device")
             || kind == QLatin1String("folder"))
            && what != QLatin1String("online") && what != QLatin1String("offline")) {
            m_shadow->recheckSessions();
        }
    });
}

Result<void> ServerApp::addDiscovery()
{
    m_enrollment->setAutoRegistration(m_settings.autoRegister);
    discovery::ScanSettings scan;
    scan.agentPort = m_settings.discoveryAgentPort;
    scan.wait = m_settings.scanWait;
    scan.maxAddresses = m_settings.maxScanAddresses;
    scan.offerLifetime = m_settings.offerLifetime;
    scan.serverUrl = QUrl(m_settings.discoveryServerUrl);
    m_scans = std::make_unique<discovery::ScanService>(
        scan, *m_devices, *m_enrollmentTokens, *m_folders, *m_enrollment, *m_identity, *m_audit,
        services::systemClock(), [this] { return m_http->port(); });
    m_scans->setOfferSigner([this] { return m_certificates->defaultSigner(); });
    m_onlineCheck = std::make_unique<discovery::OnlineCheck>(
        *m_devices, [this](qint64 id) { return m_deviceGateway->isOnline(id); },
        m_settings.discoveryAgentPort, m_settings.onlineCheckInterval);
    if (auto started = m_scans->start(); !started) {
        return started;
    }
    if (auto started = m_onlineCheck->start(); !started) {
        return started;
    }
    http::addDiscoveryRoutes(m_http->router(),
                             {*m_scans,
                              *m_devices,
                              *m_audit,
                              {m_settings.wolPort, m_settings.wolBroadcast, m_settings.wolSubnets},
                              m_access.get()});
    return {};
}

bool ServerApp::isDeviceOnline(qint64 deviceId) const
{
    return m_deviceGateway && m_deviceGateway->isOnline(deviceId);
}

void ServerApp::addFolders()
{
    const auto isOnline = [this](qint64 id) { return m_deviceGateway->isOnline(id); };
    m_folderService =
        std::make_unique<services::FolderService>(*m_database, *m_folders, *m_devices, *m_audit,
                                                  *m_events, services::systemClock(), isOnline);
    m_access->addNodeSource(QStringLiteral("folder"), access::RootId::Devices,
                            [this]() -> Result<std::vector<access::NodeEntry>> {
                                return services::folderNodes(*m_folders);
                            });
    const auto& registry = settings::ParameterRegistry::standard();
    m_profiles = std::make_unique<db::ProfileRepository>(*m_database);
    m_profileService = std::make_unique<services::ProfileService>(
        *m_database, *m_profiles, *m_devices, *m_folderService, registry, *m_audit, *m_events,
        services::systemClock());
    addConfigPush();
    http::addFolderRoutes(m_http->router(), *m_folderService, *m_access, isOnline,
                          m_configPush.get());
    // Profiles may forbid or restrict shadowing; tickets obey them as the agent does.
    m_shadow->setConfiguredValues([this](qint64 deviceId) -> Result<QJsonObject> {
        auto config = m_profileService->effectiveConfig(deviceId);
        if (!config) {
            return config.error();
        }
        return services::managedValues(config->values);
    });
    m_recycleBin = std::make_unique<services::RecycleBinService>(
        *m_database, *m_devices, *m_audit, *m_events, services::systemClock(),
        services::RecycleBinHooks{isOnline,
                                  [this](qint64 id, const QString& reason) {
                                      m_deviceGateway->disconnectDevice(id, reason);
                                  },
                                  [this] { m_access->invalidate(); }});
    m_access->addEventKind(QStringLiteral("recycle-bin"), access::RootId::Devices,
                           access::Right::Browse);
    http::addRecycleBinRoutes(m_http->router(), *m_recycleBin, *m_access);
    m_backups = std::make_unique<services::BackupService>(
        m_settings.databaseConfig(), m_settings.dataDir, m_settings.configFile, *m_audit,
        m_settings.backupPassphraseIterations);
    http::addBackupRoutes(m_http->router(), *m_backups, *m_access);
    http::addProfileRoutes(m_http->router(), *m_profileService, registry, *m_access,
                           m_configPush.get());
    m_access->addNodeSource(QStringLiteral("profile"), access::RootId::Profiles,
                            [this]() -> Result<std::vector<access::NodeEntry>> {
                                return services::profileNodes(*m_profiles);
                            });
}

void ServerApp::addFolderRules()
{
    m_folderRules = std::make_unique<db::FolderRuleRepository>(*m_database);
    m_folderRuleService = std::make_unique<services::FolderRuleService>(
        *m_folderRules, *m_devices, *m_attributes, *m_folderService, *m_audit, *m_events,
        services::systemClock());
    m_enrollment->setPlacement(
        [this](const QString& hostname, const QString& address,
               bool hasFolder) -> Result<std::optional<std::pair<qint64, qint64>>> {
            auto placed = m_folderRuleService->placeNew(hostname, address, hasFolder);
            if (!placed) {
                return placed.error();
            }
            if (!*placed) {
                return std::optional<std::pair<qint64, qint64>>();
            }
            return std::optional<std::pair<qint64, qint64>>(
                std::make_pair((*placed)->folderId, (*placed)->ruleId));
        });
    m_access->addEventKind(QStringLiteral("folder-rule"), access::RootId::Devices,
                           access::Right::Read);
    http::addFolderRuleRoutes(m_http->router(), *m_folderRuleService, *m_access,
                              m_configPush.get());
}

// Devices recomputed per event-loop turn: ≈ 0.1 s on a loaded 2-core machine (docs/benchmarks.md).
constexpr int ConfigPushChunk = 50;

void ServerApp::addConfigPush()
{
    m_deviceConfigs = std::make_unique<db::DeviceConfigRepository>(*m_database);
    m_configPush = std::make_unique<services::ConfigPushService>(
        services::ConfigPushDependencies{
            *m_database, *m_deviceConfigs, *m_profiles, *m_profileService, *m_folderService,
            [this](qint64 deviceId) { return m_certificates->signingKeyFor(deviceId); }, *m_events,
            services::systemClock(),
            [this](qint64 id, const protocol::SettingsBundle& bundle) {
                return m_deviceGateway->send(id, bundle);
            },
            [this](qint64 id) { return m_deviceGateway->isOnline(id); }},
        ConfigPushChunk);
    m_deviceGateway->addMessageHandler(
        [this](const db::Device& device, const QString&, const protocol::IncomingMessage& message) {
            const auto* report = std::get_if<protocol::SettingsApplied>(&message.message);
            if (report == nullptr) {
                return false;
            }
            if (auto stored = m_configPush->handleApplied(device.id, *report); !stored) {
                qCWarning(lcServerGateway).noquote()
                    << QStringLiteral("settings report refused device=%1 reason=%2")
                           .arg(device.id)
                           .arg(stored.error().message);
            }
            return true;
        });
    connect(m_deviceGateway.get(), &gateway::DeviceGateway::deviceGreeted, this,
            [this](qint64 id) { m_configPush->deviceGreeted(id); });
    m_access->addEventKind(QStringLiteral("device-config"), access::RootId::Devices,
                           access::Right::Read);
    http::addConfigPushRoutes(m_http->router(), *m_configPush, *m_access);
}

void ServerApp::addAttributes()
{
    m_attributes = std::make_unique<db::AttributeRepository>(*m_database);
    m_attributeService = std::make_unique<services::AttributeService>(
        *m_database, *m_attributes, *m_devices, *m_audit, *m_events, services::systemClock(),
        [this](qint64 id) { return m_deviceGateway->isOnline(id); });
    http::addAttributeRoutes(m_http->router(), *m_attributeService, *m_access);
    m_deviceGateway->addRequestHandler(
        [this](const db::Device& device, const QString& peer, const protocol::Message& request) {
            return m_attributeService->handleDeviceRequest(device.id, peer, request);
        });
    // Agents keep a cached copy: push each affected online device its new snapshot.
    m_attributeService->setChangeListener([this](std::optional<qint64> deviceId) {
        const auto targets =
            deviceId ? std::vector<qint64>{*deviceId} : m_deviceGateway->onlineDevices();
        for (const qint64 id : targets) {
            if (auto snapshot = m_attributeService->snapshot(id)) {
                (void)m_deviceGateway->sendToDevice(id, std::move(*snapshot));
            }
        }
    });
}

void ServerApp::addStatusChecks()
{
    m_status->addCheck(QStringLiteral("database"), [this]() -> services::CheckResult {
        QElapsedTimer timer;
        timer.start();
        auto alive = m_database->ping();
        if (!alive) {
            // Reconnect by ourselves when the database comes back.
            alive = m_database->reopen();
            if (alive) {
                alive = db::Migrator(*m_database).apply();
            }
        }
        m_lastDatabaseLatency = double(timer.nsecsElapsed()) / 1e9;
        if (!alive) {
            return {services::Health::Err, alive.error().message};
        }
        return {services::Health::Ok, m_database->config().describe()};
    });
    m_status->addCheck(QStringLiteral("device endpoint"), [this]() -> services::CheckResult {
        if (!m_http->isListening()) {
            return {services::Health::Err,
                    QStringLiteral("the listener on port %1 is down").arg(m_settings.port)};
        }
        return {services::Health::Ok, QStringLiteral("listening on port %1").arg(m_http->port())};
    });
    m_status->addCheck(QStringLiteral("device-communication certificates"),
                       services::CertificateExpiryCheck(*m_certificates,
                                                        m_settings.certificateWarningDays,
                                                        services::systemClock()));
    m_status->addCheck(
        QStringLiteral("certificate authority expiry"),
        services::authorityExpiryCheck(
            [this]() -> const services::AuthoritySet& { return m_caRollover->authorities(); },
            m_settings.certificateWarningDays, services::systemClock()));
    m_status->addCheck(QStringLiteral("web certificate expiry"),
                       services::webCertificateExpiryCheck(*m_webCertificates,
                                                           m_settings.certificateWarningDays,
                                                           services::systemClock()));
    m_status->addCheck(QStringLiteral("web certificate"), [this]() -> services::CheckResult {
        const QStringList missing = m_identity->missingFromWebCertificate(m_settings.publicNames);
        if (!missing.isEmpty()) {
            return {services::Health::Warn,
                    QStringLiteral("configured public names missing from the web certificate: ")
                        + missing.join(QStringLiteral(", "))};
        }
        return {services::Health::Ok, QStringLiteral("carries every configured name")};
    });
}

} // namespace steward::server
