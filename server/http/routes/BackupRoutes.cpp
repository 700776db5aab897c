// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/BackupRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/AccessService.h"
#include "server/services/BackupService.h"

#include <QJsonArray>

namespace steward::server::http {
namespace {

using services::BackupInfo;
using services::BackupService;

const access::NodeRef Administration = access::rootNode(access::RootId::Administration);

services::Requester requesterOf(const HttpRequest& request)
{
    return {request.principal->name, request.peerText()};
}

QJsonObject backupJson(const BackupInfo& info)
{
    QJsonObject json{{QStringLiteral("name"), info.name},
                     {QStringLiteral("state"), info.state},
                     {QStringLiteral("percent"), info.percent},
                     {QStringLiteral("size"), info.size},
                     {QStringLiteral("created"), info.created.toString(Qt::ISODate)}};
    if (!info.createdBy.isEmpty()) {
        json.insert(QStringLiteral("createdBy"), info.createdBy);
    }
    if (!info.error.isEmpty()) {
        json.insert(QStringLiteral("error"), info.error);
    }
    return json;
}

HttpResponse startBackup(BackupService& backups, const HttpRequest& request)
{
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    const QString passphrase = reader.requireString(u"passphrase");
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    auto started = backups.start(passphrase, requesterOf(request));
    if (!started) {
        return HttpResponse::error(started.error());
    }
    return HttpResponse::json(202, backupJson(*started));
}

} // namespace

void addBackupRoutes(Router& router, BackupService& backups, services::AccessService& access)
{
    const QString base = QStringLiteral("/api/v1/backups");
    const QString one = base + QStringLiteral("/{name}");
    const auto root = fixedNode(Administration);
    router.add({HttpMethod::Get, base,
                QStringLiteral("List backups: the running or last one first, then the files")},
               guarded(access, access::Right::Read, root, [&backups](const HttpRequest&) {
                   QJsonArray items;
                   for (const auto& info : backups.list()) {
                       items.append(backupJson(info));
                   }
                   return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items}});
               }));
    router.add({HttpMethod::Post, base,
                QStringLiteral("Start an encrypted backup {\"passphrase\"} (202; follow it in "
                               "the list)")},
               guarded(access, access::Right::ExportKeys, root,
                       [&backups](const HttpRequest& r) { return startBackup(backups, r); }));
    router.add({HttpMethod::Get, one, QStringLiteral("Download a finished backup file")},
               guarded(access, access::Right::ExportKeys, root, [&backups](const HttpRequest& r) {
                   auto content =
                       backups.read(r.params.value(QStringLiteral("name")), requesterOf(r));
                   if (!content) {
                       return HttpResponse::error(content.error());
                   }
                   return HttpResponse::text(200, *content, "application/octet-stream");
               }));
    router.add(
        {HttpMethod::Delete, one,
         QStringLiteral("Cancel the running backup of that name, or delete the file")},
        guarded(access, access::Right::ExportKeys, root, [&backups](const HttpRequest& r) {
            auto removed = backups.remove(r.params.value(QStringLiteral("name")), requesterOf(r));
            return removed ? HttpResponse::noContent() : HttpResponse::error(removed.error());
        }));
}

} // namespace steward::server::http
