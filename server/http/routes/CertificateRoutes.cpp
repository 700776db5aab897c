// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/CertificateRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/AccessService.h"
#include "server/services/CertificateStore.h"

#include <QJsonArray>

namespace steward::server::http {
namespace {

using services::CertificateStore;

const QString Kind = QStringLiteral("certificate");

access::NodeRef certificateInPath(const HttpRequest& request)
{
    return {Kind, request.params.value(QStringLiteral("id")).toLongLong()};
}

services::Requester requesterOf(const HttpRequest& request)
{
    return {request.principal->name, request.peerText()};
}

HttpResponse entryResponse(int status, const Result<services::StoredCertificate>& entry)
{
    if (!entry) {
        return HttpResponse::error(entry.error());
    }
    return HttpResponse::json(status, services::certificateJson(*entry, true));
}

HttpResponse listCertificates(CertificateStore& store, services::AccessService& access,
                              const HttpRequest& request)
{
    auto visible = access.nodesWith(request.principal->adminId, Kind, access::Right::Browse);
    auto entries = store.list();
    if (!visible || !entries) {
        return HttpResponse::error(!visible ? visible.error() : entries.error());
    }
    QJsonArray items;
    for (const auto& entry : *entries) {
        if (visible->contains({Kind, entry.row.id})) {
            items.append(services::certificateJson(entry, false));
        }
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items},
                                               {QStringLiteral("total"), qint64(items.size())}});
}

HttpResponse generateCertificate(CertificateStore& store, const HttpRequest& request)
{
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    services::GenerateOptions options;
    options.alias = reader.requireString(u"alias", protocol::JsonReader::Text::NonEmpty);
    options.keySpec = reader.optionalString(u"keySpec").value_or(options.keySpec);
    options.signatureAlgorithm = reader.optionalString(u"signatureAlgorithm").value_or(QString());
    options.commonName = reader.optionalString(u"commonName").value_or(QString());
    options.dnsNames = reader.optionalStringList(u"dnsNames");
    options.validityDays = int(reader.optionalInt(u"validityDays", 1, 36500).value_or(7300));
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    return entryResponse(201, store.generate(options, requesterOf(request)));
}

HttpResponse importCertificate(CertificateStore& store, const HttpRequest& request)
{
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    const QString alias = reader.requireString(u"alias", protocol::JsonReader::Text::NonEmpty);
    const auto pkcs12 = reader.optionalString(u"pkcs12", protocol::JsonReader::Text::NonEmpty);
    const auto password = reader.optionalString(u"password");
    const auto certificate =
        reader.optionalString(u"certificate", protocol::JsonReader::Text::NonEmpty);
    const auto key = reader.optionalString(u"privateKey");
    const auto keyPassword = reader.optionalString(u"keyPassword");
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    if (pkcs12.has_value() == certificate.has_value()) {
        return HttpResponse::error(400, ErrorCode::MissingField,
                                   QStringLiteral("give either body.pkcs12 (base64) with "
                                                  "body.password, or body.certificate (PEM) with "
                                                  "an optional body.privateKey"));
    }
    Result<services::CertificateMaterial> material = makeError(ErrorCode::Internal, {});
    if (pkcs12) {
        const auto decoded = QByteArray::fromBase64Encoding(
            pkcs12->toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        material = decoded ? services::materialFromPkcs12(*decoded, password.value_or(QString()))
                           : Result<services::CertificateMaterial>(
                               makeError(ErrorCode::InvalidValue,
                                         QStringLiteral("body.pkcs12 is not valid base64")));
    } else {
        material =
            services::materialFromPem(certificate->toUtf8(), key.value_or(QString()).toUtf8(),
                                      keyPassword.value_or(QString()));
    }
    return entryResponse(201, store.import(alias, std::move(material), requesterOf(request)));
}

HttpResponse exportCertificate(CertificateStore& store, const HttpRequest& request, qint64 id)
{
    const QString format = request.query.queryItemValue(QStringLiteral("format")).toLower();
    if (!format.isEmpty() && format != QLatin1String("pem") && format != QLatin1String("der")) {
        return HttpResponse::error(
            400, ErrorCode::InvalidValue,
            QStringLiteral("format must be pem or der, not \"%1\"").arg(format.left(20)));
    }
    auto entry = store.get(id);
    if (!entry) {
        return HttpResponse::error(entry.error());
    }
    if (format == QLatin1String("der")) {
        return HttpResponse::text(200, entry->certificate.toDer(), "application/pkix-cert");
    }
    return HttpResponse::text(200, entry->certificate.toPem(), "application/x-pem-file");
}

HttpResponse exportKeyPair(CertificateStore& store, const HttpRequest& request, qint64 id)
{
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    const QString password =
        reader.requireString(u"password", protocol::JsonReader::Text::NonEmpty);
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    auto exported = store.exportKeyPair(id, password, requesterOf(request));
    if (!exported) {
        return HttpResponse::error(exported.error());
    }
    return HttpResponse::text(200, *exported, "application/x-pkcs12");
}

HttpResponse changeCertificate(CertificateStore& store, const HttpRequest& request, qint64 id)
{
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    const bool active = reader.requireBool(u"active");
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    return entryResponse(200, store.setActive(id, active, requesterOf(request)));
}

HttpResponse moveCertificate(CertificateStore& store, const HttpRequest& request, qint64 id)
{
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    const QString direction = reader.requireString(u"direction");
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    if (direction != QLatin1String("up") && direction != QLatin1String("down")) {
        return HttpResponse::error(400, ErrorCode::InvalidValue,
                                   QStringLiteral("body.direction must be \"up\" or \"down\", "
                                                  "not \"%1\"")
                                       .arg(direction.left(20)));
    }
    return entryResponse(200,
                         store.move(id, direction == QLatin1String("up"), requesterOf(request)));
}

/** The devices that use the certificate, those the administrator may browse. */
HttpResponse listDevices(CertificateStore& store, services::AccessService& access,
                         const HttpRequest& request, qint64 id)
{
    auto devices = store.devicesUsing(id);
    auto visible = access.nodesWith(request.principal->adminId, QStringLiteral("device"),
                                    access::Right::Browse);
    if (!devices || !visible) {
        return HttpResponse::error(!devices ? devices.error() : visible.error());
    }
    QJsonArray items;
    for (const auto& [deviceId, name] : *devices) {
        if (visible->contains(access::deviceNode(deviceId))) {
            items.append(
                QJsonObject{{QStringLiteral("id"), deviceId}, {QStringLiteral("name"), name}});
        }
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items},
                                               {QStringLiteral("total"), qint64(devices->size())}});
}

HttpResponse deleteCertificate(CertificateStore& store, services::AccessService& access,
                               const HttpRequest& request, qint64 id)
{
    const QString force = request.query.queryItemValue(QStringLiteral("force"));
    if (!force.isEmpty() && force != QLatin1String("true") && force != QLatin1String("false")) {
        return HttpResponse::error(400, ErrorCode::InvalidValue,
                                   QStringLiteral("force must be true or false"));
    }
    if (auto removed = store.remove(id, force == QLatin1String("true"), requesterOf(request));
        !removed) {
        return HttpResponse::error(removed.error());
    }
    access.invalidate();
    return HttpResponse::noContent();
}

using ById = std::function<HttpResponse(const HttpRequest&, qint64)>;

/** \a handler behind \a right on certificate:{id} and a valid id. */
Handler onCertificate(services::AccessService& access, access::Right right, ById handler)
{
    return guarded(access, right, certificateInPath,
                   [handler = std::move(handler)](const HttpRequest& request) {
                       auto id = idParameter(request, QStringLiteral("id"));
                       if (!id) {
                           return HttpResponse::error(id.error());
                       }
                       return handler(request, *id);
                   });
}

} // namespace

void addCertificateRoutes(Router& router, CertificateStore& store, services::AccessService& access)
{
    const QString base = QStringLiteral("/api/v1/certificates");
    const QString one = base + QStringLiteral("/{id}");
    const auto root = fixedNode(access::rootNode(access::RootId::Certificates));
    router.add(
        {HttpMethod::Get, base, QStringLiteral("List device-communication certificates")},
        [&store, &access](const HttpRequest& r) { return listCertificates(store, access, r); });
    router.add({HttpMethod::Post, base,
                QStringLiteral("Generate a certificate {\"alias\",\"keySpec\"?,"
                               "\"signatureAlgorithm\"?,\"commonName\"?,\"dnsNames\"?,"
                               "\"validityDays\"?}")},
               guarded(access, access::Right::Write, root, [&store, &access](const HttpRequest& r) {
                   auto response = generateCertificate(store, r);
                   access.invalidate();
                   return response;
               }));
    router.add({HttpMethod::Post, base + QStringLiteral("/import"),
                QStringLiteral("Import {\"alias\",\"certificate\",\"privateKey\"?,\"keyPassword\"?}"
                               " or {\"alias\",\"pkcs12\",\"password\"}")},
               guarded(access, access::Right::Write, root, [&store, &access](const HttpRequest& r) {
                   auto response = importCertificate(store, r);
                   access.invalidate();
                   return response;
               }));
    router.add({HttpMethod::Get, one, QStringLiteral("Show a certificate's content")},
               onCertificate(access, access::Right::Read,
                             [&store, &access](const HttpRequest&, qint64 id) {
                                 return entryResponse(200, store.get(id));
                             }));
    router.add({HttpMethod::Get, one + QStringLiteral("/certificate"),
                QStringLiteral("Export the certificate (?format=pem|der)")},
               onCertificate(access, access::Right::Read,
                             [&store, &access](const HttpRequest& r, qint64 id) {
                                 return exportCertificate(store, r, id);
                             }));
    router.add({HttpMethod::Get, one + QStringLiteral("/devices"),
                QStringLiteral("The devices that use a certificate (those one may browse)")},
               onCertificate(access, access::Right::Read,
                             [&store, &access](const HttpRequest& r, qint64 id) {
                                 return listDevices(store, access, r, id);
                             }));
    router.add({HttpMethod::Post, one + QStringLiteral("/key-pair"),
                QStringLiteral("Export certificate and key as PKCS#12 {\"password\"}")},
               onCertificate(access, access::Right::ExportKeys,
                             [&store, &access](const HttpRequest& r, qint64 id) {
                                 return exportKeyPair(store, r, id);
                             }));
    router.add({HttpMethod::Patch, one, QStringLiteral("Activate or deactivate {\"active\"}")},
               onCertificate(access, access::Right::Write,
                             [&store, &access](const HttpRequest& r, qint64 id) {
                                 return changeCertificate(store, r, id);
                             }));
    router.add({HttpMethod::Post, one + QStringLiteral("/move"),
                QStringLiteral("Move one place {\"direction\":\"up\"|\"down\"}")},
               onCertificate(access, access::Right::Write,
                             [&store, &access](const HttpRequest& r, qint64 id) {
                                 return moveCertificate(store, r, id);
                             }));
    router.add({HttpMethod::Delete, one,
                QStringLiteral("Delete a certificate (?force=true while devices use it)")},
               onCertificate(access, access::Right::Write,
                             [&store, &access](const HttpRequest& r, qint64 id) {
                                 return deleteCertificate(store, access, r, id);
                             }));
}

} // namespace steward::server::http
