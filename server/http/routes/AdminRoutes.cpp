// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/AdminRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/db/AdminRepository.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/AccessService.h"
#include "server/services/AuthService.h"
#include "server/services/EventHub.h"

#include <QDateTime>

namespace steward::server::http {
namespace {

QJsonObject adminJson(const db::Admin& admin)
{
    const bool locked =
        admin.lockedUntil && *admin.lockedUntil > QDateTime::currentSecsSinceEpoch();
    return QJsonObject{{QStringLiteral("id"), admin.id},
                       {QStringLiteral("name"), admin.name},
                       {QStringLiteral("superuser"), admin.superuser},
                       {QStringLiteral("created"), isoTime(admin.createdAt)},
                       {QStringLiteral("updated"), isoTime(admin.updatedAt)},
                       {QStringLiteral("revision"), admin.revision},
                       {QStringLiteral("locked"), locked}};
}

const access::NodeRef Administration = access::rootNode(access::RootId::Administration);

HttpResponse forbidden(const QString& why)
{
    return HttpResponse::error(403, ErrorCode::Forbidden, why);
}

} // namespace

void addAdminRoutes(Router& router, db::AdminRepository& admins, services::AuthService& auth,
                    services::EventHub& events, services::AccessService& access,
                    AdminRouteLimits limits)
{
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/admins"),
                QStringLiteral("List administrators (paged)"), true},
               [&admins, &access, limits](const HttpRequest& request) {
                   if (auto refused =
                           requireRight(access, request, Administration, access::Right::Read)) {
                       return *refused;
                   }
                   auto page = paging(request, limits.defaultPageSize, limits.maxPageSize);
                   if (!page) {
                       return HttpResponse::error(page.error());
                   }
                   auto found = admins.list(page->offset, page->limit);
                   if (!found) {
                       return HttpResponse::error(found.error());
                   }
                   QJsonArray items;
                   for (const auto& admin : found->items) {
                       items.append(adminJson(admin));
                   }
                   return pageResponse(items, found->total, *page);
               });
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/admins/{id}"),
                QStringLiteral("Read one administrator"), true},
               [&admins, &access](const HttpRequest& request) {
                   auto id = idParameter(request, QStringLiteral("id"));
                   if (!id) {
                       return HttpResponse::error(id.error());
                   }
                   if (*id != request.principal->adminId) {
                       if (auto refused =
                               requireRight(access, request, Administration, access::Right::Read)) {
                           return *refused;
                       }
                   }
                   auto admin = admins.findById(*id);
                   if (!admin) {
                       return HttpResponse::error(admin.error());
                   }
                   if (!admin->has_value()) {
                       return HttpResponse::error(404, ErrorCode::NotFound,
                                                  QStringLiteral("no administrator %1").arg(*id));
                   }
                   return HttpResponse::json(200, adminJson(**admin));
               });
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/admins"),
                QStringLiteral("Create an administrator {\"name\",\"password\",\"superuser\"}"),
                true},
               [&admins, &auth, &events, &access](const HttpRequest& request) {
                   if (auto refused =
                           requireRight(access, request, Administration, access::Right::Write)) {
                       return *refused;
                   }
                   auto body = jsonBody(request);
                   if (!body) {
                       return HttpResponse::error(body.error());
                   }
                   protocol::JsonReader reader(*body);
                   const QString name =
                       reader.requireString(u"name", protocol::JsonReader::Text::NonEmpty);
                   const QString password = reader.requireString(u"password");
                   const bool superuser = reader.optionalBool(u"superuser").value_or(false);
                   if (!reader.ok()) {
                       return HttpResponse::error(*reader.error());
                   }
                   if (superuser && !request.principal->superuser) {
                       return forbidden(QStringLiteral("only a superuser may create a superuser"));
                   }
                   auto id = auth.createAdmin(name, password, superuser, request.principal->name,
                                              request.peerText());
                   if (!id) {
                       return HttpResponse::error(id.error());
                   }
                   const auto created = admins.findById(*id);
                   if (!created || !created->has_value()) {
                       return HttpResponse::error(500, ErrorCode::Internal,
                                                  QStringLiteral("the new administrator vanished"));
                   }
                   const QJsonObject json = adminJson(**created);
                   events.publish(QStringLiteral("created"), QStringLiteral("admin"), *id, json);
                   auto response = HttpResponse::json(201, json);
                   response.headers.emplace_back("Location", QByteArray("/api/v1/admins/")
                                                                 + QByteArray::number(*id));
                   return response;
               });
    router.add({HttpMethod::Put, QStringLiteral("/api/v1/admins/{id}/password"),
                QStringLiteral("Set a password {\"password\",\"revision\"}; 409 if stale"), true},
               [&admins, &auth, &events, &access](const HttpRequest& request) {
                   auto id = idParameter(request, QStringLiteral("id"));
                   if (!id) {
                       return HttpResponse::error(id.error());
                   }
                   if (request.principal->adminId != *id) {
                       if (auto refused = requireRight(access, request, Administration,
                                                       access::Right::Write)) {
                           return *refused;
                       }
                   }
                   auto body = jsonBody(request);
                   if (!body) {
                       return HttpResponse::error(body.error());
                   }
                   protocol::JsonReader reader(*body);
                   const QString password = reader.requireString(u"password");
                   const qint64 revision =
                       reader.requireInt(u"revision", 1, std::numeric_limits<qint32>::max());
                   if (!reader.ok()) {
                       return HttpResponse::error(*reader.error());
                   }
                   auto admin = admins.findById(*id);
                   if (!admin) {
                       return HttpResponse::error(admin.error());
                   }
                   if (!admin->has_value()) {
                       return HttpResponse::error(404, ErrorCode::NotFound,
                                                  QStringLiteral("no administrator %1").arg(*id));
                   }
                   if ((*admin)->superuser && !request.principal->superuser) {
                       return forbidden(QStringLiteral("only a superuser may set a superuser's "
                                                       "password"));
                   }
                   if ((*admin)->revision != revision) {
                       return HttpResponse::error(
                           409, ErrorCode::Conflict,
                           QStringLiteral("administrator %1 is at revision %2, not %3; reload and "
                                          "try again")
                               .arg(*id)
                               .arg((*admin)->revision)
                               .arg(revision));
                   }
                   if (auto set = auth.resetPassword((*admin)->name, password,
                                                     request.principal->name, request.peerText());
                       !set) {
                       return HttpResponse::error(set.error());
                   }
                   events.publish(QStringLiteral("changed"), QStringLiteral("admin"), *id,
                                  adminJson(**admins.findById(*id)));
                   return HttpResponse::noContent();
               });
}

} // namespace steward::server::http
