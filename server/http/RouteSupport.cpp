// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/RouteSupport.h"

#include "common/protocol/StrictJson.h"

#include <QDateTime>

namespace steward::server::http {

Result<QJsonObject> jsonBody(const HttpRequest& request)
{
    if (request.body.trimmed().isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("this request needs a JSON object as its body"));
    }
    auto object = protocol::parseStrictJsonObject(request.body);
    if (!object) {
        return makeError(ErrorCode::MalformedMessage,
                         QStringLiteral("the body is not one JSON object: ")
                             + object.error().message);
    }
    return *object;
}

Result<Paging> paging(const HttpRequest& request, int defaultLimit, int maxLimit)
{
    Paging page;
    page.limit = defaultLimit;
    const auto read = [&](const QString& key, qint64& target, qint64 min,
                          qint64 max) -> Result<void> {
        if (!request.query.hasQueryItem(key)) {
            return {};
        }
        bool ok = false;
        const qint64 value = request.query.queryItemValue(key).toLongLong(&ok);
        if (!ok || value < min || value > max) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("%1 must be a whole number from %2 to %3")
                                 .arg(key)
                                 .arg(min)
                                 .arg(max));
        }
        target = value;
        return {};
    };
    if (auto r = read(QStringLiteral("offset"), page.offset, 0, std::numeric_limits<qint32>::max());
        !r) {
        return r.error();
    }
    if (auto r = read(QStringLiteral("limit"), page.limit, 1, maxLimit); !r) {
        return r.error();
    }
    return page;
}

HttpResponse pageResponse(const QJsonArray& items, qint64 total, const Paging& page)
{
    return HttpResponse::json(200, QJsonObject{{QStringLiteral("items"), items},
                                               {QStringLiteral("total"), total},
                                               {QStringLiteral("offset"), page.offset},
                                               {QStringLiteral("limit"), page.limit}});
}

Result<qint64> idParameter(const HttpRequest& request, const QString& name)
{
    bool ok = false;
    const qint64 id = request.params.value(name).toLongLong(&ok);
    if (!ok || id <= 0) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("\"%1\" is not an id").arg(request.params.value(name)));
    }
    return id;
}

Result<std::optional<qint64>> timeParameter(const HttpRequest& request, const QString& name)
{
    if (!request.query.hasQueryItem(name)) {
        return std::optional<qint64>{};
    }
    const QString text = request.query.queryItemValue(name);
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok) {
        return std::optional<qint64>{seconds};
    }
    const QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid()) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("%1 must be epoch seconds or an ISO 8601 time").arg(name));
    }
    return std::optional<qint64>{time.toSecsSinceEpoch()};
}

std::optional<HttpResponse> refuseUnlessSuperuser(const HttpRequest& request, const QString& action)
{
    if (request.principal && request.principal->superuser) {
        return std::nullopt;
    }
    return HttpResponse::error(403, ErrorCode::NotAuthorised,
                               QStringLiteral("only a superuser may %1").arg(action));
}

QString isoTime(qint64 epochSeconds)
{
    return QDateTime::fromSecsSinceEpoch(epochSeconds, Qt::UTC).toString(Qt::ISODate);
}

} // namespace steward::server::http
