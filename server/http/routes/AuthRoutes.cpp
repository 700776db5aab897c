// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/AuthRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/AuthService.h"

namespace steward::server::http {
namespace {

HttpResponse loginResponse(const Result<services::LoginResult>& login)
{
    if (!login) {
        return HttpResponse::error(login.error());
    }
    return HttpResponse::json(
        200, QJsonObject{{QStringLiteral("token"), QString::fromLatin1(login->token)},
                         {QStringLiteral("expires"), isoTime(login->expiresAt)},
                         {QStringLiteral("user"), login->principal.name},
                         {QStringLiteral("superuser"), login->principal.superuser}});
}

} // namespace

void addAuthRoutes(Router& router, services::AuthService& auth)
{
    // The password check costs ~0.3 s of CPU by design, so it runs off the event loop.
    router.addAsync({HttpMethod::Post, QStringLiteral("/api/v1/login"),
                     QStringLiteral("Log in with {\"user\",\"password\"}; returns a bearer token"),
                     false},
                    [&auth](const HttpRequest& request, Responder respond) {
                        auto body = jsonBody(request);
                        if (!body) {
                            respond(HttpResponse::error(body.error()));
                            return;
                        }
                        protocol::JsonReader reader(*body, QStringLiteral("body"));
                        const QString user =
                            reader.requireString(u"user", protocol::JsonReader::Text::NonEmpty);
                        const QString password = reader.requireString(u"password");
                        if (!reader.ok()) {
                            respond(HttpResponse::error(*reader.error()));
                            return;
                        }
                        auth.loginAsync(user, password, request.peerText(),
                                        [respond](Result<services::LoginResult> login) {
                                            respond(loginResponse(login));
                                        });
                    });
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/logout"),
                QStringLiteral("End this token's session"), true},
               [&auth](const HttpRequest& request) {
                   if (auto done = auth.logout(request.bearerToken(), request.principal->name,
                                               request.peerText());
                       !done) {
                       return HttpResponse::error(done.error());
                   }
                   return HttpResponse::noContent();
               });
}

} // namespace steward::server::http
