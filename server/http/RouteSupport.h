// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// RouteSupport - what every REST route needs: JSON bodies, ids, paging, time values.
#pragma once

#include "common/core/Result.h"
#include "server/http/HttpTypes.h"

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
 * The one check of who may change folders, profiles and device placement: superusers only,
 * until permissions exist. A 403 response naming \a action, or nullopt when allowed.
 */
[[nodiscard]] std::optional<HttpResponse> refuseUnlessSuperuser(const HttpRequest& request,
                                                                const QString& action);

/** Epoch seconds as ISO 8601 UTC, e.g. "2026-11-23T04:52:00Z". */
[[nodiscard]] QString isoTime(qint64 epochSeconds);

} // namespace steward::server::http
