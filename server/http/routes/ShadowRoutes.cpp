// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/ShadowRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/ShadowService.h"

namespace steward::server::http {
namespace {

HttpResponse createSession(services::ShadowService& shadow, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return HttpResponse::error(id.error());
    }
    QString path = QStringLiteral("auto");
    if (!request.body.trimmed().isEmpty()) {
        auto body = jsonBody(request);
        if (!body) {
            return HttpResponse::error(body.error());
        }
        protocol::JsonReader reader(*body);
        path = reader.optionalString(u"path").value_or(path);
        if (!reader.ok()) {
            return HttpResponse::error(*reader.error());
        }
    }
    if (path != QLatin1String("direct") && path != QLatin1String("relay")
        && path != QLatin1String("auto")) {
        return HttpResponse::error(
            400, ErrorCode::InvalidArgument,
            QStringLiteral("path must be \"direct\", \"relay\" or \"auto\""));
    }
    auto offer = shadow.createSession(*request.principal, *id, path, request.peerText());
    if (!offer) {
        return HttpResponse::error(offer.error());
    }
    return HttpResponse::json(201, offer->json);
}

HttpResponse setPolicy(services::ShadowService& shadow, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return HttpResponse::error(id.error());
    }
    if (!request.principal->superuser) {
        return HttpResponse::error(403, ErrorCode::NotAuthorised,
                                   QStringLiteral("only a superuser may change shadow policies"));
    }
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    auto policy = steward::shadow::shadowPolicyFromJson(*body);
    if (!policy) {
        return HttpResponse::error(policy.error());
    }
    if (auto stored = shadow.setPolicy(*request.principal, *id, *policy, request.peerText());
        !stored) {
        return HttpResponse::error(stored.error());
    }
    auto effective = shadow.effectivePolicy(*id);
    if (!effective) {
        return HttpResponse::error(effective.error());
    }
    return HttpResponse::json(200, steward::shadow::toJson(*effective));
}

} // namespace

void addShadowRoutes(Router& router, services::ShadowService& shadow)
{
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/devices/{id}/shadow"),
                QStringLiteral("Start a secure shadowing session {\"path\":\"direct|relay|auto\"}: "
                               "a one-time ticket and the device's pinned shadow certificate"),
                true},
               [&shadow](const HttpRequest& request) { return createSession(shadow, request); });
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/devices/{id}/shadow-policy"),
                QStringLiteral("The device's effective shadow policy"), true},
               [&shadow](const HttpRequest& request) {
                   auto id = idParameter(request, QStringLiteral("id"));
                   if (!id) {
                       return HttpResponse::error(id.error());
                   }
                   auto policy = shadow.effectivePolicy(*id);
                   if (!policy) {
                       return HttpResponse::error(policy.error());
                   }
                   return HttpResponse::json(200, steward::shadow::toJson(*policy));
               });
    router.add({HttpMethod::Put, QStringLiteral("/api/v1/devices/{id}/shadow-policy"),
                QStringLiteral("Set the device's shadow policy (pushed to the device at once)"),
                true},
               [&shadow](const HttpRequest& request) { return setPolicy(shadow, request); });
}

} // namespace steward::server::http
