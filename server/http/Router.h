// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Router - the table of REST routes: matching, path parameters and the OpenAPI description.
#pragma once

#include "server/http/HttpTypes.h"

#include <functional>
#include <variant>

namespace steward::server::http {

using Handler = std::function<HttpResponse(const HttpRequest&)>;
/** A handler that answers later, from the event loop, by calling the responder once. */
using AsyncHandler = std::function<void(const HttpRequest&, Responder)>;

struct RouteSpec {
    HttpMethod method = HttpMethod::Get;
    QString pattern; // e.g. "/api/v1/admins/{id}"
    QString summary; // one line for the OpenAPI document
    bool authenticated = true;
};

struct Route {
    RouteSpec spec;
    QStringList segments;
    Handler handler;           // set for routes that answer at once ...
    AsyncHandler asyncHandler; // ... or this, for routes that answer later
};

enum class RouteMiss { NotFound, MethodNotAllowed };

struct RouteMatch {
    const Route* route = nullptr;
    QHash<QString, QString> params;
};

class Router {
public:
    /** Adding the same method and pattern twice is a programming error. */
    void add(RouteSpec spec, Handler handler);
    void addAsync(RouteSpec spec, AsyncHandler handler);
    [[nodiscard]] std::variant<RouteMatch, RouteMiss> match(HttpMethod method,
                                                            const QString& path) const;
    [[nodiscard]] const std::vector<Route>& routes() const { return m_routes; }
    /** An OpenAPI 3.0 document listing every route. */
    [[nodiscard]] QJsonObject openApi(const QString& title, const QString& version) const;

private:
    void insert(Route route);

    std::vector<Route> m_routes;
};

} // namespace steward::server::http
