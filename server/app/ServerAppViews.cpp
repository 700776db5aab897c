// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ServerApp's part for views (docs/views.md): membership, profile reach and recomputation.
#include "server/app/Logging.h"
#include "server/app/ServerApp.h"
#include "server/db/ViewRepository.h"
#include "server/gateway/DeviceGateway.h"
#include "server/http/HttpApi.h"
#include "server/http/routes/ViewRoutes.h"
#include "server/services/AccessService.h"
#include "server/services/ConfigPushService.h"
#include "server/services/EventHub.h"
#include "server/services/FolderService.h"
#include "server/services/ProfileService.h"
#include "server/services/ViewMembership.h"
#include "server/services/ViewService.h"

namespace steward::server {

void ServerApp::addViews()
{
    const auto isOnline = [this](qint64 id) { return m_deviceGateway->isOnline(id); };
    m_views = std::make_unique<db::ViewRepository>(*m_database);
    m_viewMembership = std::make_unique<services::ViewMembership>(
        *m_views, *m_devices, *m_attributes, *m_folderService, isOnline);
    m_viewService = std::make_unique<services::ViewService>(*m_database, *m_views, *m_attributes,
                                                            *m_folderService, *m_audit, *m_events,
                                                            services::systemClock());
    m_profileService->setViews(*m_views,
                               [this](const db::Device& device, const std::vector<qint64>& folders,
                                      const std::vector<db::View>& views) {
                                   return m_viewMembership->viewsOf(device, folders, views);
                               });
    m_configPush->setViewReach(
        {[this](qint64 profile) { return m_viewMembership->reachedByProfile(profile); },
         [this](qint64 view) { return m_viewMembership->reachedThroughView(view); }});
    m_access->addNodeSource(QStringLiteral("view"), access::RootId::Views,
                            [this]() -> Result<std::vector<access::NodeEntry>> {
                                return services::viewNodes(*m_views);
                            });
    http::addViewRoutes(m_http->router(), {*m_viewService, *m_viewMembership, *m_profileService,
                                           *m_access, m_configPush.get(), isOnline,
                                           m_settings.defaultPageSize, m_settings.maxPageSize});
    connect(m_events.get(), &services::EventHub::published, this,
            [this](const QJsonObject& event) { scheduleViewMembers(event); });
}

// Membership follows a device's name, folder, attributes and inventory: each change of them is
// published as a "changed" device event, and only that device is recomputed (an unchanged
// configuration sends nothing). A changed or deleted attribute definition may change any
// device's membership; every device is recomputed then, but only if a view carrying a profile
// filters on an attribute. Online/offline needs nothing: each hello recomputes the device.
void ServerApp::scheduleViewMembers(const QJsonObject& event)
{
    const QString kind = event.value(QStringLiteral("kind")).toString();
    const QString what = event.value(QStringLiteral("event")).toString();
    const bool deviceChanged = kind == QLatin1String("device") && what == QLatin1String("changed");
    const bool definitionChanged =
        kind == QLatin1String("attribute") && what != QLatin1String("created");
    if (!deviceChanged && !definitionChanged) {
        return;
    }
    auto relevant =
        deviceChanged ? m_viewMembership->anyAssigned() : m_viewMembership->assignedUseAttributes();
    if (!relevant) {
        qCWarning(lcServerApp).noquote()
            << QStringLiteral("views: %1").arg(relevant.error().message);
        return;
    }
    if (!*relevant) {
        return;
    }
    if (deviceChanged) {
        m_configPush->scheduleDevices({event.value(QStringLiteral("id")).toInteger()},
                                      db::PushMode::Now);
    } else if (auto all = m_configPush->scheduleAll(db::PushMode::Now); !all) {
        qCWarning(lcServerApp).noquote() << QStringLiteral("views: %1").arg(all.error().message);
    }
}

} // namespace steward::server
