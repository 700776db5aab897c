// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/WebCertificateRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/AccessService.h"
#include "server/services/WebCertificateStore.h"

#include <QJsonArray>

namespace steward::server::http {
namespace {

using services::WebCertificateStore;

services::Requester requesterOf(const HttpRequest& request)
{
    return {request.principal->name, request.peerText()};
}

HttpResponse entryResponse(int status, const Result<services::StoredWebCertificate>& entry)
{
    if (!entry) {
        return HttpResponse::error(entry.error());
    }
    return HttpResponse::json(status, services::webCertificateJson(*entry, true));
}

HttpResponse listCertificates(WebCertificateStore& store)
{
    auto entries = store.list();
    if (!entries) {
        return HttpResponse::error(entries.error());
    }
    QJsonArray items;
    for (const auto& entry : *entries) {
        items.append(services::webCertificateJson(entry, false));
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items},
                                               {QStringLiteral("total"), qint64(items.size())}});
}

/** Every name the server has, split into those a certificate may carry and the others. */
HttpResponse listHostNames(const std::function<services::WebNames()>& hostNames)
{
    QJsonArray offered;
    QJsonArray excluded;
    for (const QString& name : services::hostNameList(hostNames())) {
        const QString problem = services::hostNameProblem(name);
        if (problem.isEmpty()) {
            offered.append(name);
        } else {
            excluded.append(
                QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("reason"), problem}});
        }
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("names"), offered},
                                               {QStringLiteral("excluded"), excluded}});
}

HttpResponse createCertificate(WebCertificateStore& store, const HttpRequest& request)
{
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    services::WebCertificateOptions options;
    options.alias = reader.requireString(u"alias", protocol::JsonReader::Text::NonEmpty);
    options.hostNames =
        reader.requireStringList(u"hostNames", protocol::JsonReader::Text::AllowEmpty);
    options.keySpec = reader.optionalString(u"keySpec").value_or(options.keySpec);
    options.validityDays =
        int(reader.optionalInt(u"validityDays", 1, 3650).value_or(options.validityDays));
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    return entryResponse(201, store.create(options, requesterOf(request)));
}

HttpResponse importCertificate(WebCertificateStore& store, const HttpRequest& request)
{
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    protocol::JsonReader reader(*body);
    const QString alias = reader.requireString(u"alias", protocol::JsonReader::Text::NonEmpty);
    const auto pkcs12 = reader.optionalString(u"pkcs12", protocol::JsonReader::Text::NonEmpty);
    const auto password = reader.optionalString(u"password");
    const auto chain = reader.optionalString(u"certificate", protocol::JsonReader::Text::NonEmpty);
    const auto key = reader.optionalString(u"privateKey");
    const auto keyPassword = reader.optionalString(u"keyPassword");
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    if (pkcs12.has_value() == chain.has_value()) {
        return HttpResponse::error(400, ErrorCode::MissingField,
                                   QStringLiteral("give either body.pkcs12 (base64) with "
                                                  "body.password, or body.certificate (PEM: the "
                                                  "leaf, then its chain up to the root) with "
                                                  "body.privateKey"));
    }
    Result<services::WebMaterial> material = makeError(ErrorCode::Internal, {});
    if (pkcs12) {
        const auto decoded = QByteArray::fromBase64Encoding(
            pkcs12->toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        material = decoded ? services::webMaterialFromPkcs12(*decoded, password.value_or(QString()))
                           : Result<services::WebMaterial>(
                               makeError(ErrorCode::InvalidValue,
                                         QStringLiteral("body.pkcs12 is not valid base64")));
    } else {
        material = services::webMaterialFromPem(chain->toUtf8(), key.value_or(QString()).toUtf8(),
                                                keyPassword.value_or(QString()));
    }
    return entryResponse(201, store.import(alias, std::move(material), requesterOf(request)));
}

HttpResponse renewCertificate(WebCertificateStore& store, const HttpRequest& request, qint64 id)
{
    std::optional<int> days;
    if (!request.body.trimmed().isEmpty()) {
        auto body = jsonBody(request);
        if (!body) {
            return HttpResponse::error(body.error());
        }
        protocol::JsonReader reader(*body);
        if (const auto value = reader.optionalInt(u"validityDays", 1, 3650)) {
            days = int(*value);
        }
        if (!reader.ok()) {
            return HttpResponse::error(*reader.error());
        }
    }
    return entryResponse(200, store.renew(id, days, requesterOf(request)));
}

HttpResponse assignCertificate(WebCertificateStore& store, const HttpRequest& request, qint64 id)
{
    bool force = false;
    if (!request.body.trimmed().isEmpty()) {
        auto body = jsonBody(request);
        if (!body) {
            return HttpResponse::error(body.error());
        }
        protocol::JsonReader reader(*body);
        force = reader.optionalBool(u"force").value_or(false);
        if (!reader.ok()) {
            return HttpResponse::error(*reader.error());
        }
    }
    services::AffectedDevices affected;
    auto assigned = store.assign(id, force, requesterOf(request), &affected);
    if (!assigned && affected.count > 0) {
        QJsonObject error = services::affectedDevicesJson(affected);
        error.insert(QStringLiteral("code"), QStringLiteral("devices_do_not_trust"));
        error.insert(QStringLiteral("message"), assigned.error().message);
        return HttpResponse::json(409, QJsonObject{{QStringLiteral("error"), error}});
    }
    return entryResponse(200, assigned);
}

HttpResponse distributeRoot(WebCertificateStore& store, const HttpRequest& request, qint64 id)
{
    auto distributed = store.distributeRoot(id, requesterOf(request));
    if (!distributed) {
        return HttpResponse::error(distributed.error());
    }
    auto entry = store.get(id);
    auto affected = store.affectedDevices(id);
    if (!entry || !affected) {
        return HttpResponse::error(!entry ? entry.error() : affected.error());
    }
    // The devices listed have not confirmed the root yet; they do as they get it.
    QJsonObject body = services::affectedDevicesJson(*affected);
    body.insert(QStringLiteral("root"), entry->root().subject());
    body.insert(QStringLiteral("sha256"),
                entry->root().fingerprintText(crypto::FingerprintAlgorithm::Sha256));
    body.insert(QStringLiteral("added"), *distributed);
    return HttpResponse::json(200, body);
}

HttpResponse affectedDevices(WebCertificateStore& store, qint64 id)
{
    auto affected = store.affectedDevices(id);
    if (!affected) {
        return HttpResponse::error(affected.error());
    }
    return HttpResponse::json(200, services::affectedDevicesJson(*affected));
}

using ById = std::function<HttpResponse(const HttpRequest&, qint64)>;

/** \a handler behind \a right on root:certificates and a valid id. */
Handler onCertificate(services::AccessService& access, access::Right right, ById handler)
{
    return guarded(access, right, fixedNode(access::rootNode(access::RootId::Certificates)),
                   [handler = std::move(handler)](const HttpRequest& request) {
                       auto id = idParameter(request, QStringLiteral("id"));
                       if (!id) {
                           return HttpResponse::error(id.error());
                       }
                       return handler(request, *id);
                   });
}

} // namespace

void addWebCertificateRoutes(Router& router, WebCertificateStore& store,
                             services::AccessService& access,
                             std::function<services::WebNames()> hostNames)
{
    const QString base = QStringLiteral("/api/v1/web-certificates");
    const QString one = base + QStringLiteral("/{id}");
    const auto root = fixedNode(access::rootNode(access::RootId::Certificates));
    const auto read = access::Right::Read;
    const auto write = access::Right::Write;
    router.add({HttpMethod::Get, base, QStringLiteral("List web certificates")},
               guarded(access, read, root,
                       [&store](const HttpRequest&) { return listCertificates(store); }));
    router.add({HttpMethod::Get, base + QStringLiteral("/host-names"),
                QStringLiteral("The names and addresses the server has, for a new certificate")},
               guarded(access, read, root, [hostNames = std::move(hostNames)](const HttpRequest&) {
                   return listHostNames(hostNames);
               }));
    router.add({HttpMethod::Post, base,
                QStringLiteral("Create a certificate signed by the Steward root {\"alias\","
                               "\"hostNames\",\"keySpec\"?,\"validityDays\"?}")},
               guarded(access, write, root,
                       [&store](const HttpRequest& r) { return createCertificate(store, r); }));
    router.add({HttpMethod::Post, base + QStringLiteral("/import"),
                QStringLiteral("Import {\"alias\",\"certificate\",\"privateKey\","
                               "\"keyPassword\"?} or {\"alias\",\"pkcs12\",\"password\"}")},
               guarded(access, write, root,
                       [&store](const HttpRequest& r) { return importCertificate(store, r); }));
    router.add({HttpMethod::Get, one, QStringLiteral("Show a web certificate")},
               onCertificate(access, read, [&store](const HttpRequest&, qint64 id) {
                   return entryResponse(200, store.get(id));
               }));
    router.add({HttpMethod::Get, one + QStringLiteral("/affected-devices"),
                QStringLiteral("The enrolled devices that would not trust its root")},
               onCertificate(access, read, [&store](const HttpRequest&, qint64 id) {
                   return affectedDevices(store, id);
               }));
    router.add({HttpMethod::Post, one + QStringLiteral("/renew"),
                QStringLiteral("Renew: same names, new key and validity {\"validityDays\"?}")},
               onCertificate(access, write, [&store](const HttpRequest& r, qint64 id) {
                   return renewCertificate(store, r, id);
               }));
    router.add({HttpMethod::Post, one + QStringLiteral("/distribute-root"),
                QStringLiteral("Get devices to trust its root: distribute it with the trust "
                               "update")},
               onCertificate(access, write, [&store](const HttpRequest& r, qint64 id) {
                   return distributeRoot(store, r, id);
               }));
    router.add({HttpMethod::Post, one + QStringLiteral("/assign"),
                QStringLiteral("Make it the certificate in use {\"force\"?}")},
               onCertificate(access, write, [&store](const HttpRequest& r, qint64 id) {
                   return assignCertificate(store, r, id);
               }));
    router.add({HttpMethod::Delete, one, QStringLiteral("Delete a web certificate not in use")},
               onCertificate(access, write, [&store](const HttpRequest& r, qint64 id) {
                   if (auto removed = store.remove(id, requesterOf(r)); !removed) {
                       return HttpResponse::error(removed.error());
                   }
                   return HttpResponse::noContent();
               }));
}

} // namespace steward::server::http
