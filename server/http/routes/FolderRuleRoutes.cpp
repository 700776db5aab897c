// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/FolderRuleRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/http/routes/ConfigPushRoutes.h"
#include "server/services/AccessService.h"
#include "server/services/FolderRuleService.h"

#include <QJsonArray>

namespace steward::server::http {
namespace {

using services::FolderRuleService;

constexpr qint64 MaxId = std::numeric_limits<qint64>::max();
constexpr qint64 MaxPosition = qint64(1) << 40;

const NodeOfRequest devicesRoot = fixedNode(access::rootNode(access::RootId::Devices));

services::Requester requesterOf(const HttpRequest& request)
{
    return {request.principal->name, request.peerText()};
}

// Reads every field as optional; \a reader records the first bad one.
services::FolderRuleChange readChange(protocol::JsonReader& reader)
{
    services::FolderRuleChange change;
    change.position = reader.optionalInt(u"position", 1, MaxPosition);
    change.name = reader.optionalString(u"name");
    if (const auto match = reader.optionalString(u"match")) {
        change.match = db::ruleMatchFromName(*match);
        if (!change.match) {
            reader.invalid(u"match", QStringLiteral("must be hostname, ip or attribute"));
        }
    }
    change.attribute = reader.optionalString(u"attribute");
    change.pattern = reader.optionalString(u"pattern", protocol::JsonReader::Text::NonEmpty);
    change.folderId = reader.optionalInt(u"folder", 1, MaxId);
    change.overrideMembership = reader.optionalBool(u"override");
    return change;
}

HttpResponse createRule(FolderRuleService& rules, const HttpRequest& request)
{
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    const auto change = readChange(reader);
    if (reader.ok() && (!change.match || !change.pattern || !change.folderId)) {
        reader.invalid(!change.match     ? u"match"
                       : !change.pattern ? u"pattern"
                                         : u"folder",
                       QStringLiteral("is required"));
    }
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    db::FolderRule rule;
    rule.position = change.position.value_or(0);
    rule.name = change.name.value_or(QString());
    rule.match = *change.match;
    rule.attribute = change.attribute.value_or(QString());
    rule.pattern = *change.pattern;
    rule.folderId = *change.folderId;
    rule.overrideMembership = change.overrideMembership.value_or(false);
    auto created = rules.create(rule, requesterOf(request));
    return created ? HttpResponse::json(201, rules.ruleJson(*created))
                   : HttpResponse::error(created.error());
}

HttpResponse changeRule(FolderRuleService& rules, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    auto body = id ? jsonBody(request) : Result<QJsonObject>(id.error());
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    const auto change = readChange(reader);
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    auto changed = rules.update(*id, change, requesterOf(request));
    return changed ? HttpResponse::json(200, rules.ruleJson(*changed))
                   : HttpResponse::error(changed.error());
}

} // namespace

void addFolderRuleRoutes(Router& router, FolderRuleService& rules, services::AccessService& access,
                         services::ConfigPushService* push)
{
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/folder-rules"),
                QStringLiteral("The zero-touch rules in the order they are tried"), true},
               guarded(access, access::Right::Read, devicesRoot, [&rules](const HttpRequest&) {
                   auto all = rules.list();
                   if (!all) {
                       return HttpResponse::error(all.error());
                   }
                   QJsonArray items;
                   for (const auto& rule : *all) {
                       items.append(rules.ruleJson(rule));
                   }
                   return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items}});
               }));
    router.add(
        {HttpMethod::Post, QStringLiteral("/api/v1/folder-rules"),
         QStringLiteral("Create a rule {\"match\":\"hostname|ip|attribute\",\"pattern\","
                        "\"folder\",\"attribute\"?,\"override\"?,\"position\"?,\"name\"?}"),
         true},
        guarded(access, access::Right::Write, devicesRoot,
                [&rules](const HttpRequest& request) { return createRule(rules, request); }));
    router.add(
        {HttpMethod::Patch, QStringLiteral("/api/v1/folder-rules/{id}"),
         QStringLiteral("Change a rule"), true},
        guarded(access, access::Right::Write, devicesRoot,
                [&rules](const HttpRequest& request) { return changeRule(rules, request); }));
    router.add(
        {HttpMethod::Delete, QStringLiteral("/api/v1/folder-rules/{id}"),
         QStringLiteral("Delete a rule"), true},
        guarded(access, access::Right::Write, devicesRoot, [&rules](const HttpRequest& request) {
            auto id = idParameter(request, QStringLiteral("id"));
            auto removed = id ? rules.remove(*id, requesterOf(request)) : Result<void>(id.error());
            return removed ? HttpResponse::noContent() : HttpResponse::error(removed.error());
        }));
    router.add(
        {HttpMethod::Post, QStringLiteral("/api/v1/folder-rules/apply"),
         QStringLiteral("Apply the rules to every existing device now "
                        "(?apply=now|next-connect for their configurations)"),
         true},
        guarded(access, access::Right::Write, devicesRoot,
                pushAfter(push, PushScope::Everything, [&rules](const HttpRequest& request) {
                    auto moved = rules.applyToAll(requesterOf(request));
                    if (!moved) {
                        return HttpResponse::error(moved.error());
                    }
                    QJsonArray ids;
                    for (const qint64 id : *moved) {
                        ids.append(id);
                    }
                    return HttpResponse::json(200, QJsonObject{{QStringLiteral("moved"), ids}});
                })));
}

} // namespace steward::server::http
