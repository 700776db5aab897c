// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/FolderRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/http/routes/ConfigPushRoutes.h"
#include "server/services/AccessService.h"
#include "server/services/DeviceView.h"
#include "server/services/FolderService.h"

namespace steward::server::http {
namespace {

using services::FolderService;

constexpr qint64 MaxId = std::numeric_limits<qint64>::max();

/** Absent: nullopt. null: the root. A positive id: that folder. Anything else fails \a reader. */
std::optional<std::optional<qint64>> folderField(protocol::JsonReader& reader,
                                                 const QJsonObject& body, const QString& key)
{
    if (!body.contains(key)) {
        return std::nullopt;
    }
    if (body.value(key).isNull()) {
        return std::optional<qint64>{};
    }
    const auto id = reader.optionalInt(key, 1, MaxId);
    if (!id) {
        return std::nullopt;
    }
    return std::optional<qint64>{*id};
}

access::NodeRef folderNode(const std::optional<qint64>& folder)
{
    return folder ? access::NodeRef{QStringLiteral("folder"), *folder}
                  : access::rootNode(access::RootId::Devices);
}

services::Requester requesterOf(const HttpRequest& request)
{
    return {request.principal->name, request.peerText()};
}

/** Write on the object, and on its new folder when it moves. */
std::optional<HttpResponse> requireMove(services::AccessService& access, const HttpRequest& request,
                                        const access::NodeRef& object,
                                        const std::optional<std::optional<qint64>>& target)
{
    if (auto refused = requireRight(access, request, object, access::Right::Write)) {
        return refused;
    }
    if (target) {
        return requireRight(access, request, folderNode(*target), access::Right::Write);
    }
    return std::nullopt;
}

HttpResponse listFolders(FolderService& folders, services::AccessService& access,
                         const HttpRequest& request)
{
    auto infos = folders.list();
    if (!infos) {
        return HttpResponse::error(infos.error());
    }
    QJsonArray items;
    for (const auto& info : *infos) {
        if (access.allowed(request.principal->adminId, folderNode(info.folder.id),
                           access::Right::Browse)) {
            items.append(FolderService::folderJson(info));
        }
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items}});
}

HttpResponse createFolder(FolderService& folders, services::AccessService& access,
                          const HttpRequest& request)
{
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    const QString name = reader.requireString(u"name");
    const auto parent = folderField(reader, *body, QStringLiteral("parent"));
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    if (auto refused = requireRight(access, request, folderNode(parent.value_or(std::nullopt)),
                                    access::Right::Write)) {
        return *refused;
    }
    auto created = folders.create(name, parent.value_or(std::nullopt), requesterOf(request));
    if (!created) {
        return HttpResponse::error(created.error());
    }
    auto response = HttpResponse::json(201, FolderService::folderJson(*created));
    response.headers.emplace_back("Location", QByteArray("/api/v1/folders/")
                                                  + QByteArray::number(created->folder.id));
    return response;
}

HttpResponse changeFolder(FolderService& folders, services::AccessService& access,
                          const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    auto body = id ? jsonBody(request) : Result<QJsonObject>(id.error());
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    services::FolderChange change;
    change.name = reader.optionalString(u"name");
    change.parent = folderField(reader, *body, QStringLiteral("parent"));
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    if (!change.name && !change.parent) {
        return HttpResponse::error(400, ErrorCode::InvalidArgument,
                                   QStringLiteral("give \"name\" or \"parent\" to change"));
    }
    if (auto refused = requireMove(access, request, folderNode(*id), change.parent)) {
        return *refused;
    }
    auto changed = folders.update(*id, change, requesterOf(request));
    if (!changed) {
        return HttpResponse::error(changed.error());
    }
    return HttpResponse::json(200, FolderService::folderJson(*changed));
}

HttpResponse deleteFolder(FolderService& folders, services::AccessService& access,
                          const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return HttpResponse::error(id.error());
    }
    if (auto refused = requireRight(access, request, folderNode(*id), access::Right::Write)) {
        return *refused;
    }
    const QString recursive = request.query.queryItemValue(QStringLiteral("recursive"));
    if (!recursive.isEmpty() && recursive != QLatin1String("true")
        && recursive != QLatin1String("false")) {
        return HttpResponse::error(400, ErrorCode::InvalidValue,
                                   QStringLiteral("recursive must be true or false"));
    }
    auto removed = folders.remove(*id, recursive == QLatin1String("true"), requesterOf(request));
    if (!removed) {
        return HttpResponse::error(removed.error());
    }
    QJsonArray deleted;
    for (const qint64 folder : removed->folders) {
        deleted.append(folder);
    }
    QJsonArray moved;
    for (const qint64 device : removed->devices) {
        moved.append(device);
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("deletedFolders"), deleted},
                                               {QStringLiteral("devicesMovedToRoot"), moved}});
}

HttpResponse changeDevice(FolderService& folders, services::AccessService& access,
                          const std::function<bool(qint64)>& isOnline, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    auto body = id ? jsonBody(request) : Result<QJsonObject>(id.error());
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    services::DeviceChange change;
    change.name = reader.optionalString(u"name");
    change.folder = folderField(reader, *body, QStringLiteral("folder"));
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    if (!change.name && !change.folder) {
        return HttpResponse::error(400, ErrorCode::InvalidArgument,
                                   QStringLiteral("give \"folder\" or \"name\" to change"));
    }
    if (auto refused = requireMove(access, request, access::deviceNode(*id), change.folder)) {
        return *refused;
    }
    auto changed = folders.changeDevice(*id, change, requesterOf(request));
    if (!changed) {
        return HttpResponse::error(changed.error());
    }
    return HttpResponse::json(200, services::deviceJson(*changed, isOnline(*id)));
}

} // namespace

void addFolderRoutes(Router& router, FolderService& folders, services::AccessService& access,
                     std::function<bool(qint64)> isOnline, services::ConfigPushService* push)
{
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/folders"),
                QStringLiteral("List every folder with its path and device count"), true},
               [&folders, &access](const HttpRequest& request) {
                   return listFolders(folders, access, request);
               });
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/folders/{id}"),
                QStringLiteral("Read one folder"), true},
               [&folders, &access](const HttpRequest& request) {
                   auto id = idParameter(request, QStringLiteral("id"));
                   if (id) {
                       if (auto refused = requireRight(access, request, folderNode(*id),
                                                       access::Right::Read)) {
                           return *refused;
                       }
                   }
                   auto info = id ? folders.read(*id) : Result<services::FolderInfo>(id.error());
                   if (!info) {
                       return HttpResponse::error(info.error());
                   }
                   return HttpResponse::json(200, FolderService::folderJson(*info));
               });
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/folders"),
                QStringLiteral("Create a folder {\"name\",\"parent\"?: id|null}"), true},
               [&folders, &access](const HttpRequest& request) {
                   return createFolder(folders, access, request);
               });
    router.add(
        {HttpMethod::Patch, QStringLiteral("/api/v1/folders/{id}"),
         QStringLiteral("Rename or move a folder {\"name\"?,\"parent\"?: id|null}"), true},
        pushAfter(push, PushScope::Everything, [&folders, &access](const HttpRequest& request) {
            return changeFolder(folders, access, request);
        }));
    router.add(
        {HttpMethod::Delete, QStringLiteral("/api/v1/folders/{id}"),
         QStringLiteral("Delete an empty folder; ?recursive=true deletes its subfolders "
                        "and moves their devices to the root"),
         true},
        pushAfter(push, PushScope::Everything, [&folders, &access](const HttpRequest& request) {
            return deleteFolder(folders, access, request);
        }));
    router.add({HttpMethod::Patch, QStringLiteral("/api/v1/devices/{id}"),
                QStringLiteral("Move or rename a device {\"folder\"?: id|null,\"name\"?}"), true},
               pushAfter(push, PushScope::DeviceInPath,
                         [&folders, &access, isOnline](const HttpRequest& request) {
                             return changeDevice(folders, access, isOnline, request);
                         }));
}

} // namespace steward::server::http
