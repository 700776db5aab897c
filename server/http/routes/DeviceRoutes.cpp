// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/DeviceRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/db/DeviceRepository.h"
#include "server/db/EnrollmentTokenRepository.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/AccessService.h"
#include "server/services/DeviceView.h"
#include "server/services/EnrollmentService.h"
#include "server/services/EventHub.h"
#include "server/services/ServerIdentity.h"

namespace steward::server::http {
namespace {

// A CSR, host name and MAC fit easily; anything larger is not an enrolment.
constexpr qint64 MaxEnrollBodyBytes = 64 * 1024;

QJsonObject tokenJson(const db::EnrollmentToken& token, qint64 now)
{
    return QJsonObject{{QStringLiteral("id"), token.id},
                       {QStringLiteral("created"), isoTime(token.createdAt)},
                       {QStringLiteral("expires"), isoTime(token.expiresAt)},
                       {QStringLiteral("used"), token.usedAt ? QJsonValue(isoTime(*token.usedAt))
                                                             : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("expired"), token.expiresAt <= now},
                       {QStringLiteral("folder"), token.folder},
                       {QStringLiteral("createdBy"), token.createdBy}};
}

const access::NodeRef DevicesRoot = access::rootNode(access::RootId::Devices);

using access::deviceNode;

HttpResponse createToken(const DeviceRouteContext& context, const HttpRequest& request)
{
    if (auto refused = requireRight(*context.access, request, DevicesRoot, access::Right::Write)) {
        return *refused;
    }
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    const auto ttl = reader.optionalInt(u"ttl", 1, services::MaxTokenLifetime.count());
    const QString folder = reader.optionalString(u"folder").value_or(QString());
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    Q_ASSERT(context.folders);
    auto created = services::createEnrollmentToken(
        context.tokens, *context.folders, context.audit,
        ttl ? std::chrono::seconds(*ttl) : services::DefaultTokenLifetime, folder,
        request.principal->name, request.peerText(), context.clock());
    if (!created) {
        return HttpResponse::error(created.error());
    }
    auto response = HttpResponse::json(
        201, QJsonObject{{QStringLiteral("id"), created->id},
                         {QStringLiteral("token"), QString::fromLatin1(created->token)},
                         {QStringLiteral("expires"), isoTime(created->expiresAt)}});
    response.headers.emplace_back("Location", QByteArray("/api/v1/enrollment-tokens/")
                                                  + QByteArray::number(created->id));
    return response;
}

HttpResponse enroll(const DeviceRouteContext& context, const HttpRequest& request)
{
    if (request.body.size() > MaxEnrollBodyBytes) {
        return HttpResponse::error(
            413, ErrorCode::FrameTooLarge,
            QStringLiteral("an enrolment request has at most %1 bytes").arg(MaxEnrollBodyBytes));
    }
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    services::EnrollmentRequest enrollment;
    // No token (or an empty one) asks for auto-registration, which the service may refuse.
    enrollment.token = reader.optionalString(u"token").value_or(QString()).toLatin1();
    enrollment.csrPem =
        reader.requireString(u"csr", protocol::JsonReader::Text::NonEmpty).toLatin1();
    enrollment.hostname = reader.requireString(u"hostname", protocol::JsonReader::Text::NonEmpty);
    enrollment.unitId = reader.optionalString(u"unitId").value_or(QString());
    enrollment.agentVersion = reader.optionalString(u"agentVersion").value_or(QString());
    const bool advertises = body->contains(QLatin1String("certificateSupport"));
    const QJsonObject support =
        advertises ? reader.requireObject(u"certificateSupport") : QJsonObject{};
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    if (advertises) {
        auto parsed = protocol::CertificateSupport::fromJson(
            support, QStringLiteral("body.certificateSupport"));
        if (!parsed) {
            return HttpResponse::error(parsed.error());
        }
        enrollment.certificateSupport = *parsed;
    }
    enrollment.peer = request.peerText();
    auto enrolled = context.enrollment.enroll(enrollment);
    if (!enrolled) {
        return HttpResponse::error(enrolled.error());
    }
    const auto& device = enrolled->device;
    context.events.publish(QStringLiteral("created"), QStringLiteral("device"), device.id,
                           services::deviceJson(device, false));
    return HttpResponse::json(
        201,
        QJsonObject{{QStringLiteral("deviceId"), device.id},
                    {QStringLiteral("name"), device.name},
                    {QStringLiteral("certificate"), QString::fromLatin1(enrolled->certificatePem)},
                    {QStringLiteral("caCertificates"),
                     QJsonArray{QString::fromLatin1(context.identity.deviceCa().toPem())}},
                    {QStringLiteral("deviceCommunicationCertificate"),
                     QString::fromLatin1(enrolled->deviceCommunicationPem)}});
}

QJsonObject viewOf(const DeviceRouteContext& context, const db::Device& device)
{
    if (!context.isReachable) {
        return services::deviceJson(device, context.isOnline(device.id));
    }
    return services::deviceJson(device, context.isOnline(device.id),
                                context.isReachable(device.id));
}

/**
 * Only the devices the administrator may browse are listed. When that is every device the
 * database pages as usual; otherwise the list is filtered, then paged.
 * ?folder=ID lists one folder's own devices, ?folder=root those in no folder.
 */
HttpResponse listDevices(const DeviceRouteContext& context, const HttpRequest& request)
{
    auto page = paging(request, context.defaultPageSize, context.maxPageSize);
    if (!page) {
        return HttpResponse::error(page.error());
    }
    std::function<Result<db::Page<db::Device>>(qint64, qint64)> list =
        [&context](qint64 offset, qint64 limit) { return context.devices.list(offset, limit); };
    if (request.query.hasQueryItem(QStringLiteral("folder"))) {
        const QString text = request.query.queryItemValue(QStringLiteral("folder"));
        bool numeric = false;
        const qint64 folder = text.toLongLong(&numeric);
        if (text != QStringLiteral("root") && (!numeric || folder < 1)) {
            return HttpResponse::error(
                400, ErrorCode::InvalidValue,
                QStringLiteral("folder must be a folder id or \"root\", not \"%1\"")
                    .arg(text.left(40)));
        }
        const auto where = numeric ? std::optional<qint64>(folder) : std::nullopt;
        list = [&context, where](qint64 offset, qint64 limit) {
            return context.devices.listInFolder(where, offset, limit);
        };
    }
    auto visible = context.access->nodesWith(request.principal->adminId, QStringLiteral("device"),
                                             access::Right::Browse);
    // The tree holds the devices in the recycle bin too (their own entries still count).
    auto everything = context.devices.listWithBinned(0, 1);
    if (!visible || !everything) {
        return HttpResponse::error(!visible ? visible.error() : everything.error());
    }
    QJsonArray items;
    if (everything->total == visible->size()) { // every device is visible: page in the database
        auto found = list(page->offset, page->limit);
        if (!found) {
            return HttpResponse::error(found.error());
        }
        for (const auto& device : found->items) {
            items.append(viewOf(context, device));
        }
        return pageResponse(items, found->total, *page);
    }
    qint64 seen = 0;
    for (qint64 offset = 0;; offset += context.maxPageSize) {
        auto found = list(offset, context.maxPageSize);
        if (!found) {
            return HttpResponse::error(found.error());
        }
        for (const auto& device : found->items) {
            if (!visible->contains(deviceNode(device.id))) {
                continue;
            }
            if (seen >= page->offset && items.size() < page->limit) {
                items.append(viewOf(context, device));
            }
            ++seen;
        }
        if (found->items.empty() || offset + qint64(found->items.size()) >= found->total) {
            break;
        }
    }
    return pageResponse(items, seen, *page);
}

HttpResponse readDevice(const DeviceRouteContext& context, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return HttpResponse::error(id.error());
    }
    if (auto refused =
            requireRight(*context.access, request, deviceNode(*id), access::Right::Read)) {
        return *refused;
    }
    auto device = deviceFromPath(context.devices, request);
    if (!device) {
        return HttpResponse::error(device.error());
    }
    return HttpResponse::json(200, viewOf(context, *device));
}

} // namespace

Result<db::Device> deviceFromPath(const db::DeviceRepository& devices, const HttpRequest& request)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return id.error();
    }
    return devices.getInUse(*id);
}

void addDeviceRoutes(Router& router, const DeviceRouteContext& context)
{
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/enrollment-tokens"),
                QStringLiteral("Create a one-time enrolment token {\"ttl\"?,\"folder\"?}"), true},
               [context](const HttpRequest& request) { return createToken(context, request); });
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/enrollment-tokens"),
                QStringLiteral("List enrolment tokens (never the tokens themselves; paged)"), true},
               [context](const HttpRequest& request) {
                   if (auto refused = requireRight(*context.access, request, DevicesRoot,
                                                   access::Right::Read)) {
                       return *refused;
                   }
                   auto page = paging(request, context.defaultPageSize, context.maxPageSize);
                   if (!page) {
                       return HttpResponse::error(page.error());
                   }
                   auto found = context.tokens.list(page->offset, page->limit);
                   if (!found) {
                       return HttpResponse::error(found.error());
                   }
                   QJsonArray items;
                   const qint64 now = context.clock();
                   for (const auto& token : found->items) {
                       items.append(tokenJson(token, now));
                   }
                   return pageResponse(items, found->total, *page);
               });
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/enroll"),
                QStringLiteral("Enrol a device with a one-time token and a CSR (no bearer "
                               "token: the enrolment token is the credential; without one, "
                               "auto-registration if the server allows it)"),
                false},
               [context](const HttpRequest& request) { return enroll(context, request); });
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/devices"),
                QStringLiteral("List devices (paged); folder=ID or folder=root lists one "
                               "folder's own devices"),
                true},
               [context](const HttpRequest& request) { return listDevices(context, request); });
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/devices/{id}"),
                QStringLiteral("Read one device"), true},
               [context](const HttpRequest& request) { return readDevice(context, request); });
}

} // namespace steward::server::http
