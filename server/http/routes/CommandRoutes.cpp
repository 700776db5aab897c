// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/CommandRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/db/DeviceCommandRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/http/routes/DeviceRoutes.h"
#include "server/services/CommandService.h"

#include <QJsonArray>

namespace steward::server::http {
namespace {

HttpResponse createCommand(const CommandRouteContext& context, const HttpRequest& request)
{
    if (auto refused =
            requireRight(context.access, request, deviceInPath(request), access::Right::Commands)) {
        return *refused;
    }
    auto device = deviceFromPath(context.devices, request);
    if (!device) {
        return HttpResponse::error(device.error());
    }
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    const QString kind = reader.requireString(u"kind", protocol::JsonReader::Text::NonEmpty);
    const QJsonObject args =
        body->contains(QLatin1String("args")) ? reader.requireObject(u"args") : QJsonObject{};
    const auto ttl = reader.optionalInt(u"ttl", 1, services::MaxCommandLifetime.count());
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    auto created = context.service.create(
        device->id, kind, args, ttl ? std::optional(std::chrono::seconds(*ttl)) : std::nullopt,
        request.principal->name, request.peerText());
    if (!created) {
        return HttpResponse::error(created.error());
    }
    auto response = HttpResponse::json(202, services::commandJson(*created));
    response.headers.emplace_back(
        "Location", QStringLiteral("/api/v1/devices/%1/commands").arg(device->id).toLatin1());
    return response;
}

HttpResponse listCommands(const CommandRouteContext& context, const HttpRequest& request)
{
    if (auto refused =
            requireRight(context.access, request, deviceInPath(request), access::Right::Read)) {
        return *refused;
    }
    auto page = paging(request, context.defaultPageSize, context.maxPageSize);
    if (!page) {
        return HttpResponse::error(page.error());
    }
    auto device = deviceFromPath(context.devices, request);
    if (!device) {
        return HttpResponse::error(device.error());
    }
    auto found = context.commands.listForDevice(device->id, page->offset, page->limit);
    if (!found) {
        return HttpResponse::error(found.error());
    }
    QJsonArray items;
    for (const auto& command : found->items) {
        items.append(services::commandJson(command));
    }
    return pageResponse(items, found->total, *page);
}

} // namespace

void addCommandRoutes(Router& router, const CommandRouteContext& context)
{
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/devices/{id}/commands"),
                QStringLiteral("Queue a device command {\"kind\",\"args\"?,\"ttl\"?}: reboot, "
                               "shutdown, push-settings, rename, release"),
                true},
               [context](const HttpRequest& request) { return createCommand(context, request); });
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/devices/{id}/commands"),
                QStringLiteral("List a device's commands, newest first (paged)"), true},
               [context](const HttpRequest& request) { return listCommands(context, request); });
}

} // namespace steward::server::http
