// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/shadow/ShadowApi.h"

#include "common/tls/TlsConfig.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>
#include <QWebSocket>

namespace steward::console::shadow {
namespace {

Error replyError(int status, const QJsonObject& json, const QString& fallback)
{
    const QJsonObject error = json.value(QStringLiteral("error")).toObject();
    const auto code =
        errorCodeFromName(error.value(QStringLiteral("code")).toString().toStdString());
    const QString message = error.value(QStringLiteral("message")).toString();
    return Error{code.value_or(ErrorCode::Internal),
                 message.isEmpty() ? QStringLiteral("%1 (HTTP %2)").arg(fallback).arg(status)
                                   : message};
}

} // namespace

ShadowApi::ShadowApi(QUrl server, QString fingerprint, QList<QSslCertificate> trustedCas,
                     QObject* parent)
    : QObject(parent), m_server(std::move(server)),
      m_fingerprint(fingerprint.remove(QLatin1Char(':')).toLower().toLatin1()),
      m_trustedCas(std::move(trustedCas))
{}

std::unique_ptr<QWebSocket> ShadowApi::openTunnel(const QString& session) const
{
    QUrl url = m_server;
    url.setScheme(QStringLiteral("wss"));
    url.setPath(QStringLiteral("/tunnel/v1/%1").arg(session));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_token);
    auto socket = std::make_unique<QWebSocket>();
    socket->setSslConfiguration(tls::clientConfiguration(m_trustedCas));
    QWebSocket* raw = socket.get();
    const QByteArray fingerprint = m_fingerprint;
    connect(raw, &QWebSocket::sslErrors, raw, [raw, fingerprint](const QList<QSslError>& errors) {
        // Pinned by fingerprint, as for the REST calls.
        const QSslCertificate presented = raw->sslConfiguration().peerCertificate();
        if (!fingerprint.isEmpty()
            && presented.digest(QCryptographicHash::Sha256).toHex() == fingerprint) {
            raw->ignoreSslErrors(errors);
        }
    });
    socket->open(request);
    return socket;
}

void ShadowApi::call(const QByteArray& verb, const QString& path, const QJsonObject& body,
                     std::function<void(Result<QJsonObject>)> done)
{
    QUrl url = m_server;
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    url.setPath(query < 0 ? path : path.left(query));
    if (query >= 0) {
        url.setQuery(path.mid(query + 1));
    }
    QNetworkRequest request(url);
    request.setSslConfiguration(tls::clientConfiguration(m_trustedCas));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    if (!m_token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + m_token);
    }
    const QByteArray payload =
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkReply* reply = m_network.sendCustomRequest(request, verb, payload);
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError>& errors) {
        // Pinned by fingerprint: only the certificate whose SHA-256 was given is accepted.
        const QSslCertificate presented = reply->sslConfiguration().peerCertificate();
        if (!m_fingerprint.isEmpty()
            && presented.digest(QCryptographicHash::Sha256).toHex() == m_fingerprint) {
            reply->ignoreSslErrors(errors);
        }
    });
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject json = QJsonDocument::fromJson(reply->readAll()).object();
        if (status == 0) {
            const bool tls = reply->error() == QNetworkReply::SslHandshakeFailedError;
            done(makeError(
                tls ? ErrorCode::TlsHandshakeFailed : ErrorCode::ConnectionFailed,
                tls ? QStringLiteral("the server's certificate is not trusted: give "
                                     "--fingerprint with its SHA-256 (%1)")
                          .arg(reply->errorString())
                    : QStringLiteral("cannot reach the server: %1").arg(reply->errorString())));
            return;
        }
        if (status >= 300) {
            done(replyError(status, json, reply->errorString()));
            return;
        }
        done(json);
    });
}

void ShadowApi::login(const QString& user, const QString& password,
                      std::function<void(Result<void>)> done)
{
    call("POST", QStringLiteral("/api/v1/login"),
         QJsonObject{{QStringLiteral("user"), user}, {QStringLiteral("password"), password}},
         [this, done = std::move(done)](Result<QJsonObject> answer) {
             if (!answer) {
                 done(answer.error());
                 return;
             }
             m_token = answer->value(QStringLiteral("token")).toString().toLatin1();
             if (m_token.isEmpty()) {
                 done(makeError(ErrorCode::MalformedMessage,
                                QStringLiteral("the server's login answer has no token")));
                 return;
             }
             done({});
         });
}

void ShadowApi::findDevice(const QString& nameOrId, std::function<void(Result<qint64>)> done)
{
    bool numeric = false;
    const qint64 id = nameOrId.toLongLong(&numeric);
    if (numeric && id > 0) {
        done(id);
        return;
    }
    call("GET", QStringLiteral("/api/v1/devices?limit=1000"), {},
         [nameOrId, done = std::move(done)](Result<QJsonObject> answer) {
             if (!answer) {
                 done(answer.error());
                 return;
             }
             QList<qint64> matches;
             for (const auto& item : answer->value(QStringLiteral("items")).toArray()) {
                 const QJsonObject device = item.toObject();
                 if (device.value(QStringLiteral("name")).toString() == nameOrId) {
                     matches.append(device.value(QStringLiteral("id")).toInteger());
                 }
             }
             if (matches.size() != 1) {
                 done(makeError(matches.isEmpty() ? ErrorCode::NotFound : ErrorCode::Conflict,
                                matches.isEmpty()
                                    ? QStringLiteral("no device is named \"%1\"").arg(nameOrId)
                                    : QStringLiteral("%1 devices are named \"%2\"; give the id")
                                          .arg(matches.size())
                                          .arg(nameOrId)));
                 return;
             }
             done(matches.first());
         });
}

void ShadowApi::requestShadow(qint64 deviceId, const QString& path,
                              std::function<void(Result<QJsonObject>)> done)
{
    call("POST", QStringLiteral("/api/v1/devices/%1/shadow").arg(deviceId),
         QJsonObject{{QStringLiteral("path"), path}}, std::move(done));
}

} // namespace steward::console::shadow
