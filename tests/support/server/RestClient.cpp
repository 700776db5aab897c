// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/server/RestClient.h"

#include "common/tls/TlsConfig.h"
#include "tests/support/EventLoop.h"

#include <QNetworkReply>

namespace steward::test {

RestClient::RestClient(quint16 port, QList<QSslCertificate> trusted, QString host)
    : m_port(port), m_trusted(std::move(trusted)), m_host(std::move(host))
{}

RestReply RestClient::send(const QByteArray& verb, const QString& path, const QByteArray& body)
{
    QNetworkRequest request(
        QUrl(QStringLiteral("https://%1:%2%3").arg(m_host).arg(m_port).arg(path)));
    request.setSslConfiguration(tls::clientConfiguration(m_trusted));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + m_token);
    }
    QNetworkReply* reply = m_network.sendCustomRequest(request, verb, body);
    RestReply result;
    if (!waitUntil([reply] { return reply->isFinished(); }, std::chrono::seconds(30))) {
        reply->abort();
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    if (reply->error() != QNetworkReply::NoError && result.status == 0) {
        result.error = reply->errorString();
    }
    reply->deleteLater();
    return result;
}

RestReply RestClient::login(const QString& user, const QString& password)
{
    auto reply =
        post(QStringLiteral("/api/v1/login"),
             QJsonObject{{QStringLiteral("user"), user}, {QStringLiteral("password"), password}});
    if (reply.status == 200) {
        m_token = reply.json().value(QStringLiteral("token")).toString().toLatin1();
    }
    return reply;
}

} // namespace steward::test
