// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// RestClient - a small blocking JSON client for tests, trusting only the given CA.
#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSslCertificate>

namespace steward::test {

struct RestReply {
    int status = 0; // 0: no HTTP answer (see error)
    QByteArray body;
    QString error;
    [[nodiscard]] QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    [[nodiscard]] QString errorCode() const
    {
        return json()
            .value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    }
};

class RestClient {
public:
    RestClient(quint16 port, QList<QSslCertificate> trusted,
               QString host = QStringLiteral("localhost"));

    void setToken(const QByteArray& token) { m_token = token; }
    [[nodiscard]] const QByteArray& token() const { return m_token; }
    [[nodiscard]] RestReply send(const QByteArray& verb, const QString& path,
                                 const QByteArray& body = {});
    [[nodiscard]] RestReply get(const QString& path) { return send("GET", path); }
    [[nodiscard]] RestReply post(const QString& path, const QJsonObject& body)
    {
        return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    [[nodiscard]] RestReply patch(const QString& path, const QJsonObject& body)
    {
        return send("PATCH", path, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    /** Logs in and keeps the token; returns the reply. */
    RestReply login(const QString& user, const QString& password);

private:
    QNetworkAccessManager m_network;
    quint16 m_port;
    QList<QSslCertificate> m_trusted;
    QString m_host;
    QByteArray m_token;
};

} // namespace steward::test
