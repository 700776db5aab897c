// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/ViewRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/http/routes/ConfigPushRoutes.h"
#include "server/services/AccessService.h"
#include "server/services/DeviceView.h"
#include "server/services/ProfileService.h"
#include "server/services/ViewMembership.h"
#include "server/services/ViewService.h"

#include <QJsonArray>

#include <limits>

namespace steward::server::http {
namespace {

using services::ViewService;

const NodeOfRequest viewsRoot = fixedNode(access::rootNode(access::RootId::Views));

access::NodeRef viewInPath(const HttpRequest& request)
{
    return {QStringLiteral("view"), request.params.value(QStringLiteral("id")).toLongLong()};
}

access::NodeRef profileInPath(const HttpRequest& request)
{
    return {QStringLiteral("profile"), request.params.value(QStringLiteral("id")).toLongLong()};
}

services::Requester requesterOf(const HttpRequest& request)
{
    return {request.principal->name, request.peerText()};
}

// Parses the body as a strict JSON object and answers with \a action's result.
template <typename Action> HttpResponse withBody(const HttpRequest& request, Action&& action)
{
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    return action(reader, *body);
}

HttpResponse createView(ViewService& views, const HttpRequest& request)
{
    return withBody(request, [&](protocol::JsonReader& reader, const QJsonObject&) {
        const QString name = reader.requireString(u"name");
        const QString description = reader.optionalString(u"description").value_or(QString());
        const QJsonObject filter = reader.requireObject(u"filter");
        if (!reader.ok()) {
            return HttpResponse::error(*reader.error());
        }
        auto created = views.create(name, description, filter, requesterOf(request));
        if (!created) {
            return HttpResponse::error(created.error());
        }
        auto response = HttpResponse::json(201, ViewService::viewJson(*created));
        response.headers.emplace_back("Location", QByteArray("/api/v1/views/")
                                                      + QByteArray::number(created->view.id));
        return response;
    });
}

HttpResponse changeView(ViewService& views, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return HttpResponse::error(id.error());
    }
    return withBody(request, [&](protocol::JsonReader& reader, const QJsonObject& body) {
        services::ViewChange change;
        change.name = reader.optionalString(u"name");
        change.description = reader.optionalString(u"description");
        if (body.contains(QStringLiteral("filter"))) {
            change.filter = reader.requireObject(u"filter");
        }
        change.revision = reader.optionalInt(u"revision", 1, std::numeric_limits<qint64>::max());
        if (!reader.ok()) {
            return HttpResponse::error(*reader.error());
        }
        auto changed = views.update(*id, change, requesterOf(request));
        return changed ? HttpResponse::json(200, ViewService::viewJson(*changed))
                       : HttpResponse::error(changed.error());
    });
}

// The devices are evaluated now; only those the administrator may browse are listed and counted.
HttpResponse viewDevices(const ViewRouteContext& context, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    auto page = paging(request, context.defaultPageSize, context.maxPageSize);
    if (!id || !page) {
        return HttpResponse::error(!id ? id.error() : page.error());
    }
    auto details = context.views.read(*id);
    if (!details) {
        return HttpResponse::error(details.error());
    }
    auto devices = context.membership.devices(details->filter);
    auto visible = context.access.nodesWith(request.principal->adminId, QStringLiteral("device"),
                                            access::Right::Browse);
    if (!devices || !visible) {
        return HttpResponse::error(!devices ? devices.error() : visible.error());
    }
    QJsonArray items;
    qint64 total = 0;
    for (const auto& device : *devices) {
        if (!visible->contains(access::deviceNode(device.id))) {
            continue;
        }
        if (total >= page->offset && items.size() < page->limit) {
            items.append(services::deviceJson(device, context.isOnline(device.id)));
        }
        ++total;
    }
    return pageResponse(items, total, *page);
}

HttpResponse withId(const HttpRequest& request, const std::function<HttpResponse(qint64)>& action)
{
    auto id = idParameter(request, QStringLiteral("id"));
    return id ? action(*id) : HttpResponse::error(id.error());
}

void addViewCrud(Router& router, const ViewRouteContext& c)
{
    ViewService& views = c.views;
    services::AccessService& access = c.access;
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/views"),
                QStringLiteral("List views with their filters and profiles"), true},
               [&views, &access](const HttpRequest& request) {
                   auto all = views.list();
                   if (!all) {
                       return HttpResponse::error(all.error());
                   }
                   QJsonArray items;
                   for (const auto& details : *all) {
                       if (access.allowed(request.principal->adminId,
                                          {QStringLiteral("view"), details.view.id},
                                          access::Right::Browse)) {
                           items.append(ViewService::viewJson(details));
                       }
                   }
                   return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items}});
               });
    router.add(
        {HttpMethod::Post, QStringLiteral("/api/v1/views"),
         QStringLiteral("Create a view {\"name\",\"description\"?,\"filter\":{\"all\":[…]}}"),
         true},
        guarded(access, access::Right::Write, viewsRoot,
                [&views](const HttpRequest& request) { return createView(views, request); }));
    router.add(
        {HttpMethod::Get, QStringLiteral("/api/v1/views/{id}"), QStringLiteral("Read one view"),
         true},
        guarded(access, access::Right::Read, viewInPath, [&views](const HttpRequest& request) {
            return withId(request, [&](qint64 id) {
                auto details = views.read(id);
                return details ? HttpResponse::json(200, ViewService::viewJson(*details))
                               : HttpResponse::error(details.error());
            });
        }));
    router.add(
        {HttpMethod::Patch, QStringLiteral("/api/v1/views/{id}"),
         QStringLiteral("Change a view {\"name\"?,\"description\"?,\"filter\"?,"
                        "\"revision\"?}"),
         true},
        guarded(access, access::Right::Write, viewInPath,
                pushAfter(c.push, PushScope::ViewInPath, [&views](const HttpRequest& request) {
                    return changeView(views, request);
                })));
    router.add(
        {HttpMethod::Delete, QStringLiteral("/api/v1/views/{id}"),
         QStringLiteral("Delete a view and the profile assignments to it"), true},
        guarded(access, access::Right::Write, viewInPath,
                pushAfter(c.push, PushScope::ViewInPath, [&views](const HttpRequest& request) {
                    return withId(request, [&](qint64 id) {
                        auto removed = views.remove(id, requesterOf(request));
                        return removed ? HttpResponse::noContent()
                                       : HttpResponse::error(removed.error());
                    });
                })));
}

} // namespace

void addViewRoutes(Router& router, const ViewRouteContext& context)
{
    addViewCrud(router, context);
    router.add(
        {HttpMethod::Get, QStringLiteral("/api/v1/views/{id}/devices"),
         QStringLiteral("The devices a view selects now (paged)"), true},
        guarded(context.access, access::Right::Read, viewInPath,
                [context](const HttpRequest& request) { return viewDevices(context, request); }));
    services::ProfileService& profiles = context.profiles;
    router.add(
        {HttpMethod::Delete, QStringLiteral("/api/v1/profiles/{id}/view-assignments/{assignment}"),
         QStringLiteral("Remove a profile's assignment to a view"), true},
        guarded(context.access, access::Right::Assign, profileInPath,
                pushAfter(context.push, PushScope::ProfileInPath,
                          [&profiles](const HttpRequest& request) {
                              auto id = idParameter(request, QStringLiteral("id"));
                              auto assignment = idParameter(request, QStringLiteral("assignment"));
                              if (!id || !assignment) {
                                  return HttpResponse::error(!id ? id.error() : assignment.error());
                              }
                              auto removed =
                                  profiles.unassignView(*id, *assignment, requesterOf(request));
                              return removed ? HttpResponse::noContent()
                                             : HttpResponse::error(removed.error());
                          })));
}

} // namespace steward::server::http
