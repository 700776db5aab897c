// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/RecycleBinRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/AccessService.h"
#include "server/services/DeviceView.h"
#include "server/services/RecycleBinService.h"

#include <QJsonArray>

#include <algorithm>
#include <limits>

namespace steward::server::http {
namespace {

using services::RecycleBinService;

constexpr qint64 MaxId = std::numeric_limits<qint64>::max();

services::Requester requesterOf(const HttpRequest& request)
{
    return {request.principal->name, request.peerText()};
}

/** {"ids":[1,2,...]}: positive ids, each once (repeats are dropped). */
Result<std::vector<qint64>> idsFromBody(const HttpRequest& request)
{
    auto body = jsonBody(request);
    if (!body) {
        return body.error();
    }
    protocol::JsonReader reader(*body);
    const QJsonArray array = reader.requireArray(u"ids");
    if (!reader.ok()) {
        return *reader.error();
    }
    std::vector<qint64> ids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue value = array.at(i);
        const qint64 id = value.toInteger(0);
        if (!value.isDouble() || id < 1 || id > MaxId || double(id) != value.toDouble()) {
            return makeError(
                ErrorCode::InvalidValue,
                QStringLiteral("body.ids[%1] must be a device id (a positive integer)").arg(i));
        }
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
            ids.push_back(id);
        }
    }
    if (ids.size() > size_t(services::MaxRecycleBinBatch)) {
        return makeError(
            ErrorCode::InvalidArgument,
            QStringLiteral("at most %1 ids at once").arg(services::MaxRecycleBinBatch));
    }
    return ids;
}

/** One id from the path, or the body's ids. */
Result<std::vector<qint64>> idsOf(const HttpRequest& request, bool fromPath)
{
    if (!fromPath) {
        return idsFromBody(request);
    }
    auto id = idParameter(request, QStringLiteral("id"));
    return id ? Result<std::vector<qint64>>(std::vector<qint64>{*id})
              : Result<std::vector<qint64>>(id.error());
}

std::optional<HttpResponse> requireWrite(services::AccessService& access,
                                         const HttpRequest& request, const std::vector<qint64>& ids)
{
    for (const qint64 id : ids) {
        if (auto refused =
                requireRight(access, request, access::deviceNode(id), access::Right::Write)) {
            return refused;
        }
    }
    return std::nullopt;
}

QJsonArray idArray(const std::vector<qint64>& ids)
{
    QJsonArray array;
    for (const qint64 id : ids) {
        array.append(id);
    }
    return array;
}

HttpResponse removeDevices(RecycleBinService& bin, services::AccessService& access,
                           const HttpRequest& request, bool fromPath)
{
    auto ids = idsOf(request, fromPath);
    if (!ids) {
        return HttpResponse::error(ids.error());
    }
    if (auto refused = requireWrite(access, request, *ids)) {
        return *refused;
    }
    auto removed = bin.remove(*ids, requesterOf(request));
    if (!removed) {
        return HttpResponse::error(removed.error());
    }
    if (fromPath) {
        return HttpResponse::json(200, RecycleBinService::entryJson(removed->front()));
    }
    QJsonArray items;
    for (const auto& device : *removed) {
        items.append(RecycleBinService::entryJson(device));
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items}});
}

HttpResponse listBin(RecycleBinService& bin, services::AccessService& access,
                     const HttpRequest& request)
{
    auto page = paging(request, 100, 1000);
    if (!page) {
        return HttpResponse::error(page.error());
    }
    auto all = bin.contents();
    if (!all) {
        return HttpResponse::error(all.error());
    }
    QJsonArray items;
    qint64 seen = 0;
    for (const auto& device : *all) {
        if (!access.allowed(request.principal->adminId, access::deviceNode(device.id),
                            access::Right::Browse)) {
            continue;
        }
        if (seen >= page->offset && items.size() < page->limit) {
            items.append(RecycleBinService::entryJson(device));
        }
        ++seen;
    }
    return pageResponse(items, seen, *page);
}

HttpResponse restoreDevices(RecycleBinService& bin, services::AccessService& access,
                            const HttpRequest& request, bool fromPath)
{
    auto ids = idsOf(request, fromPath);
    if (!ids) {
        return HttpResponse::error(ids.error());
    }
    if (auto refused = requireWrite(access, request, *ids)) {
        return *refused;
    }
    auto restored = bin.restore(*ids, requesterOf(request));
    if (!restored) {
        return HttpResponse::error(restored.error());
    }
    if (fromPath) {
        return HttpResponse::json(200, services::deviceJson(restored->front(), false));
    }
    QJsonArray items;
    for (const auto& device : *restored) {
        items.append(services::deviceJson(device, false));
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items}});
}

/** By id, by the body's ids, or (no body) everything in the bin the administrator may see. */
HttpResponse purgeDevices(RecycleBinService& bin, services::AccessService& access,
                          const HttpRequest& request, bool fromPath)
{
    Result<std::vector<qint64>> ids = std::vector<qint64>{};
    if (fromPath || !request.body.trimmed().isEmpty()) {
        ids = idsOf(request, fromPath);
    } else {
        auto all = bin.contents();
        if (!all) {
            return HttpResponse::error(all.error());
        }
        for (const auto& device : *all) {
            if (access.allowed(request.principal->adminId, access::deviceNode(device.id),
                               access::Right::Browse)) {
                ids->push_back(device.id);
            }
        }
        if (ids->empty()) {
            return HttpResponse::json(200, QJsonObject{{QStringLiteral("purged"), QJsonArray{}}});
        }
    }
    if (!ids) {
        return HttpResponse::error(ids.error());
    }
    if (auto refused = requireWrite(access, request, *ids)) {
        return *refused;
    }
    auto purged = bin.purge(*ids, requesterOf(request));
    if (!purged) {
        return HttpResponse::error(purged.error());
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("purged"), idArray(*purged)}});
}

} // namespace

void addRecycleBinRoutes(Router& router, RecycleBinService& bin, services::AccessService& access)
{
    using Call =
        HttpResponse (*)(RecycleBinService&, services::AccessService&, const HttpRequest&, bool);
    const auto add = [&](HttpMethod method, const char* pattern, const char* summary, Call call,
                         bool fromPath) {
        router.add({method, QString::fromLatin1(pattern), QString::fromLatin1(summary), true},
                   [&bin, &access, call, fromPath](const HttpRequest& request) {
                       return call(bin, access, request, fromPath);
                   });
    };
    add(HttpMethod::Delete, "/api/v1/devices/{id}",
        "Delete a device: it moves to the recycle bin, keeping its data", removeDevices, true);
    add(HttpMethod::Delete, "/api/v1/devices",
        "Delete devices {\"ids\":[...]} into the recycle bin (all or nothing)", removeDevices,
        false);
    router.add(
        {HttpMethod::Get, QStringLiteral("/api/v1/recycle-bin"),
         QStringLiteral("List the deleted devices with when and by whom (paged)"), true},
        [&bin, &access](const HttpRequest& request) { return listBin(bin, access, request); });
    add(HttpMethod::Post, "/api/v1/recycle-bin/{id}/restore",
        "Restore a deleted device into its folder (the root if the folder is gone)", restoreDevices,
        true);
    add(HttpMethod::Post, "/api/v1/recycle-bin/restore",
        "Restore deleted devices {\"ids\":[...]} (all or nothing)", restoreDevices, false);
    add(HttpMethod::Delete, "/api/v1/recycle-bin/{id}",
        "Delete a device in the recycle bin for good, with all its data", purgeDevices, true);
    add(HttpMethod::Delete, "/api/v1/recycle-bin",
        "Empty the recycle bin, or purge {\"ids\":[...]} only (all or nothing)", purgeDevices,
        false);
}

} // namespace steward::server::http
