// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/routes/AuditRoutes.h"

#include "server/http/RouteSupport.h"
#include "server/http/Router.h"
#include "server/services/AuditLog.h"

namespace steward::server::http {
namespace {

std::optional<QString> textFilter(const HttpRequest& request, const QString& key)
{
    if (!request.query.hasQueryItem(key)) {
        return std::nullopt;
    }
    return request.query.queryItemValue(key, QUrl::FullyDecoded);
}

} // namespace

void addAuditRoutes(Router& router, services::AuditLog& audit, int defaultPageSize, int maxPageSize)
{
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/audit"),
                QStringLiteral("Audit log, newest first; filters actor, action, outcome, object, "
                               "from, to (epoch seconds or ISO 8601); paged"),
                true},
               [&audit, defaultPageSize, maxPageSize](const HttpRequest& request) {
                   auto page = paging(request, defaultPageSize, maxPageSize);
                   if (!page) {
                       return HttpResponse::error(page.error());
                   }
                   db::AuditFilter filter;
                   filter.actor = textFilter(request, QStringLiteral("actor"));
                   filter.action = textFilter(request, QStringLiteral("action"));
                   filter.outcome = textFilter(request, QStringLiteral("outcome"));
                   filter.object = textFilter(request, QStringLiteral("object"));
                   auto from = timeParameter(request, QStringLiteral("from"));
                   auto to = timeParameter(request, QStringLiteral("to"));
                   if (!from || !to) {
                       return HttpResponse::error(!from ? from.error() : to.error());
                   }
                   filter.from = *from;
                   filter.to = *to;
                   auto found = audit.query(filter, page->offset, page->limit);
                   if (!found) {
                       return HttpResponse::error(found.error());
                   }
                   QJsonArray items;
                   for (const auto& entry : found->items) {
                       items.append(QJsonObject{{QStringLiteral("id"), entry.id},
                                                {QStringLiteral("at"), isoTime(entry.at)},
                                                {QStringLiteral("actor"), entry.actor},
                                                {QStringLiteral("action"), entry.action},
                                                {QStringLiteral("object"), entry.object},
                                                {QStringLiteral("peer"), entry.peer},
                                                {QStringLiteral("outcome"), entry.outcome},
                                                {QStringLiteral("details"), entry.details}});
                   }
                   return pageResponse(items, found->total, *page);
               });
}

} // namespace steward::server::http
