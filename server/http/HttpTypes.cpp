// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/http/HttpTypes.h"

#include <QJsonDocument>

namespace steward::server::http {

QString methodName(HttpMethod method)
{
    switch (method) {
    case HttpMethod::Get:
        return QStringLiteral("GET");
    case HttpMethod::Post:
        return QStringLiteral("POST");
    case HttpMethod::Put:
        return QStringLiteral("PUT");
    case HttpMethod::Patch:
        return QStringLiteral("PATCH");
    case HttpMethod::Delete:
        return QStringLiteral("DELETE");
    }
    Q_UNREACHABLE();
}

QByteArray HttpRequest::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

QByteArray HttpRequest::bearerToken() const
{
    const QByteArray value = header("Authorization").trimmed();
    if (value.size() > 7 && value.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0) {
        return value.mid(7).trimmed();
    }
    return {};
}

QString HttpRequest::peerText() const
{
    QHostAddress address = peer;
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (mapped) {
        address = QHostAddress(v4);
    }
    return address.toString();
}

HttpResponse HttpResponse::json(int status, const QJsonObject& object)
{
    return {status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact), {}};
}

HttpResponse HttpResponse::json(int status, const QJsonArray& array)
{
    return {status, "application/json", QJsonDocument(array).toJson(QJsonDocument::Compact), {}};
}

HttpResponse HttpResponse::text(int status, const QByteArray& body, const QByteArray& contentType)
{
    return {status, contentType, body, {}};
}

HttpResponse HttpResponse::noContent()
{
    return {204, {}, {}, {}};
}

HttpResponse HttpResponse::error(const Error& error)
{
    return HttpResponse::error(statusFor(error.code), error.code, error.message);
}

HttpResponse HttpResponse::error(int status, ErrorCode code, const QString& message)
{
    const auto name = errorCodeName(code);
    return json(status,
                QJsonObject{{QStringLiteral("error"),
                             QJsonObject{{QStringLiteral("code"),
                                          QString::fromLatin1(name.data(), qsizetype(name.size()))},
                                         {QStringLiteral("message"), message}}}});
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Content Too Large";
    case 423:
        return "Locked";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

int statusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::MalformedMessage:
    case ErrorCode::MissingField:
    case ErrorCode::WrongFieldType:
    case ErrorCode::InvalidValue:
    case ErrorCode::WeakSignature:
    case ErrorCode::ChainNotAllowed:
    case ErrorCode::InvalidCertificate:
    case ErrorCode::UnsupportedAlgorithm:
    case ErrorCode::BadPassword:
    case ErrorCode::KeyMismatch:
    case ErrorCode::SignatureInvalid:
        return 400;
    case ErrorCode::Unauthenticated:
        return 401;
    case ErrorCode::NotAuthorised:
    case ErrorCode::UntrustedCertificate:
    case ErrorCode::CertificateExpired:
    case ErrorCode::PeerCertificateMissing:
    case ErrorCode::PeerCertificateMismatch:
    case ErrorCode::OverwriteRefused:
        return 403;
    case ErrorCode::NotFound:
    case ErrorCode::FileNotFound:
        return 404;
    case ErrorCode::AlreadyExists:
    case ErrorCode::Conflict:
        return 409;
    case ErrorCode::FrameTooLarge:
        return 413;
    case ErrorCode::AccountLocked:
        return 423;
    case ErrorCode::DatabaseUnavailable:
        return 503;
    default:
        return 500;
    }
}

} // namespace steward::server::http
