// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ApiClient - the console's REST client: HTTPS pinned to one server certificate, bearer token.
#pragma once

#include "console/net/Transport.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>

#include <vector>

namespace steward::console::net {

/**
 * Every request trusts exactly the pinned server certificate: the system store is never
 * consulted, and a server presenting another certificate (or any certificate while nothing is
 * pinned yet) is refused before a byte of the request is sent. The refused certificate comes
 * back in ApiReply::refusedCertificate so the connect dialog can show its fingerprint.
 */
class ApiClient : public QObject, public Transport {
    Q_OBJECT

public:
    explicit ApiClient(QObject* parent = nullptr);

    void setServer(const QUrl& server);
    [[nodiscard]] QUrl server() const { return m_server; }
    /** Null pins nothing: every server is refused, and its certificate reported. */
    void setPinnedCertificate(const QSslCertificate& certificate);
    [[nodiscard]] QSslCertificate pinnedCertificate() const { return m_pinned; }
    /** Kept in memory only; empty sends no Authorization header. */
    void setToken(const QByteArray& token) { m_token = token; }
    [[nodiscard]] QByteArray token() const { return m_token; }

    void send(const ApiRequest& request, const QObject* context, Callback callback) override;

    /**
     * Re-login on an expired or revoked session: once set, a request sent with a token that
     * the server answers with 401 is held back instead of failing, and \a ask is called (once,
     * however many requests wait). resume() sends every held request again with the new token;
     * abandon() fails them with their 401, and so are later 401s until resume(): nobody is
     * asked twice for a session they declined to renew. Unset, a 401 is an ordinary error (and
     * requests still held are dropped: the window that would have asked is going away).
     */
    void setReauthentication(std::function<void()> ask);
    void resume(const QByteArray& token);
    void abandon();
    [[nodiscard]] bool isWaitingForLogin() const { return m_asking; }

private:
    struct Held {
        ApiRequest request;
        QPointer<const QObject> context;
        Callback callback;
        ApiReply reply;
    };
    void hold(Held held);

    QNetworkAccessManager m_manager;
    QUrl m_server;
    QSslCertificate m_pinned;
    QByteArray m_token;
    std::function<void()> m_ask;
    std::vector<Held> m_held;
    bool m_asking = false;
    bool m_declined = false;
};

/** The server's {"error":{"code","message"}} for a non-2xx answer, or a generic one. */
[[nodiscard]] Error errorFromBody(int status, const QJsonDocument& body);

} // namespace steward::console::net
