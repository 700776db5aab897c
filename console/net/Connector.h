// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Connector - the login sequence: status, login, route list, event socket hello.
#pragma once

#include "console/net/Session.h"

#include <QObject>
#include <QTimer>

namespace steward::console::net {

/** Why a connection attempt stopped; the connect dialog words each one. */
struct ConnectFailure {
    enum class Kind {
        UnknownCertificate, // nothing pinned for this server yet: ask the administrator
        ChangedCertificate, // the pinned certificate differs: a loud warning
        WrongPassword,
        AccountLocked,
        VersionMismatch,
        Unreachable,
        Other,
    };
    Kind kind = Kind::Other;
    QString message;
    QSslCertificate presented; // for the certificate kinds
    qint64 secondsLeft = 0;    // AccountLocked
};

/**
 * Runs the steps without blocking, each answer starting the next. A server still starting
 * (status `init`) is asked again every second with waiting() until it is ready or cancel().
 * On success the ApiClient and EventSocket are handed over, parented to \a owner.
 */
class Connector : public QObject {
    Q_OBJECT

public:
    explicit Connector(QObject* parent = nullptr);

    void start(const QUrl& server, const QSslCertificate& pinned, const QString& user,
               const QString& password);
    void cancel();
    [[nodiscard]] bool running() const { return m_running; }
    /** Moves the session out (after succeeded()); its objects are re-parented to \a owner. */
    [[nodiscard]] Session takeSession(QObject* owner);

    std::chrono::milliseconds retryInterval{1000};
    /** Announced on the event socket; only tests change it. */
    int protocolVersion;

Q_SIGNALS:
    void waiting(const QString& what, int attempt);
    void succeeded();
    void failed(const steward::console::net::ConnectFailure& failure);

private:
    void askStatus();
    void login(const QString& password);
    void readRoutes();
    void openEvents();
    void finishWith(ConnectFailure failure);
    ConnectFailure classify(const ApiReply& reply) const;

    Session m_session;
    QSslCertificate m_pinned;
    QString m_password; // held only until the login request is sent
    QTimer m_retry;
    int m_attempt = 0;
    quint64 m_generation = 0;
    bool m_running = false;
};

/** The seconds in "… try again in N s", or 0. */
[[nodiscard]] qint64 lockSecondsLeft(const QString& message);

} // namespace steward::console::net
