// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/JsonReader.h"
#include "server/db/AccessRepository.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/http/routes/AccessRoutes.h"
#include "server/services/AccessService.h"
#include "server/services/EventHub.h"

namespace steward::server::http {
namespace {

const access::NodeRef Administration = access::rootNode(access::RootId::Administration);

QJsonObject groupJson(const db::Group& group, const std::vector<qint64>& members)
{
    QJsonArray ids;
    for (const qint64 id : members) {
        ids.append(id);
    }
    return QJsonObject{{QStringLiteral("id"), group.id},
                       {QStringLiteral("name"), group.name},
                       {QStringLiteral("description"), group.description},
                       {QStringLiteral("created"), isoTime(group.createdAt)},
                       {QStringLiteral("updated"), isoTime(group.updatedAt)},
                       {QStringLiteral("revision"), group.revision},
                       {QStringLiteral("members"), ids}};
}

/** The group as JSON with its members, or the error response. */
Result<QJsonObject> readGroup(const AccessRouteContext& context, qint64 id)
{
    auto group = context.repository.findGroup(id);
    if (!group) {
        return group.error();
    }
    if (!group->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no group %1").arg(id));
    }
    auto members = context.repository.members(id);
    if (!members) {
        return members.error();
    }
    return groupJson(**group, *members);
}

struct GroupFields {
    QString name;
    QString description;
    std::optional<qint64> revision;
};

Result<GroupFields> groupFields(const HttpRequest& request, bool needRevision)
{
    auto body = jsonBody(request);
    if (!body) {
        return body.error();
    }
    protocol::JsonReader reader(*body);
    GroupFields fields;
    fields.name = reader.requireString(u"name", protocol::JsonReader::Text::NonEmpty).trimmed();
    fields.description = reader.optionalString(u"description").value_or(QString());
    if (needRevision) {
        fields.revision = reader.requireInt(u"revision", 1, std::numeric_limits<qint32>::max());
    }
    if (reader.ok() && (fields.name.isEmpty() || fields.name.size() > 64)) {
        reader.invalid(u"name", QStringLiteral("must have 1 to 64 characters"));
    }
    if (reader.ok() && fields.description.size() > 1024) {
        reader.invalid(u"description", QStringLiteral("may have at most 1024 characters"));
    }
    return reader.finish(fields);
}

HttpResponse listGroups(const AccessRouteContext& context, const HttpRequest& request)
{
    auto page = paging(request, context.defaultPageSize, context.maxPageSize);
    if (!page) {
        return HttpResponse::error(page.error());
    }
    auto found = context.repository.listGroups(page->offset, page->limit);
    if (!found) {
        return HttpResponse::error(found.error());
    }
    QJsonArray items;
    for (const auto& group : found->items) {
        auto members = context.repository.members(group.id);
        if (!members) {
            return HttpResponse::error(members.error());
        }
        items.append(groupJson(group, *members));
    }
    return pageResponse(items, found->total, *page);
}

HttpResponse createGroup(const AccessRouteContext& context, const HttpRequest& request)
{
    auto fields = groupFields(request, false);
    if (!fields) {
        return HttpResponse::error(fields.error());
    }
    auto group = context.access.createGroup(fields->name, fields->description,
                                            request.principal->name, request.peerText());
    if (!group) {
        return HttpResponse::error(group.error());
    }
    const QJsonObject json = groupJson(*group, {});
    context.events.publish(QStringLiteral("created"), QStringLiteral("group"), group->id, json);
    auto response = HttpResponse::json(201, json);
    response.headers.emplace_back("Location",
                                  QByteArray("/api/v1/groups/") + QByteArray::number(group->id));
    return response;
}

HttpResponse updateGroup(const AccessRouteContext& context, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    auto fields = id ? groupFields(request, true) : Result<GroupFields>(id.error());
    if (!fields) {
        return HttpResponse::error(fields.error());
    }
    auto group =
        context.access.updateGroup(*id, fields->name, fields->description, *fields->revision,
                                   request.principal->name, request.peerText());
    auto json = group ? readGroup(context, *id) : Result<QJsonObject>(group.error());
    if (!json) {
        return HttpResponse::error(json.error());
    }
    context.events.publish(QStringLiteral("changed"), QStringLiteral("group"), *id, *json);
    return HttpResponse::json(200, *json);
}

/** PUT adds and DELETE removes /api/v1/groups/{id}/members/{admin}. */
HttpResponse changeMember(const AccessRouteContext& context, const HttpRequest& request, bool add)
{
    auto group = idParameter(request, QStringLiteral("id"));
    auto admin = group ? idParameter(request, QStringLiteral("admin")) : group;
    if (!admin) {
        return HttpResponse::error(admin.error());
    }
    const auto done =
        add ? context.access.addMember(*group, *admin, request.principal->name, request.peerText())
            : context.access.removeMember(*group, *admin, request.principal->name,
                                          request.peerText());
    auto json = done ? readGroup(context, *group) : Result<QJsonObject>(done.error());
    if (!json) {
        return HttpResponse::error(json.error());
    }
    context.events.publish(QStringLiteral("changed"), QStringLiteral("group"), *group, *json);
    return HttpResponse::noContent();
}

/** Wraps a handler in the check of \a right on root:administration. */
Handler guarded(const AccessRouteContext& context, access::Right right,
                std::function<HttpResponse(const AccessRouteContext&, const HttpRequest&)> handle)
{
    return [context, right, handle](const HttpRequest& request) {
        if (auto refused = requireRight(context.access, request, Administration, right)) {
            return *refused;
        }
        return handle(context, request);
    };
}

} // namespace

void addGroupRoutes(Router& router, const AccessRouteContext& context)
{
    using access::Right;
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/groups"),
                QStringLiteral("List administrator groups with their members (paged)"), true},
               guarded(context, Right::Read, listGroups));
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/groups/{id}"),
                QStringLiteral("Read one group"), true},
               guarded(context, Right::Read, [](const auto& c, const HttpRequest& request) {
                   auto id = idParameter(request, QStringLiteral("id"));
                   auto json = id ? readGroup(c, *id) : Result<QJsonObject>(id.error());
                   return json ? HttpResponse::json(200, *json) : HttpResponse::error(json.error());
               }));
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/groups"),
                QStringLiteral("Create a group {\"name\",\"description\"?}"), true},
               guarded(context, Right::Write, createGroup));
    router.add({HttpMethod::Put, QStringLiteral("/api/v1/groups/{id}"),
                QStringLiteral("Rename a group {\"name\",\"description\"?,\"revision\"}; 409 if "
                               "stale"),
                true},
               guarded(context, Right::Write, updateGroup));
    router.add({HttpMethod::Delete, QStringLiteral("/api/v1/groups/{id}"),
                QStringLiteral("Delete a group with its memberships and permission entries"), true},
               guarded(context, Right::Write, [](const auto& c, const HttpRequest& request) {
                   auto id = idParameter(request, QStringLiteral("id"));
                   auto done =
                       id ? c.access.removeGroup(*id, request.principal->name, request.peerText())
                          : Result<void>(id.error());
                   if (!done) {
                       return HttpResponse::error(done.error());
                   }
                   c.events.publish(QStringLiteral("deleted"), QStringLiteral("group"), *id);
                   return HttpResponse::noContent();
               }));
    router.add({HttpMethod::Put, QStringLiteral("/api/v1/groups/{id}/members/{admin}"),
                QStringLiteral("Add an administrator to a group"), true},
               guarded(context, Right::Write, [](const auto& c, const HttpRequest& request) {
                   return changeMember(c, request, true);
               }));
    router.add({HttpMethod::Delete, QStringLiteral("/api/v1/groups/{id}/members/{admin}"),
                QStringLiteral("Remove an administrator from a group"), true},
               guarded(context, Right::Write, [](const auto& c, const HttpRequest& request) {
                   return changeMember(c, request, false);
               }));
}

} // namespace steward::server::http
