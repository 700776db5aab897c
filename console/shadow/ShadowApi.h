// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowApi - the REST calls a shadow session needs: log in, find the device, ask for a ticket.
#pragma once

#include "common/core/Result.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkReply;
class QWebSocket;

namespace steward::console::shadow {

/**
 * Trusts the server by the SHA-256 fingerprint of its web certificate (hex, colons allowed), or
 * by the CA certificates given; never by the system store alone. Each call answers once.
 */
class ShadowApi : public QObject {
    Q_OBJECT

public:
    ShadowApi(QUrl server, QString fingerprint, QList<QSslCertificate> trustedCas = {},
              QObject* parent = nullptr);

    void setToken(const QByteArray& token) { m_token = token; }
    void login(const QString& user, const QString& password,
               std::function<void(Result<void>)> done);
    /** A number is an id; anything else is looked up as an exact device name. */
    void findDevice(const QString& nameOrId, std::function<void(Result<qint64>)> done);
    /** POST /api/v1/devices/{id}/shadow; the answer's JSON (see shadowOfferFromJson()). */
    void requestShadow(qint64 deviceId, const QString& path,
                       std::function<void(Result<QJsonObject>)> done);

    /**
     * The console's side of a relay tunnel, opening: wss://SERVER/tunnel/v1/{session} with the
     * bearer token, trusting the server as the REST calls do.
     */
    [[nodiscard]] std::unique_ptr<QWebSocket> openTunnel(const QString& session) const;

private:
    void call(const QByteArray& verb, const QString& path, const QJsonObject& body,
              std::function<void(Result<QJsonObject>)> done);

    QUrl m_server;
    QByteArray m_fingerprint; // lower-case hex
    QList<QSslCertificate> m_trustedCas;
    QByteArray m_token;
    QNetworkAccessManager m_network;
};

} // namespace steward::console::shadow
