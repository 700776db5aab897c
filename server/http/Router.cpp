// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/Router.h"

namespace steward::server::http {
namespace {

QStringList splitPath(const QString& path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

bool isParameter(const QString& segment)
{
    return segment.size() > 2 && segment.startsWith(QLatin1Char('{'))
           && segment.endsWith(QLatin1Char('}'));
}

bool matches(const Route& route, const QStringList& parts, QHash<QString, QString>& params)
{
    if (route.segments.size() != parts.size()) {
        return false;
    }
    QHash<QString, QString> found;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString& segment = route.segments[i];
        if (isParameter(segment)) {
            found.insert(segment.mid(1, segment.size() - 2), parts[i]);
        } else if (segment != parts[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

QJsonObject operationFor(const Route& route)
{
    QJsonObject operation{{QStringLiteral("summary"), route.spec.summary}};
    QJsonArray parameters;
    for (const auto& segment : route.segments) {
        if (isParameter(segment)) {
            parameters.append(
                QJsonObject{{QStringLiteral("name"), segment.mid(1, segment.size() - 2)},
                            {QStringLiteral("in"), QStringLiteral("path")},
                            {QStringLiteral("required"), true},
                            {QStringLiteral("schema"),
                             QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}});
        }
    }
    if (!parameters.isEmpty()) {
        operation.insert(QStringLiteral("parameters"), parameters);
    }
    operation.insert(QStringLiteral("security"),
                     route.spec.authenticated
                         ? QJsonArray{QJsonObject{{QStringLiteral("bearer"), QJsonArray{}}}}
                         : QJsonArray{});
    operation.insert(
        QStringLiteral("responses"),
        QJsonObject{{QStringLiteral("default"),
                     QJsonObject{{QStringLiteral("description"),
                                  QStringLiteral("JSON; errors are "
                                                 "{\"error\":{\"code\",\"message\"}}")}}}});
    return operation;
}

} // namespace

void Router::add(RouteSpec spec, Handler handler)
{
    insert(Route{std::move(spec), {}, std::move(handler), {}});
}

void Router::addAsync(RouteSpec spec, AsyncHandler handler)
{
    insert(Route{std::move(spec), {}, {}, std::move(handler)});
}

void Router::insert(Route route)
{
    route.segments = splitPath(route.spec.pattern);
    for (const auto& existing : m_routes) {
        Q_ASSERT(existing.spec.method != route.spec.method
                 || existing.spec.pattern != route.spec.pattern);
    }
    m_routes.push_back(std::move(route));
}

std::variant<RouteMatch, RouteMiss> Router::match(HttpMethod method, const QString& path) const
{
    const QStringList parts = splitPath(path);
    bool pathKnown = false;
    for (const auto& route : m_routes) {
        QHash<QString, QString> params;
        if (!matches(route, parts, params)) {
            continue;
        }
        pathKnown = true;
        if (route.spec.method == method) {
            return RouteMatch{&route, std::move(params)};
        }
    }
    return pathKnown ? RouteMiss::MethodNotAllowed : RouteMiss::NotFound;
}

QJsonObject Router::openApi(const QString& title, const QString& version) const
{
    QJsonObject paths;
    for (const auto& route : m_routes) {
        QJsonObject item = paths.value(route.spec.pattern).toObject();
        item.insert(methodName(route.spec.method).toLower(), operationFor(route));
        paths.insert(route.spec.pattern, item);
    }
    return QJsonObject{
        {QStringLiteral("openapi"), QStringLiteral("3.0.3")},
        {QStringLiteral("info"),
         QJsonObject{{QStringLiteral("title"), title}, {QStringLiteral("version"), version}}},
        {QStringLiteral("paths"), paths},
        {QStringLiteral("components"),
         QJsonObject{
             {QStringLiteral("securitySchemes"),
              QJsonObject{{QStringLiteral("bearer"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("http")},
                                       {QStringLiteral("scheme"), QStringLiteral("bearer")}}}}}}},
    };
}

} // namespace steward::server::http
