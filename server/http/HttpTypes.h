// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// HttpTypes - requests and responses as the server's routes see them, free of QtHttpServer.
#pragma once

#include "common/core/Error.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QSslCertificate>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <optional>
#include <vector>

namespace steward::server::http {

enum class HttpMethod { Get, Post, Put, Patch, Delete };

[[nodiscard]] QString methodName(HttpMethod method);

/** Who made an authenticated request; filled in before the handler runs. */
struct Principal {
    qint64 adminId = 0;
    QString name;
    bool superuser = false;
};

struct HttpRequest {
    HttpMethod method = HttpMethod::Get;
    QString path;
    QHash<QString, QString> params; // from {name} segments of the route pattern
    QUrlQuery query;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peer;
    QSslCertificate peerCertificate; // the TLS client certificate, when one was presented
    std::optional<Principal> principal;

    [[nodiscard]] QByteArray header(const QByteArray& name) const; // case-insensitive
    /** The token of an "Authorization: Bearer <token>" header, or empty. */
    [[nodiscard]] QByteArray bearerToken() const;
    [[nodiscard]] QString peerText() const;
};

struct HttpResponse {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    std::vector<std::pair<QByteArray, QByteArray>> headers;

    [[nodiscard]] static HttpResponse json(int status, const QJsonObject& object);
    [[nodiscard]] static HttpResponse json(int status, const QJsonArray& array);
    [[nodiscard]] static HttpResponse text(int status, const QByteArray& body,
                                           const QByteArray& contentType);
    [[nodiscard]] static HttpResponse noContent();
    /** {"error":{"code","message"}} with the HTTP status that fits \a error's code. */
    [[nodiscard]] static HttpResponse error(const Error& error);
    [[nodiscard]] static HttpResponse error(int status, ErrorCode code, const QString& message);
};

/** Delivers a response; routes that finish later (password checks) call it when done. */
using Responder = std::function<void(HttpResponse)>;

/** The reason phrase of an HTTP status, e.g. 404 → "Not Found". */
[[nodiscard]] QByteArray reasonPhrase(int status);

/** The HTTP status for an error code, e.g. NotFound → 404, Conflict → 409. */
[[nodiscard]] int statusFor(ErrorCode code);

} // namespace steward::server::http
