// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/CaRoutes.h"

#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/AccessService.h"
#include "server/services/CaRollover.h"

#include <QJsonArray>

namespace steward::server::http {
namespace {

Result<bool> forceOf(const HttpRequest& request)
{
    const QString force = request.query.queryItemValue(QStringLiteral("force"));
    if (!force.isEmpty() && force != QLatin1String("true") && force != QLatin1String("false")) {
        return makeError(ErrorCode::InvalidValue, QStringLiteral("force must be true or false"));
    }
    return force == QLatin1String("true");
}

QJsonObject certificateJson(const crypto::Certificate& certificate)
{
    return QJsonObject{{QStringLiteral("subject"), certificate.subject()},
                       {QStringLiteral("sha256"),
                        certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha256)},
                       {QStringLiteral("notAfter"), certificate.notAfter().toString(Qt::ISODate)},
                       {QStringLiteral("pem"), QString::fromLatin1(certificate.toPem())}};
}

HttpResponse stepResponse(const Result<crypto::Certificate>& made)
{
    if (!made) {
        return HttpResponse::error(made.error());
    }
    return HttpResponse::json(200, certificateJson(*made));
}

HttpResponse affectedDevices(services::CaRollover& rollover, const HttpRequest& request)
{
    const QString which = request.query.queryItemValue(QStringLiteral("root"));
    const auto& set = rollover.authorities();
    std::optional<crypto::Certificate> root;
    if (which.isEmpty() || which == QLatin1String("next")) {
        root = set.nextRoot;
    } else if (which == QLatin1String("current")) {
        root = set.root;
    } else {
        return HttpResponse::error(
            makeError(ErrorCode::InvalidValue, QStringLiteral("root must be next or current")));
    }
    if (!root) {
        return HttpResponse::error(makeError(
            ErrorCode::NotFound, QStringLiteral("there is no renewed root (renew it first)")));
    }
    auto untrusting = rollover.notTrusting(*root);
    if (!untrusting) {
        return HttpResponse::error(untrusting.error());
    }
    QJsonArray items;
    for (const auto& [id, name] : untrusting->first) {
        items.append(QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("name"), name}});
    }
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("root"), certificateJson(*root)},
                                               {QStringLiteral("items"), items},
                                               {QStringLiteral("total"), untrusting->count}});
}

} // namespace

void addCaRoutes(Router& router, services::CaRollover& rollover, services::AccessService& access)
{
    const QString base = QStringLiteral("/api/v1/certificate-authorities");
    const auto root = fixedNode(access::rootNode(access::RootId::Certificates));
    const auto actor = [](const HttpRequest& r) { return r.principal->name; };
    router.add({HttpMethod::Get, base, QStringLiteral("The root and device CAs of the rollover")},
               guarded(access, access::Right::Read, root, [&rollover](const HttpRequest&) {
                   auto status = rollover.status();
                   return status ? HttpResponse::json(200, *status)
                                 : HttpResponse::error(status.error());
               }));
    router.add({HttpMethod::Get, base + QStringLiteral("/affected-devices"),
                QStringLiteral("Devices that do not trust a root (?root=next|current)")},
               guarded(access, access::Right::Read, root,
                       [&rollover](const HttpRequest& r) { return affectedDevices(rollover, r); }));
    router.add(
        {HttpMethod::Post, base + QStringLiteral("/root/renew"),
         QStringLiteral("Make a renewed root and distribute it to devices")},
        guarded(access, access::Right::Write, root, [&rollover, actor](const HttpRequest& r) {
            return stepResponse(rollover.renewRoot(actor(r), r.peerText()));
        }));
    router.add(
        {HttpMethod::Post, base + QStringLiteral("/root/activate"),
         QStringLiteral("Issue the web certificate from the renewed root (?force=true)")},
        guarded(access, access::Right::Write, root, [&rollover, actor](const HttpRequest& r) {
            auto force = forceOf(r);
            if (!force) {
                return HttpResponse::error(force.error());
            }
            return stepResponse(rollover.activateRoot(actor(r), r.peerText(), *force));
        }));
    router.add(
        {HttpMethod::Post, base + QStringLiteral("/device-ca/renew"),
         QStringLiteral("Make a new device CA; devices get new client certificates")},
        guarded(access, access::Right::Write, root, [&rollover, actor](const HttpRequest& r) {
            return stepResponse(rollover.renewDeviceCa(actor(r), r.peerText()));
        }));
    router.add(
        {HttpMethod::Post, base + QStringLiteral("/retire-old"),
         QStringLiteral("Retire the old root and device CA (?force=true)")},
        guarded(access, access::Right::Write, root, [&rollover, actor](const HttpRequest& r) {
            auto force = forceOf(r);
            if (!force) {
                return HttpResponse::error(force.error());
            }
            auto retired = rollover.retireOld(actor(r), r.peerText(), *force);
            if (!retired) {
                return HttpResponse::error(retired.error());
            }
            return HttpResponse::json(200, QJsonObject{{QStringLiteral("retired"),
                                                        QJsonArray::fromStringList(*retired)}});
        }));
}

} // namespace steward::server::http
