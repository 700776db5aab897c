// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/StatsRoutes.h"

#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/AccessService.h"
#include "server/services/DeviceCountSampler.h"

#include <QDateTime>
#include <QJsonArray>

namespace steward::server::http {
namespace {

constexpr qint64 DefaultSpan = 24 * 3600;

/** ?since= as epoch seconds or ISO 8601 UTC; a day ago when absent. */
Result<qint64> sinceParameter(const HttpRequest& request, qint64 now)
{
    if (!request.query.hasQueryItem(QStringLiteral("since"))) {
        return now - DefaultSpan;
    }
    const QString text = request.query.queryItemValue(QStringLiteral("since"), QUrl::FullyDecoded);
    bool number = false;
    const qint64 seconds = text.toLongLong(&number);
    if (number && seconds >= 0) {
        return seconds;
    }
    const QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    if (!number && time.isValid()) {
        return time.toSecsSinceEpoch();
    }
    return makeError(ErrorCode::InvalidValue,
                     QStringLiteral("since must be epoch seconds or an ISO 8601 time, e.g. "
                                    "2026-12-01T00:00:00Z; \"%1\" is neither")
                         .arg(text));
}

HttpResponse deviceCounts(services::DeviceCountSampler& sampler, const HttpRequest& request,
                          qint64 now)
{
    auto since = sinceParameter(request, now);
    if (!since) {
        return HttpResponse::error(since.error());
    }
    auto samples = sampler.history(*since);
    if (!samples) {
        return HttpResponse::error(samples.error());
    }
    QJsonArray items;
    for (const auto& sample : *samples) {
        items.append(QJsonObject{{QStringLiteral("at"), isoTime(sample.at)},
                                 {QStringLiteral("total"), sample.total},
                                 {QStringLiteral("online"), sample.online},
                                 {QStringLiteral("offline"), sample.total - sample.online}});
    }
    return HttpResponse::json(
        200, QJsonObject{{QStringLiteral("items"), items},
                         {QStringLiteral("since"), isoTime(*since)},
                         {QStringLiteral("intervalSeconds"), qint64(sampler.interval().count())}});
}

} // namespace

void addStatsRoutes(Router& router, services::DeviceCountSampler& sampler,
                    services::AccessService& access, services::Clock clock)
{
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/stats/devices"),
                QStringLiteral("Total, online and offline devices over time, oldest first; "
                               "?since=EPOCH|ISO8601 (default: a day ago)"),
                true},
               guarded(access, access::Right::Read,
                       fixedNode(access::rootNode(access::RootId::Devices)),
                       [&sampler, clock](const HttpRequest& request) {
                           return deviceCounts(sampler, request, clock());
                       }));
}

} // namespace steward::server::http
