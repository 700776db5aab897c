// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/DiscoveryRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/db/DeviceRepository.h"
#include "server/discovery/ScanService.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/http/routes/DeviceRoutes.h"
#include "server/services/AuditLog.h"

#include <QJsonArray>

namespace steward::server::http {
namespace {

QJsonValue nullable(const std::optional<qint64>& value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject resultJson(const discovery::ScanResult& result)
{
    const auto& identity = result.identity;
    return QJsonObject{
        {QStringLiteral("n"), result.n},
        {QStringLiteral("address"), result.address.toString()},
        {QStringLiteral("port"), result.port},
        {QStringLiteral("unitId"), identity.unitId},
        {QStringLiteral("hostname"), identity.hostname},
        {QStringLiteral("agentVersion"), identity.agentVersion},
        {QStringLiteral("enrolled"), identity.enrolled},
        {QStringLiteral("deviceId"), nullable(identity.deviceId)},
        {QStringLiteral("server"), identity.server},
        {QStringLiteral("knownDeviceId"), nullable(result.knownDeviceId)},
        {QStringLiteral("seen"), isoTime(result.seenAt)},
        {QStringLiteral("offer"),
         result.offer.isEmpty()
             ? QJsonValue(QJsonValue::Null)
             : QJsonValue(QJsonObject{{QStringLiteral("state"), result.offer},
                                      {QStringLiteral("reason"), result.offerReason}})}};
}

QJsonObject scanJson(const discovery::Scan& scan, bool withResults)
{
    QJsonObject json{{QStringLiteral("id"), scan.id},
                     {QStringLiteral("range"), scan.range},
                     {QStringLiteral("port"), scan.port},
                     {QStringLiteral("started"), isoTime(scan.startedAt)},
                     {QStringLiteral("createdBy"), scan.createdBy},
                     {QStringLiteral("probes"), scan.probes},
                     {QStringLiteral("state"),
                      scan.finished ? QStringLiteral("finished") : QStringLiteral("running")},
                     {QStringLiteral("found"), qint64(scan.results.size())}};
    if (withResults) {
        QJsonArray results;
        for (const auto& result : scan.results) {
            results.append(resultJson(result));
        }
        json.insert(QStringLiteral("results"), results);
    }
    return json;
}

HttpResponse createScan(const DiscoveryRouteContext& context, const HttpRequest& request)
{
    if (auto denied = refuseUnlessSuperuser(request, QStringLiteral("scan the network"))) {
        return *denied;
    }
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    const QString range = reader.requireString(u"range", protocol::JsonReader::Text::NonEmpty);
    const auto port = reader.optionalInt(u"port", 1, 65535);
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    auto id =
        context.scans.startScan(range, port ? std::optional<quint16>(quint16(*port)) : std::nullopt,
                                request.principal->name, request.peerText());
    if (!id) {
        return HttpResponse::error(id.error());
    }
    auto response = HttpResponse::json(201, scanJson(*context.scans.scan(*id), true));
    response.headers.emplace_back("Location",
                                  QByteArray("/api/v1/scans/") + QByteArray::number(*id));
    return response;
}

HttpResponse readScan(const DiscoveryRouteContext& context, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return HttpResponse::error(id.error());
    }
    const auto* scan = context.scans.scan(*id);
    if (!scan) {
        return HttpResponse::error(404, ErrorCode::NotFound,
                                   QStringLiteral("no scan %1 (only the newest %2 are kept)")
                                       .arg(*id)
                                       .arg(discovery::ScanService::MaxScans));
    }
    return HttpResponse::json(200, scanJson(*scan, true));
}

HttpResponse registerResult(const DiscoveryRouteContext& context, const HttpRequest& request)
{
    if (auto denied = refuseUnlessSuperuser(request, QStringLiteral("register devices"))) {
        return *denied;
    }
    auto id = idParameter(request, QStringLiteral("id"));
    auto n = idParameter(request, QStringLiteral("n"));
    if (!id || !n) {
        return HttpResponse::error(id ? n.error() : id.error());
    }
    auto sent = context.scans.offer(*id, int(std::min<qint64>(*n, 1 << 20)),
                                    request.principal->name, request.peerText());
    if (!sent) {
        return HttpResponse::error(sent.error());
    }
    return HttpResponse::json(
        202, QJsonObject{{QStringLiteral("tokenId"), sent->tokenId},
                         {QStringLiteral("expires"), isoTime(sent->expires)},
                         {QStringLiteral("server"), sent->server.toString()},
                         {QStringLiteral("sentTo"),
                          QStringLiteral("%1:%2").arg(sent->address.toString()).arg(sent->port)}});
}

HttpResponse wake(const DiscoveryRouteContext& context, const HttpRequest& request)
{
    if (auto denied = refuseUnlessSuperuser(request, QStringLiteral("wake devices"))) {
        return *denied;
    }
    auto device = deviceFromPath(context.devices, request);
    if (!device) {
        return HttpResponse::error(device.error());
    }
    const auto& found = *device;
    const qint64 id = found.id;
    if (found.unitId.isEmpty()) {
        return HttpResponse::error(409, ErrorCode::Conflict,
                                   QStringLiteral("device %1 reported no MAC address, so it "
                                                  "cannot be woken")
                                       .arg(id));
    }
    auto targets = discovery::sendWake(found.unitId, found.lastIp, context.wake);
    if (!targets) {
        return HttpResponse::error(targets.error());
    }
    QJsonArray list;
    QStringList summary;
    for (const auto& target : *targets) {
        QJsonObject entry{{QStringLiteral("address"), target.address.toString()},
                          {QStringLiteral("reason"), target.reason},
                          {QStringLiteral("sent"), target.sent}};
        if (!target.sent) {
            entry.insert(QStringLiteral("error"), target.error);
        }
        list.append(entry);
        summary.append(target.address.toString()
                       + (target.sent ? QString() : QStringLiteral("(failed)")));
    }
    context.audit.record(request.principal->name, QStringLiteral("device.wake"),
                         QStringLiteral("device:%1").arg(id), request.peerText(),
                         QStringLiteral("ok"),
                         QStringLiteral("mac=%1 port=%2 targets=%3")
                             .arg(found.unitId)
                             .arg(context.wake.port)
                             .arg(summary.join(QLatin1Char(','))));
    return HttpResponse::json(202, QJsonObject{{QStringLiteral("mac"), found.unitId},
                                               {QStringLiteral("port"), context.wake.port},
                                               {QStringLiteral("targets"), list}});
}

} // namespace

void addDiscoveryRoutes(Router& router, const DiscoveryRouteContext& context)
{
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/scans"),
                QStringLiteral("Scan for agents over UDP {\"range\",\"port\"?}"), true},
               [context](const HttpRequest& request) { return createScan(context, request); });
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/scans"),
                QStringLiteral("List the recent scans (newest last, without results)"), true},
               [context](const HttpRequest&) {
                   QJsonArray items;
                   for (const auto& scan : context.scans.scans()) {
                       items.append(scanJson(scan, false));
                   }
                   return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items}});
               });
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/scans/{id}"),
                QStringLiteral("Read one scan with its results"), true},
               [context](const HttpRequest& request) { return readScan(context, request); });
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/scans/{id}/results/{n}/register"),
                QStringLiteral("Send a scanned, unenrolled agent a signed register offer"), true},
               [context](const HttpRequest& request) { return registerResult(context, request); });
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/devices/{id}/wake"),
                QStringLiteral("Send Wake-on-LAN magic packets for a device"), true},
               [context](const HttpRequest& request) { return wake(context, request); });
}

} // namespace steward::server::http
