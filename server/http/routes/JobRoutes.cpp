// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/JobRoutes.h"

#include "common/protocol/JsonReader.h"
#include "server/db/JobRepository.h"
#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/AccessService.h"
#include "server/services/CommandService.h"
#include "server/services/JobService.h"

#include <QDateTime>
#include <QJsonArray>

namespace steward::server::http {
namespace {

const access::NodeRef JobsRoot = access::rootNode(access::RootId::Jobs);

services::Requester requesterOf(const HttpRequest& request)
{
    return {request.principal->name, request.peerText()};
}

bool mayAll(const JobRouteContext& context, const HttpRequest& request, access::Right right)
{
    return request.principal->superuser
           || context.access.allowed(request.principal->adminId, JobsRoot, right);
}

// The job named by the path when the request may \a right it (or created it).
Result<db::Job> jobOf(const JobRouteContext& context, const HttpRequest& request,
                      access::Right right)
{
    auto id = idParameter(request, QStringLiteral("id"));
    if (!id) {
        return id.error();
    }
    auto job = context.jobs.findById(*id);
    if (!job) {
        return job.error();
    }
    if (job->has_value() && (*job)->createdBy == request.principal->name) {
        return **job;
    }
    if (auto granted =
            context.access.require(*request.principal, JobsRoot, right, request.peerText());
        !granted) {
        return granted.error();
    }
    if (!job->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no job %1").arg(*id));
    }
    return **job;
}

Result<std::optional<qint64>> runAtOf(const QJsonObject& body)
{
    const QJsonValue value = body.value(QLatin1String("runAt"));
    if (value.isUndefined() || value.isNull()) {
        return std::optional<qint64>{};
    }
    // Epoch seconds up to the year 5138: anything larger is not a time.
    if (value.isDouble() && value.toDouble() >= 0 && value.toDouble() < 1e11) {
        return std::optional<qint64>{qint64(value.toDouble())};
    }
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODate);
    if (!value.isString() || !time.isValid() || time.timeSpec() == Qt::LocalTime) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("runAt must be epoch seconds or an ISO 8601 time with a "
                                        "zone, e.g. \"2026-12-24T18:30:00Z\""));
    }
    return std::optional<qint64>{time.toSecsSinceEpoch()};
}

HttpResponse createJob(const JobRouteContext& context, const HttpRequest& request)
{
    auto body = jsonBody(request);
    if (!body) {
        return HttpResponse::error(body.error());
    }
    const QStringList known{QStringLiteral("name"),  QStringLiteral("kind"),
                            QStringLiteral("args"),  QStringLiteral("target"),
                            QStringLiteral("runAt"), QStringLiteral("ttl")};
    for (auto it = body->begin(); it != body->end(); ++it) {
        if (!known.contains(it.key())) {
            return HttpResponse::error(
                makeError(ErrorCode::InvalidValue,
                          QStringLiteral("%1 is not a job field; use %2")
                              .arg(it.key().left(64), known.join(QStringLiteral(", ")))));
        }
    }
    protocol::JsonReader reader(*body);
    services::JobRequest job;
    job.name = reader.optionalString(u"name").value_or(QString());
    job.kind = reader.requireString(u"kind", protocol::JsonReader::Text::NonEmpty);
    job.args =
        body->contains(QLatin1String("args")) ? reader.requireObject(u"args") : QJsonObject{};
    job.target = reader.requireObject(u"target");
    job.ttl = reader.optionalInt(u"ttl", 1, services::MaxCommandLifetime.count());
    if (!reader.ok()) {
        return HttpResponse::error(*reader.error());
    }
    auto runAt = runAtOf(*body);
    if (!runAt) {
        return HttpResponse::error(runAt.error());
    }
    job.runAt = *runAt;
    auto created = context.service.create(job, request.principal->adminId, requesterOf(request));
    if (!created) {
        return HttpResponse::error(created.error());
    }
    auto json = context.service.jobJson(*created, true);
    if (!json) {
        return HttpResponse::error(json.error());
    }
    auto response = HttpResponse::json(201, *json);
    response.headers.emplace_back("Location",
                                  QByteArray("/api/v1/jobs/") + QByteArray::number(created->id));
    return response;
}

HttpResponse listJobs(const JobRouteContext& context, const HttpRequest& request)
{
    auto page = paging(request, context.defaultPageSize, context.maxPageSize);
    if (!page) {
        return HttpResponse::error(page.error());
    }
    const QString only =
        mayAll(context, request, access::Right::Read) ? QString() : request.principal->name;
    auto found = context.jobs.list(page->offset, page->limit, only);
    if (!found) {
        return HttpResponse::error(found.error());
    }
    QJsonArray items;
    for (const auto& job : found->items) {
        auto json = context.service.jobJson(job, false);
        if (!json) {
            return HttpResponse::error(json.error());
        }
        items.append(*json);
    }
    return pageResponse(items, found->total, *page);
}

HttpResponse readJob(const JobRouteContext& context, const HttpRequest& request)
{
    auto job = jobOf(context, request, access::Right::Read);
    if (!job) {
        return HttpResponse::error(job.error());
    }
    auto json = context.service.jobJson(*job, true);
    return json ? HttpResponse::json(200, *json) : HttpResponse::error(json.error());
}

HttpResponse cancelJob(const JobRouteContext& context, const HttpRequest& request)
{
    auto job = jobOf(context, request, access::Right::Write);
    if (!job) {
        return HttpResponse::error(job.error());
    }
    auto cancelled = context.service.cancel(job->id, requesterOf(request));
    if (!cancelled) {
        return HttpResponse::error(cancelled.error());
    }
    auto json = context.service.jobJson(cancelled->job, true);
    if (!json) {
        return HttpResponse::error(json.error());
    }
    json->insert(QStringLiteral("cancelledNow"), cancelled->cancelled);
    json->insert(QStringLiteral("alreadyReached"), cancelled->reached);
    return HttpResponse::json(200, *json);
}

HttpResponse deleteJob(const JobRouteContext& context, const HttpRequest& request)
{
    auto job = jobOf(context, request, access::Right::Write);
    if (!job) {
        return HttpResponse::error(job.error());
    }
    auto removed = context.service.remove(job->id, requesterOf(request));
    return removed ? HttpResponse::noContent() : HttpResponse::error(removed.error());
}

} // namespace

void addJobRoutes(Router& router, const JobRouteContext& context)
{
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/jobs"),
                QStringLiteral("Create a job {\"kind\",\"target\",\"name\"?,\"runAt\"?,\"ttl\"?}: "
                               "reboot, shutdown, push-settings or wake on {\"devices\":[ids]}, "
                               "{\"folder\":id,\"subfolders\"?} or {\"view\":id}, now or at "
                               "runAt; needs Commands on every target device"),
                true},
               [context](const HttpRequest& request) { return createJob(context, request); });
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/jobs"),
                QStringLiteral("List jobs, newest first, with counts and progress (paged)"), true},
               [context](const HttpRequest& request) { return listJobs(context, request); });
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/jobs/{id}"),
                QStringLiteral("Read a job with each device's state (queued, sent, done, failed, "
                               "cancelled)"),
                true},
               [context](const HttpRequest& request) { return readJob(context, request); });
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/jobs/{id}/cancel"),
                QStringLiteral("Cancel a scheduled or running job: devices not yet reached are "
                               "cancelled; reports cancelledNow and alreadyReached"),
                true},
               [context](const HttpRequest& request) { return cancelJob(context, request); });
    router.add({HttpMethod::Delete, QStringLiteral("/api/v1/jobs/{id}"),
                QStringLiteral("Delete a finished or cancelled job"), true},
               [context](const HttpRequest& request) { return deleteJob(context, request); });
}

} // namespace steward::server::http
