// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// RouteSupport - what every REST route needs: JSON bodies, ids, paging, time values.
#pragma once

#include "common/core/Result.h"
#include "server/access/Rights.h"
#include "server/http/HttpTypes.h"
#include "server/http/Router.h"

#include <functional>

namespace steward::server::services {
class AccessService;
}

namespace steward::server::http {

struct Paging {
    qint64 offset = 0;
    qint64 limit = 100;
};

/** The request body as one strict JSON object; InvalidArgument/MalformedMessage otherwise. */
[[nodiscard]] Result<QJsonObject> jsonBody(const HttpRequest& request);

/** "offset" and "limit" from the query string, checked against \a maxLimit. */
[[nodiscard]] Result<Paging> paging(const HttpRequest& request, int defaultLimit, int maxLimit);

/** {"items": [...], "total": N, "offset": N, "limit": N} */
[[nodiscard]] HttpResponse pageResponse(const QJsonArray& items, qint64 total, const Paging& page);

/** A positive integer path parameter; NotFound for anything else (the path names nothing). */
[[nodiscard]] Result<qint64> idParameter(const HttpRequest& request, const QString& name);

/** Epoch seconds or ISO 8601 from the query string; absent gives nullopt. */
[[nodiscard]] Result<std::optional<qint64>> timeParameter(const HttpRequest& request,
                                                          const QString& name);

/**
 * The one access check of every route: empty when the request's administrator has \a right on
 * \a node, otherwise the audited 403 {"error":{"code":"forbidden","message":"missing right
 * Shadow on /Devices/Berlin/TC-1"}}.
 */
[[nodiscard]] std::optional<HttpResponse> requireRight(services::AccessService& access,
                                                       const HttpRequest& request,
                                                       const access::NodeRef& node,
                                                       access::Right right);

/** Where a guarded route's right is checked: a fixed node, or one named by the request. */
using NodeOfRequest = std::function<access::NodeRef(const HttpRequest&)>;
/** The device named by the {id} path parameter (an invalid id names no device: "device:0"). */
[[nodiscard]] access::NodeRef deviceInPath(const HttpRequest& request);
/** A fixed node, e.g. fixedNode(rootNode(RootId::Profiles)). */
[[nodiscard]] NodeOfRequest fixedNode(access::NodeRef node);
/** \a handler behind requireRight(\a right on node(request)). */
[[nodiscard]] Handler guarded(services::AccessService& access, access::Right right,
                              NodeOfRequest node, Handler handler);

/** Epoch seconds as ISO 8601 UTC, e.g. "2026-11-23T04:52:00Z". */
[[nodiscard]] QString isoTime(qint64 epochSeconds);

} // namespace steward::server::http
