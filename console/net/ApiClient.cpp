// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/net/ApiClient.h"

#include "common/tls/Fingerprint.h"
#include "common/tls/TlsConfig.h"
#include "console/net/Logging.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace steward::console::net {
namespace {

constexpr int TransferTimeoutMs = 30'000;
const char RefusedProperty[] = "stewardRefusedCertificate";

QSslCertificate presentedCertificate(QNetworkReply& reply, const QList<QSslError>& errors)
{
    QSslCertificate presented = reply.sslConfiguration().peerCertificate();
    if (presented.isNull() && !errors.isEmpty()) {
        presented = errors.first().certificate();
    }
    return presented;
}

Error refusal(const QSslCertificate& pinned, const QSslCertificate& presented)
{
    if (pinned.isNull()) {
        return makeError(ErrorCode::UntrustedCertificate,
                         QStringLiteral("the server's certificate %1 is not trusted yet")
                             .arg(tls::sha256Fingerprint(presented)));
    }
    return makeError(ErrorCode::PeerCertificateMismatch,
                     QStringLiteral("the server presented certificate %1, not the trusted %2")
                         .arg(tls::sha256Fingerprint(presented), tls::sha256Fingerprint(pinned)));
}

} // namespace

Error errorFromBody(int status, const QJsonDocument& body)
{
    const QJsonObject error = body.object().value(QStringLiteral("error")).toObject();
    const QString code = error.value(QStringLiteral("code")).toString();
    const QString message = error.value(QStringLiteral("message")).toString();
    const auto known = errorCodeFromName(code.toStdString());
    if (known && !message.isEmpty()) {
        return makeError(*known, message);
    }
    return makeError(status == 401 ? ErrorCode::Unauthenticated : ErrorCode::Internal,
                     QStringLiteral("the server answered HTTP %1").arg(status));
}

ApiClient::ApiClient(QObject* parent) : QObject(parent)
{
    m_manager.setAutoDeleteReplies(true);
}

void ApiClient::setServer(const QUrl& server)
{
    m_server = server;
    m_manager.clearConnectionCache();
}

void ApiClient::setPinnedCertificate(const QSslCertificate& certificate)
{
    m_pinned = certificate;
    // A kept-alive connection was accepted under the old pin; never reuse it.
    m_manager.clearConnectionCache();
}

void ApiClient::send(const ApiRequest& request, const QObject* context, Callback callback)
{
    QUrl url = m_server;
    const qsizetype query = request.path.indexOf(QLatin1Char('?'));
    url.setPath(query < 0 ? request.path : request.path.left(query));
    if (query >= 0) {
        url.setQuery(request.path.mid(query + 1));
    }
    QNetworkRequest http(url);
    // Our own trust list only: an empty CA list, so every certificate reaches the pin check.
    http.setSslConfiguration(tls::clientConfiguration({}));
    http.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    http.setTransferTimeout(TransferTimeoutMs);
    if (!m_token.isEmpty()) {
        http.setRawHeader("Authorization", "Bearer " + m_token);
    }
    QByteArray payload;
    if (request.body) {
        http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        payload = QJsonDocument(*request.body).toJson(QJsonDocument::Compact);
    }
    QNetworkReply* reply = m_manager.sendCustomRequest(http, request.method, payload);
    const QSslCertificate pinned = m_pinned;
    connect(reply, &QNetworkReply::sslErrors, reply, [reply, pinned](const QList<QSslError>& e) {
        const QSslCertificate presented = presentedCertificate(*reply, e);
        if (!pinned.isNull() && tls::isSameCertificate(presented, pinned)) {
            // Exactly the pinned certificate: its chain and names do not matter.
            reply->ignoreSslErrors();
            return;
        }
        reply->setProperty(RefusedProperty, QVariant::fromValue(presented));
    });
    connect(reply, &QNetworkReply::encrypted, reply, [reply, pinned] {
        // Unreachable with an empty CA list; checked anyway before the request goes out.
        const QSslCertificate presented = reply->sslConfiguration().peerCertificate();
        if (pinned.isNull() || !tls::isSameCertificate(presented, pinned)) {
            reply->setProperty(RefusedProperty, QVariant::fromValue(presented));
            reply->abort();
        }
    });
    QPointer<const QObject> guard(context);
    connect(
        reply, &QNetworkReply::finished, this,
        [this, reply, pinned, guard, callback = std::move(callback), request, sentToken = m_token] {
            const QByteArray& method = request.method;
            ApiReply answer;
            answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            answer.raw = reply->readAll();
            answer.body = QJsonDocument::fromJson(answer.raw);
            const QVariant refused = reply->property(RefusedProperty);
            if (refused.isValid()) {
                answer.refusedCertificate = refused.value<QSslCertificate>();
                answer.error = refusal(pinned, answer.refusedCertificate);
                answer.status = 0;
            } else if (answer.status == 0) {
                const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError
                                      || reply->error() == QNetworkReply::TimeoutError;
                answer.error = makeError(
                    timedOut ? ErrorCode::Timeout : ErrorCode::ConnectionFailed,
                    QStringLiteral("cannot reach the server: %1").arg(reply->errorString()));
            } else if (answer.status < 200 || answer.status > 299) {
                answer.error = errorFromBody(answer.status, answer.body);
            }
            if (answer.error) {
                qCDebug(lcConsoleNet).noquote()
                    << QStringLiteral("request failed method=%1 path=%2 status=%3 error=%4")
                           .arg(QString::fromLatin1(method), reply->url().path())
                           .arg(answer.status)
                           .arg(answer.error->toString());
            }
            if (answer.status == 401 && !sentToken.isEmpty() && m_ask && !m_declined) {
                if (sentToken != m_token && !m_asking && guard) {
                    send(request, guard, callback); // sent before the last re-login
                } else {
                    hold({request, guard, callback, answer});
                }
                return;
            }
            if (guard) {
                callback(answer);
            }
        });
}

void ApiClient::setReauthentication(std::function<void()> ask)
{
    m_ask = std::move(ask);
    if (!m_ask) {
        m_held.clear();
        m_asking = false;
    }
}

void ApiClient::hold(Held held)
{
    m_held.push_back(std::move(held));
    if (!m_asking) {
        m_asking = true;
        qCInfo(lcConsoleNet).noquote() << QStringLiteral("session expired; asking to log in again");
        m_ask();
    }
}

void ApiClient::resume(const QByteArray& token)
{
    m_token = token;
    m_asking = false;
    m_declined = false;
    auto held = std::move(m_held);
    m_held.clear();
    for (auto& request : held) {
        if (request.context) {
            send(request.request, request.context, std::move(request.callback));
        }
    }
}

void ApiClient::abandon()
{
    m_asking = false;
    m_declined = true;
    auto held = std::move(m_held);
    m_held.clear();
    for (auto& request : held) {
        if (request.context) {
            request.callback(request.reply);
        }
    }
}

} // namespace steward::console::net
