// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/net/Connector.h"

#include "common/protocol/ProtocolVersion.h"
#include "console/net/Logging.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace steward::console::net {

Capabilities Capabilities::fromOpenApi(const QJsonObject& document)
{
    Capabilities capabilities;
    const QJsonObject paths = document.value(QStringLiteral("paths")).toObject();
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QJsonObject methods = path.value().toObject();
        for (auto method = methods.begin(); method != methods.end(); ++method) {
            capabilities.add(method.key(), path.key());
        }
    }
    return capabilities;
}

qint64 lockSecondsLeft(const QString& message)
{
    static const QRegularExpression seconds(QStringLiteral("in (\\d+) s\\b"));
    const auto match = seconds.match(message);
    return match.hasMatch() ? match.captured(1).toLongLong() : 0;
}

Connector::Connector(QObject* parent)
    : QObject(parent), protocolVersion(protocol::CurrentProtocolVersion)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &Connector::askStatus);
}

void Connector::start(const QUrl& server, const QSslCertificate& pinned, const QString& user,
                      const QString& password)
{
    cancel();
    m_running = true;
    m_attempt = 0;
    m_pinned = pinned;
    m_password = password;
    m_session = Session{};
    m_session.server = server;
    m_session.user = user;
    m_session.api = new ApiClient(this);
    m_session.api->setServer(server);
    m_session.api->setPinnedCertificate(pinned);
    askStatus();
}

void Connector::cancel()
{
    m_retry.stop();
    m_running = false;
    m_password.fill(QLatin1Char('\0'));
    m_password.clear();
    ++m_generation; // answers to the abandoned attempt are ignored
    // Possibly called from inside one of their own signals: never delete them right here.
    if (m_session.api) {
        m_session.api->deleteLater();
    }
    if (m_session.events) {
        m_session.events->close();
        m_session.events->deleteLater();
    }
    m_session = Session{};
}

Session Connector::takeSession(QObject* owner)
{
    Session session = m_session;
    session.api->setParent(owner);
    session.events->setParent(owner);
    session.events->disconnect(this);
    m_session = Session{};
    return session;
}

void Connector::askStatus()
{
    ++m_attempt;
    m_session.api->get(
        QStringLiteral("/status"), this, [this, generation = m_generation](const ApiReply& reply) {
            if (!m_running || generation != m_generation) {
                return;
            }
            if (!reply.ok()) {
                finishWith(classify(reply));
                return;
            }
            if (reply.object().value(QStringLiteral("status")).toString()
                == QStringLiteral("init")) {
                Q_EMIT waiting(tr("The server is starting; waiting for it to be ready…"),
                               m_attempt);
                m_retry.start(retryInterval);
                return;
            }
            login(m_password);
        });
}

void Connector::login(const QString& password)
{
    ApiRequest request{"POST", QStringLiteral("/api/v1/login"),
                       QJsonObject{{QStringLiteral("user"), m_session.user},
                                   {QStringLiteral("password"), password}}};
    m_password.fill(QLatin1Char('\0'));
    m_password.clear();
    m_session.api->send(request, this, [this, generation = m_generation](const ApiReply& reply) {
        if (!m_running || generation != m_generation) {
            return;
        }
        if (!reply.ok()) {
            finishWith(classify(reply));
            return;
        }
        const QJsonObject body = reply.object();
        m_session.api->setToken(body.value(QStringLiteral("token")).toString().toLatin1());
        m_session.user = body.value(QStringLiteral("user")).toString(m_session.user);
        m_session.superuser = body.value(QStringLiteral("superuser")).toBool();
        readRoutes();
    });
}

void Connector::readRoutes()
{
    m_session.api->get(QStringLiteral("/api/v1/openapi.json"), this,
                       [this, generation = m_generation](const ApiReply& reply) {
                           if (!m_running || generation != m_generation) {
                               return;
                           }
                           if (!reply.ok()) {
                               finishWith(classify(reply));
                               return;
                           }
                           m_session.capabilities = Capabilities::fromOpenApi(reply.object());
                           openEvents();
                       });
}

void Connector::openEvents()
{
    m_session.events = new EventSocket(this);
    connect(m_session.events, &EventSocket::greeted, this, [this](const protocol::HelloAck& ack) {
        m_session.serverVersion = ack.programVersion;
        m_running = false;
        qCInfo(lcConsoleNet).noquote()
            << QStringLiteral("connected server=%1 version=%2 user=%3")
                   .arg(m_session.server.toString(), ack.programVersion, m_session.user);
        Q_EMIT succeeded();
    });
    connect(m_session.events, &EventSocket::failed, this, [this](const Error& error) {
        ConnectFailure failure;
        failure.kind = error.code == ErrorCode::IncompatibleVersion
                           ? ConnectFailure::Kind::VersionMismatch
                           : ConnectFailure::Kind::Other;
        failure.message = error.code == ErrorCode::IncompatibleVersion
                              ? tr("This console and the server cannot work together: %1. "
                                   "Install matching versions.")
                                    .arg(error.message)
                              : tr("The live event connection failed: %1").arg(error.message);
        finishWith(failure);
    });
    m_session.events->setProtocolVersion(protocolVersion);
    m_session.events->open(m_session.server, m_pinned, m_session.api->token());
}

void Connector::finishWith(ConnectFailure failure)
{
    qCInfo(lcConsoleNet).noquote() << "connect failed:" << failure.message;
    if (m_session.api && !m_session.api->token().isEmpty()) {
        // Logged in, but unusable (version): end the server-side session too.
        m_session.api->send({"POST", QStringLiteral("/api/v1/logout"), std::nullopt}, nullptr,
                            [](const ApiReply&) {});
    }
    m_retry.stop();
    m_running = false;
    if (m_session.events) {
        m_session.events->deleteLater();
        m_session.events = nullptr;
    }
    Q_EMIT failed(failure);
}

ConnectFailure Connector::classify(const ApiReply& reply) const
{
    ConnectFailure failure;
    const Error error = reply.error.value_or(makeError(ErrorCode::Internal, QString()));
    failure.presented = reply.refusedCertificate;
    switch (error.code) {
    case ErrorCode::UntrustedCertificate:
        failure.kind = ConnectFailure::Kind::UnknownCertificate;
        failure.message = tr("This is the first connection to this server. Check the "
                             "certificate fingerprint before trusting it.");
        break;
    case ErrorCode::PeerCertificateMismatch:
        failure.kind = ConnectFailure::Kind::ChangedCertificate;
        failure.message = tr("WARNING: the server's certificate has CHANGED since you last "
                             "connected. Someone may be intercepting the connection. %1")
                              .arg(error.message);
        break;
    case ErrorCode::Unauthenticated:
        failure.kind = ConnectFailure::Kind::WrongPassword;
        failure.message = tr("Wrong user name or password.");
        break;
    case ErrorCode::AccountLocked:
        failure.kind = ConnectFailure::Kind::AccountLocked;
        failure.secondsLeft = lockSecondsLeft(error.message);
        failure.message =
            failure.secondsLeft > 0
                ? tr("The account is locked after too many failed logins. Try again in %1.")
                      .arg(failure.secondsLeft >= 60 ? tr("%1 min %2 s")
                                                           .arg(failure.secondsLeft / 60)
                                                           .arg(failure.secondsLeft % 60)
                                                     : tr("%1 s").arg(failure.secondsLeft))
                : tr("The account is locked after too many failed logins: %1").arg(error.message);
        break;
    case ErrorCode::ConnectionFailed:
    case ErrorCode::Timeout:
        failure.kind = ConnectFailure::Kind::Unreachable;
        failure.message = tr("Cannot reach the server: %1").arg(error.message);
        break;
    case ErrorCode::DatabaseUnavailable:
        failure.message =
            tr("The server cannot reach its database right now: %1").arg(error.message);
        break;
    default:
        failure.message = error.message;
        break;
    }
    return failure;
}

} // namespace steward::console::net
