// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/JsonReader.h"
#include "server/db/AdminRepository.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/http/routes/AccessRoutes.h"
#include "server/services/AccessService.h"

#include <variant>

namespace steward::server::http {
namespace {

using namespace access;

Result<NodeRef> nodeParameter(const HttpRequest& request)
{
    if (!request.query.hasQueryItem(QStringLiteral("node"))) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("add ?node=KIND:ID, e.g. node=device:42 or "
                                        "node=root:devices"));
    }
    return parseNode(request.query.queryItemValue(QStringLiteral("node"), QUrl::FullyDecoded));
}

QJsonObject nodeJson(const Evaluator& evaluator, int index)
{
    return QJsonObject{{QStringLiteral("ref"), nodeText(evaluator.tree().ref(index))},
                       {QStringLiteral("path"), evaluator.tree().path(index)}};
}

QJsonObject principalJson(const Policy& policy, const PrincipalRef& principal)
{
    return QJsonObject{{QStringLiteral("kind"), principalKindName(principal.kind)},
                       {QStringLiteral("id"), principal.id},
                       {QStringLiteral("name"), policy.name(principal)}};
}

QJsonObject decisionJson(const Evaluator& evaluator, const RightDecision& decision, int node)
{
    QJsonObject json{{QStringLiteral("right"), rightName(decision.right)},
                     {QStringLiteral("allowed"), decision.allowed},
                     {QStringLiteral("source"), sourceName(decision.source)},
                     {QStringLiteral("inherited"), decision.inherited},
                     {QStringLiteral("reason"), evaluator.reason(decision, node)}};
    if (decision.node >= 0) {
        json.insert(QStringLiteral("node"), nodeJson(evaluator, decision.node));
    }
    if (decision.source == RightDecision::Source::Direct
        || decision.source == RightDecision::Source::Group) {
        json.insert(QStringLiteral("principal"),
                    principalJson(evaluator.policy(), decision.principal));
    }
    QJsonArray chain;
    for (const auto& hit : decision.chain) {
        chain.append(QJsonObject{
            {QStringLiteral("node"), nodeJson(evaluator, hit.node)},
            {QStringLiteral("principal"), principalJson(evaluator.policy(), hit.principal)},
            {QStringLiteral("effect"), effectName(hit.effect)},
            {QStringLiteral("note"), hit.note}});
    }
    json.insert(QStringLiteral("chain"), chain);
    return json;
}

/** The node from the query, its index in the current tree, and the evaluator. */
struct Target {
    NodeRef node;
    const Evaluator* evaluator = nullptr;
    int index = 0;
};

Result<Target> target(const AccessRouteContext& context, const HttpRequest& request)
{
    auto node = nodeParameter(request);
    if (!node) {
        return node.error();
    }
    auto evaluator = context.access.evaluator();
    if (!evaluator) {
        return evaluator.error();
    }
    const auto index = (*evaluator)->tree().find(*node);
    if (!index) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("there is no node %1").arg(nodeText(*node)));
    }
    return Target{*node, *evaluator, *index};
}

/**
 * The node of the query when the administrator has AccessControl on it; the right is checked
 * first, so a refusal does not tell whether the node exists.
 */
struct Controlled {
    std::variant<Target, HttpResponse> value;
    explicit operator bool() const { return std::holds_alternative<Target>(value); }
    const Target* operator->() const { return &std::get<Target>(value); }
};

Controlled controlledTarget(const AccessRouteContext& context, const HttpRequest& request)
{
    auto node = nodeParameter(request);
    if (!node) {
        return {HttpResponse::error(node.error())};
    }
    if (auto refused = requireRight(context.access, request, *node, Right::AccessControl)) {
        return {*refused};
    }
    auto where = target(context, request);
    if (!where) {
        return {HttpResponse::error(where.error())};
    }
    return {*where};
}

Result<qint64> adminParameter(const AccessRouteContext& context, const HttpRequest& request)
{
    const QString text = request.query.queryItemValue(QStringLiteral("admin"), QUrl::FullyDecoded);
    if (text.isEmpty()) {
        return request.principal->adminId;
    }
    bool isId = false;
    const qint64 id = text.toLongLong(&isId);
    auto admin = isId ? context.admins.findById(id) : context.admins.findByName(text);
    if (!admin) {
        return admin.error();
    }
    if (!admin->has_value()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("there is no administrator \"%1\"").arg(text));
    }
    return (*admin)->id;
}

HttpResponse effective(const AccessRouteContext& context, const HttpRequest& request)
{
    auto admin = adminParameter(context, request);
    if (!admin) {
        return HttpResponse::error(admin.error());
    }
    auto found = nodeParameter(request);
    if (!found) {
        return HttpResponse::error(found.error());
    }
    // Administrators may ask about themselves wherever they have any right (a node they cannot
    // see at all is refused as missing Browse); asking about someone else is part of editing
    // access control there.
    const bool self = *admin == request.principal->adminId;
    const bool anyRight = self && std::any_of(AllRights.begin(), AllRights.end(), [&](Right r) {
                              return context.access.allowed(*admin, *found, r);
                          });
    if (!anyRight) {
        if (auto refused = requireRight(context.access, request, *found,
                                        self ? Right::Browse : Right::AccessControl)) {
            return *refused;
        }
    }
    auto where = target(context, request);
    if (!where) {
        return HttpResponse::error(where.error());
    }
    const Evaluator& evaluator = *where->evaluator;
    QJsonArray rights;
    for (const auto& decision : evaluator.explain(*admin, where->index)) {
        rights.append(decisionJson(evaluator, decision, where->index));
    }
    return HttpResponse::json(
        200, QJsonObject{{QStringLiteral("admin"),
                          principalJson(evaluator.policy(), {PrincipalKind::Admin, *admin})},
                         {QStringLiteral("node"), nodeJson(evaluator, where->index)},
                         {QStringLiteral("rights"), rights}});
}

HttpResponse readEntries(const AccessRouteContext& context, const HttpRequest& request)
{
    auto where = controlledTarget(context, request);
    if (!where) {
        return std::get<HttpResponse>(where.value);
    }
    auto entries = context.access.entriesOn(where->node);
    if (!entries) {
        return HttpResponse::error(entries.error());
    }
    // The evaluator may have been reloaded by the check above; ask for it again.
    auto evaluator = context.access.evaluator();
    if (!evaluator) {
        return HttpResponse::error(evaluator.error());
    }
    QJsonArray items;
    for (const auto& entry : *entries) {
        items.append(QJsonObject{
            {QStringLiteral("principal"), principalJson((*evaluator)->policy(), entry.principal)},
            {QStringLiteral("right"), rightName(entry.right)},
            {QStringLiteral("effect"), effectName(entry.effect)}});
    }
    const auto index = (*evaluator)->tree().find(where->node).value_or(0);
    return HttpResponse::json(200,
                              QJsonObject{{QStringLiteral("node"), nodeJson(**evaluator, index)},
                                          {QStringLiteral("entries"), items}});
}

HttpResponse replaceEntries(const AccessRouteContext& context, const HttpRequest& request)
{
    auto where = controlledTarget(context, request);
    if (!where) {
        return std::get<HttpResponse>(where.value);
    }
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    std::vector<Rule> entries;
    reader.readObjectList(u"entries", [&](protocol::JsonReader& element) {
        protocol::JsonReader principal = element.nested(u"principal");
        const QString kind = principal.requireString(u"kind");
        const qint64 id = principal.requireInt(u"id", 1, std::numeric_limits<qint64>::max());
        element.absorb(principal);
        const QString right = element.requireString(u"right");
        const QString effect = element.requireString(u"effect");
        if (!element.ok()) {
            return;
        }
        auto parsedKind = parsePrincipalKind(kind);
        auto parsedRight = parseRight(right);
        auto parsedEffect = parseEffect(effect);
        if (!parsedKind || !parsedRight || !parsedEffect) {
            element.invalid(!parsedKind    ? u"principal"
                            : !parsedRight ? u"right"
                                           : u"effect",
                            (!parsedKind    ? parsedKind.error()
                             : !parsedRight ? parsedRight.error()
                                            : parsedEffect.error())
                                .message);
            return;
        }
        entries.push_back({{*parsedKind, id}, where->node, *parsedRight, *parsedEffect});
    });
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    if (auto done = context.access.replaceEntries(where->node, entries, request.principal->name,
                                                  request.peerText());
        !done) {
        return HttpResponse::error(done.error());
    }
    return readEntries(context, request);
}

} // namespace

void addPermissionRoutes(Router& router, const AccessRouteContext& context)
{
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/permissions"),
                QStringLiteral("The permission entries on ?node=KIND:ID"), true},
               [context](const HttpRequest& request) { return readEntries(context, request); });
    router.add({HttpMethod::Put, QStringLiteral("/api/v1/permissions"),
                QStringLiteral("Replace the entries on ?node=KIND:ID {\"entries\":[{\"principal\":"
                               "{\"kind\",\"id\"},\"right\",\"effect\"}]}"),
                true},
               [context](const HttpRequest& request) { return replaceEntries(context, request); });
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/permissions/effective"),
                QStringLiteral("Every right of ?admin=ID|NAME on ?node=KIND:ID, allowed or "
                               "denied, with the reason chain"),
                true},
               [context](const HttpRequest& request) { return effective(context, request); });
}

} // namespace steward::server::http
