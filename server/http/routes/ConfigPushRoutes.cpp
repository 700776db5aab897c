// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/ConfigPushRoutes.h"

#include "server/http/RouteSupport.h"
#include "server/services/AccessService.h"
#include "server/services/ConfigPushService.h"

#include <QJsonObject>

namespace steward::server::http {
namespace {

using services::ConfigPushService;

HttpResponse deviceState(ConfigPushService& push, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    auto state = id ? push.stateJson(*id) : Result<QJsonObject>(id.error());
    return state ? HttpResponse::json(200, *state) : HttpResponse::error(state.error());
}

HttpResponse pushDevice(ConfigPushService& push, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    auto mode = applyModeOf(request);
    if (!id || !mode) {
        return HttpResponse::error(!id ? id.error() : mode.error());
    }
    auto config = push.refresh(*id, *mode);
    return config ? HttpResponse::json(200, ConfigPushService::configJson(*config))
                  : HttpResponse::error(config.error());
}

HttpResponse stateCounts(ConfigPushService& push, services::AccessService& access,
                         const HttpRequest& request)
{
    if (auto refused = requireRight(access, request, access::rootNode(access::RootId::Devices),
                                    access::Right::Read)) {
        return *refused;
    }
    auto counts = push.counts();
    if (!counts) {
        return HttpResponse::error(counts.error());
    }
    QJsonObject json{{QStringLiteral("queued"), push.queued()}};
    for (const auto state :
         {db::ConfigState::Pending, db::ConfigState::Applied, db::ConfigState::Failed}) {
        const QString name = db::configStateName(state);
        json.insert(name, counts->value(name, 0));
    }
    return HttpResponse::json(200, json);
}

} // namespace

Result<db::PushMode> applyModeOf(const HttpRequest& request)
{
    if (!request.query.hasQueryItem(QStringLiteral("apply"))) {
        return db::PushMode::Now;
    }
    const QString text = request.query.queryItemValue(QStringLiteral("apply"));
    if (auto mode = db::pushModeFromName(text)) {
        return *mode;
    }
    return makeError(
        ErrorCode::InvalidArgument,
        QStringLiteral("apply must be now or next-connect, not \"%1\"").arg(text.left(40)));
}

Handler pushAfter(ConfigPushService* push, PushScope scope, Handler handler)
{
    if (push == nullptr) {
        return handler;
    }
    return [push, scope, handler = std::move(handler)](const HttpRequest& request) {
        auto mode = applyModeOf(request);
        if (!mode) {
            return HttpResponse::error(mode.error());
        }
        auto id = idParameter(request, QStringLiteral("id"));
        // The devices a profile reaches before the change (a deletion takes them along).
        std::vector<qint64> before;
        if (scope == PushScope::ProfileInPath && id) {
            before = push->devicesReachedBy(*id).valueOr(std::vector<qint64>{});
        } else if (scope == PushScope::ViewInPath && id) {
            before = push->devicesReachedThroughView(*id).valueOr(std::vector<qint64>{});
        }
        HttpResponse response = handler(request);
        if (response.status >= 300) {
            return response;
        }
        Result<void> scheduled;
        if (scope == PushScope::Everything || !id) {
            scheduled = push->scheduleAll(*mode);
        } else if (scope == PushScope::DeviceInPath) {
            push->scheduleDevices({*id}, *mode);
        } else if (scope == PushScope::ViewInPath) {
            push->scheduleDevices(before, *mode);
            auto after = push->devicesReachedThroughView(*id);
            if (after) {
                push->scheduleDevices(*after, *mode);
            } else {
                scheduled = after.error();
            }
        } else {
            push->scheduleDevices(before, *mode);
            scheduled = push->scheduleProfile(*id, *mode);
        }
        if (!scheduled) {
            // The change stands; the devices get it when they next connect.
            return HttpResponse::error(scheduled.error());
        }
        return response;
    };
}

void addConfigPushRoutes(Router& router, ConfigPushService& push, services::AccessService& access)
{
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/devices/{id}/config-state"),
                QStringLiteral("A device's configuration versions: desired, delivered, applied, "
                               "state and failures per parameter"),
                true},
               guarded(access, access::Right::Read, deviceInPath,
                       [&push](const HttpRequest& request) { return deviceState(push, request); }));
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/devices/{id}/config-push"),
                QStringLiteral("Recompute a device's configuration and send it "
                               "(?apply=now|next-connect)"),
                true},
               guarded(access, access::Right::Write, deviceInPath,
                       [&push](const HttpRequest& request) { return pushDevice(push, request); }));
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/config-states"),
                QStringLiteral("How many devices are pending, applied and failed, and how many "
                               "wait in the push queue"),
                true},
               [&push, &access](const HttpRequest& request) {
                   return stateCounts(push, access, request);
               });
}

} // namespace steward::server::http
