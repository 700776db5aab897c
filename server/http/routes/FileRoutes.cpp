// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/FileRoutes.h"

#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/AccessService.h"
#include "server/services/FileService.h"

#include <QJsonArray>

namespace steward::server::http {
namespace {

using services::FileService;

const NodeOfRequest profilesRoot = fixedNode(access::rootNode(access::RootId::Profiles));

QString nameOf(const HttpRequest& request)
{
    return request.params.value(QStringLiteral("name"));
}

bool flag(const HttpRequest& request, const QString& name)
{
    return request.query.queryItemValue(name) == QLatin1String("true");
}

services::Requester requesterOf(const HttpRequest& request)
{
    return {request.principal->name, request.peerText()};
}

HttpResponse contentResponse(FileService& files, const QString& name)
{
    auto file = files.find(name);
    auto content = file ? files.content(name) : Result<QByteArray>(file.error());
    if (!content) {
        return HttpResponse::error(content.error());
    }
    auto response = HttpResponse::text(200, *content, "application/octet-stream");
    response.headers.emplace_back("X-Steward-Sha256", file->sha256.toLatin1());
    return response;
}

} // namespace

void addFileRoutes(Router& router, FileService& files, services::AccessService& access,
                   DeviceAdmission admitDevice)
{
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/files"),
                QStringLiteral("The file store: every file's name, sha256, size and use"), true},
               guarded(access, access::Right::Read, profilesRoot, [&files](const HttpRequest&) {
                   auto list = files.list();
                   if (!list) {
                       return HttpResponse::error(list.error());
                   }
                   QJsonArray items;
                   for (const auto& file : *list) {
                       items.append(files.fileJson(file));
                   }
                   return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items}});
               }));
    router.add(
        {HttpMethod::Post, QStringLiteral("/api/v1/files/{name}"),
         QStringLiteral("Upload a file (the body is its bytes) [?replace=true]"), true},
        guarded(access, access::Right::Write, profilesRoot, [&files](const HttpRequest& request) {
            auto stored =
                files.upload(nameOf(request), request.body,
                             flag(request, QStringLiteral("replace")), requesterOf(request));
            if (!stored) {
                return HttpResponse::error(stored.error());
            }
            auto response = HttpResponse::json(201, files.fileJson(*stored));
            response.headers.emplace_back("Location", "/api/v1/files/" + stored->name.toLatin1());
            return response;
        }));
    router.add(
        {HttpMethod::Get, QStringLiteral("/api/v1/files/{name}"),
         QStringLiteral("One file's name, sha256, size and use"), true},
        guarded(access, access::Right::Read, profilesRoot, [&files](const HttpRequest& request) {
            auto file = files.find(nameOf(request));
            return file ? HttpResponse::json(200, files.fileJson(*file))
                        : HttpResponse::error(file.error());
        }));
    router.add(
        {HttpMethod::Get, QStringLiteral("/api/v1/files/{name}/content"),
         QStringLiteral("One file's bytes"), true},
        guarded(access, access::Right::Read, profilesRoot, [&files](const HttpRequest& request) {
            return contentResponse(files, nameOf(request));
        }));
    router.add(
        {HttpMethod::Delete, QStringLiteral("/api/v1/files/{name}"),
         QStringLiteral("Delete a file; refused while profiles use it [?force=true]"), true},
        guarded(access, access::Right::Write, profilesRoot, [&files](const HttpRequest& request) {
            auto removed = files.remove(nameOf(request), flag(request, QStringLiteral("force")),
                                        requesterOf(request));
            return removed ? HttpResponse::noContent() : HttpResponse::error(removed.error());
        }));
    router.add({HttpMethod::Get, QStringLiteral("/device/v1/files/{name}"),
                QStringLiteral("A device downloads a file (mutual TLS, no token)"), false},
               [&files, admitDevice](const HttpRequest& request) {
                   if (auto admitted = admitDevice(request); !admitted) {
                       return HttpResponse::error(401, ErrorCode::Unauthenticated,
                                                  admitted.error().message);
                   }
                   return contentResponse(files, nameOf(request));
               });
}

} // namespace steward::server::http
