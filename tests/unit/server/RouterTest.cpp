// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/Router.h"
#include "server/http/HttpApi.h"
#include "tests/support/CatchQt.h"

#include <QJsonDocument>

using namespace steward;
using namespace steward::server::http;

namespace {

HttpResponse ok(const HttpRequest& request)
{
    QJsonObject params;
    for (auto it = request.params.begin(); it != request.params.end(); ++it) {
        params.insert(it.key(), it.value());
    }
    return HttpResponse::json(200, params);
}

QJsonObject bodyOf(const HttpResponse& response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QString errorCode(const HttpResponse& response)
{
    return bodyOf(response)[QStringLiteral("error")][QStringLiteral("code")].toString();
}

} // namespace

TEST_CASE("routes match literal segments and capture parameters", "[unit][http]")
{
    Router router;
    router.add({HttpMethod::Get, QStringLiteral("/api/v1/admins"), QStringLiteral("list"), true},
               ok);
    router.add(
        {HttpMethod::Get, QStringLiteral("/api/v1/admins/{id}"), QStringLiteral("read"), true}, ok);
    router.add(
        {HttpMethod::Delete, QStringLiteral("/api/v1/admins/{id}"), QStringLiteral("del"), true},
        ok);

    const auto read = router.match(HttpMethod::Get, QStringLiteral("/api/v1/admins/42"));
    REQUIRE(std::holds_alternative<RouteMatch>(read));
    CHECK(std::get<RouteMatch>(read).params.value(QStringLiteral("id")) == QStringLiteral("42"));
    CHECK(std::get<RouteMatch>(read).route->spec.summary == QStringLiteral("read"));

    const auto list = router.match(HttpMethod::Get, QStringLiteral("/api/v1/admins/"));
    REQUIRE(std::holds_alternative<RouteMatch>(list));
    CHECK(std::get<RouteMatch>(list).route->spec.summary == QStringLiteral("list"));

    CHECK(std::get<RouteMiss>(router.match(HttpMethod::Put, QStringLiteral("/api/v1/admins/1")))
          == RouteMiss::MethodNotAllowed);
    CHECK(std::get<RouteMiss>(router.match(HttpMethod::Get, QStringLiteral("/api/v1/admins/1/x")))
          == RouteMiss::NotFound);
    CHECK(std::get<RouteMiss>(router.match(HttpMethod::Get, QStringLiteral("/")))
          == RouteMiss::NotFound);
}

TEST_CASE("the OpenAPI document lists every route with its method and parameters", "[unit][http]")
{
    Router router;
    router.add({HttpMethod::Post, QStringLiteral("/api/v1/login"), QStringLiteral("log in"), false},
               ok);
    router.add(
        {HttpMethod::Get, QStringLiteral("/api/v1/admins/{id}"), QStringLiteral("read"), true}, ok);
    const auto doc = router.openApi(QStringLiteral("Steward"), QStringLiteral("1"));
    const auto paths = doc[QStringLiteral("paths")].toObject();
    CHECK(paths.size() == 2);
    CHECK(paths[QStringLiteral("/api/v1/login")][QStringLiteral("post")][QStringLiteral("security")]
              .toArray()
              .isEmpty());
    const auto read =
        paths[QStringLiteral("/api/v1/admins/{id}")][QStringLiteral("get")].toObject();
    CHECK(read[QStringLiteral("parameters")][0][QStringLiteral("name")] == QStringLiteral("id"));
    CHECK_FALSE(read[QStringLiteral("security")].toArray().isEmpty());
}

TEST_CASE("the request pipeline enforces size, routes and authentication", "[unit][http]")
{
    HttpApi api(HttpApi::Limits{64, std::chrono::seconds(10), std::chrono::seconds(60)});
    api.router().add({HttpMethod::Get, QStringLiteral("/open"), QStringLiteral("open"), false}, ok);
    api.router().add(
        {HttpMethod::Get, QStringLiteral("/closed/{x}"), QStringLiteral("closed"), true},
        [](const HttpRequest& request) {
            return HttpResponse::json(
                200, QJsonObject{{QStringLiteral("who"), request.principal->name}});
        });
    api.setAuthenticator([](const HttpRequest& request) -> Result<Principal> {
        if (request.bearerToken() == "good") {
            return Principal{1, QStringLiteral("alice"), true};
        }
        return makeError(ErrorCode::Unauthenticated, QStringLiteral("log in first"));
    });

    HttpRequest request;
    request.path = QStringLiteral("/open");
    CHECK(api.handle(request).status == 200);

    request.body = QByteArray(65, 'x');
    const auto tooBig = api.handle(request);
    CHECK(tooBig.status == 413);
    CHECK(errorCode(tooBig) == QStringLiteral("frame_too_large"));
    request.body.clear();

    request.path = QStringLiteral("/closed/1");
    const auto refused = api.handle(request);
    CHECK(refused.status == 401);
    CHECK(errorCode(refused) == QStringLiteral("unauthenticated"));

    request.headers.emplace_back("authorization", "Bearer good");
    const auto allowed = api.handle(request);
    CHECK(allowed.status == 200);
    CHECK(bodyOf(allowed)[QStringLiteral("who")] == QStringLiteral("alice"));

    request.path = QStringLiteral("/nowhere");
    CHECK(api.handle(request).status == 404);

    const auto& counts = api.requestCounts().byRouteAndStatus;
    CHECK(counts.at({QStringLiteral("/closed/{x}"), 401}) == 1);
    CHECK(counts.at({QStringLiteral("/closed/{x}"), 200}) == 1);
    CHECK(counts.at({QStringLiteral("unmatched"), 404}) == 1);
}

TEST_CASE("error codes map to fitting HTTP statuses", "[unit][http]")
{
    CHECK(statusFor(ErrorCode::NotFound) == 404);
    CHECK(statusFor(ErrorCode::Conflict) == 409);
    CHECK(statusFor(ErrorCode::Unauthenticated) == 401);
    CHECK(statusFor(ErrorCode::NotAuthorised) == 403);
    CHECK(statusFor(ErrorCode::MissingField) == 400);
    CHECK(statusFor(ErrorCode::DatabaseUnavailable) == 503);
    CHECK(statusFor(ErrorCode::Internal) == 500);
}
