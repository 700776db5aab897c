// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ServerApp's part for jobs (docs/jobs.md): targets, access, the command queue and Wake-on-LAN.
#include "server/app/ServerApp.h"
#include "server/db/DeviceCommandRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/db/JobRepository.h"
#include "server/discovery/WakeOnLan.h"
#include "server/http/HttpApi.h"
#include "server/http/routes/JobRoutes.h"
#include "server/services/AccessService.h"
#include "server/services/CommandService.h"
#include "server/services/FolderService.h"
#include "server/services/FolderTree.h"
#include "server/services/JobService.h"
#include "server/services/ViewMembership.h"

#include <QStringList>

namespace steward::server {
namespace {

constexpr std::chrono::milliseconds JobSweepInterval{1000};

} // namespace

void ServerApp::addJobs()
{
    services::JobDependencies dependencies;
    dependencies.folderDevices = [this](qint64 folderId,
                                        bool subfolders) -> Result<std::vector<qint64>> {
        auto tree = m_folderService->tree();
        if (!tree) {
            return tree.error();
        }
        if (!tree->find(folderId)) {
            return makeError(ErrorCode::NotFound, QStringLiteral("no folder %1").arg(folderId));
        }
        const auto folders = subfolders ? tree->subtree(folderId) : std::vector<qint64>{folderId};
        std::vector<qint64> ids;
        for (const qint64 folder : folders) {
            auto page = m_devices->listInFolder(folder, 0, services::MaxJobDevices + 1);
            if (!page) {
                return page.error();
            }
            for (const auto& device : page->items) {
                ids.push_back(device.id);
            }
        }
        return ids;
    };
    dependencies.viewDevices = [this](qint64 viewId) { return m_viewMembership->members(viewId); };
    dependencies.mayCommand = [this](qint64 adminId, qint64 deviceId) {
        return m_access->allowed(adminId, access::deviceNode(deviceId), access::Right::Commands);
    };
    dependencies.command = [this](qint64 deviceId, const QString& kind, std::chrono::seconds ttl,
                                  const QString& actor, const QString& peer) {
        return m_commands->create(deviceId, kind, {}, ttl, actor, peer);
    };
    dependencies.wake = [this](const db::Device& device) -> Result<QString> {
        if (device.unitId.isEmpty()) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("device %1 reported no MAC address, so it cannot be "
                                            "woken")
                                 .arg(device.id));
        }
        auto targets = discovery::sendWake(
            device.unitId, device.lastIp,
            {m_settings.wolPort, m_settings.wolBroadcast, m_settings.wolSubnets});
        if (!targets) {
            return targets.error();
        }
        QStringList sent;
        for (const auto& target : *targets) {
            if (target.sent) {
                sent.append(target.address.toString());
            }
        }
        if (sent.isEmpty()) {
            return makeError(ErrorCode::ConnectionClosed,
                             QStringLiteral("no Wake-on-LAN packet could be sent"));
        }
        return QStringLiteral("magic packet sent to %1").arg(sent.join(QStringLiteral(", ")));
    };
    m_jobRepository = std::make_unique<db::JobRepository>(*m_database);
    m_jobs = std::make_unique<services::JobService>(
        *m_jobRepository, *m_devices, *m_deviceCommands, *m_audit, *m_events,
        services::systemClock(), std::move(dependencies), m_settings.deviceCommandLifetime,
        JobSweepInterval);
    m_access->addEventKind(QStringLiteral("job"), access::RootId::Jobs, access::Right::Read);
    http::addJobRoutes(m_http->router(), {*m_jobRepository, *m_jobs, *m_access,
                                          m_settings.defaultPageSize, m_settings.maxPageSize});
    m_jobs->start();
}

} // namespace steward::server
