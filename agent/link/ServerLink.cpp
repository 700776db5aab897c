// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/link/ServerLink.h"

#include "agent/app/Logging.h"
#include "agent/link/Inventory.h"
#include "common/protocol/Decoder.h"
#include "common/protocol/Message.h"
#include "common/protocol/ProtocolVersion.h"

#include <QWebSocket>

namespace steward::agent {
namespace {

const QString AgentProgram = QStringLiteral("steward-agent");

} // namespace

ServerLink::ServerLink(LinkSettings settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_backoff(m_settings.backoff)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &ServerLink::open);
    m_heartbeat.setSingleShot(true);
    connect(&m_heartbeat, &QTimer::timeout, this, &ServerLink::beat);
    if (!m_settings.inventory) {
        m_settings.inventory = [version = m_settings.programVersion] {
            return collectInventory(version);
        };
    }
}

ServerLink::~ServerLink()
{
    if (m_socket) {
        m_socket->disconnect(this);
    }
}

void ServerLink::start()
{
    if (m_state == State::Idle) {
        open();
    }
}

QUrl ServerLink::currentUrl() const
{
    return m_serverIndex == 0 ? m_settings.url : m_settings.alternates[m_serverIndex - 1];
}

void ServerLink::reportInventory()
{
    auto inventory = m_settings.inventory();
    if (send(inventory)) {
        m_reported = std::move(inventory);
    }
}

void ServerLink::scheduleHeartbeat()
{
    m_heartbeat.start(jitteredInterval(m_settings.heartbeat, m_settings.heartbeatJitter));
}

void ServerLink::setHeartbeat(std::chrono::milliseconds interval)
{
    m_settings.heartbeat = interval;
    if (m_heartbeat.isActive()) {
        scheduleHeartbeat();
    }
}

void ServerLink::beat()
{
    if (m_state != State::Up) {
        return;
    }
    if (!m_heard) {
        qCWarning(lcAgentLink).noquote()
            << QStringLiteral("the server answered nothing since the last heartbeat; reconnecting");
        m_lastError = Error{ErrorCode::Timeout,
                            QStringLiteral("the server answered no ping for a heartbeat")};
        m_socket->abort(); // a dead peer would never answer a closing handshake
        return;
    }
    auto inventory = m_settings.inventory();
    if (!m_reported || inventory != *m_reported) {
        qCInfo(lcAgentLink).noquote() << QStringLiteral("inventory changed; reporting it");
        if (send(inventory)) {
            m_reported = std::move(inventory);
        }
    }
    m_heard = false;
    m_socket->ping();
    scheduleHeartbeat();
}

void ServerLink::stop()
{
    m_retry.stop();
    m_heartbeat.stop();
    m_state = State::Idle;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("agent stopping"));
        m_socket.reset();
    }
}

void ServerLink::open()
{
    ++m_attempts;
    m_state = State::Connecting;
    m_nextId = 1;
    if (m_socket) {
        m_socket->disconnect(this);
    }
    m_socket = std::make_unique<QWebSocket>();
    QSslConfiguration tls = m_settings.tls;
    m_offeredTicket = !m_sessionTicket.isEmpty();
    if (m_offeredTicket) {
        tls.setSessionTicket(m_sessionTicket);
    }
    m_socket->setSslConfiguration(tls);
    connect(m_socket.get(), &QWebSocket::pong, this, [this] { m_heard = true; });
    m_socket->setMaxAllowedIncomingMessageSize(quint64(protocol::MaxMessageBytes));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(protocol::MaxMessageBytes));
    connect(m_socket.get(), &QWebSocket::connected, this, &ServerLink::handleConnected);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &ServerLink::handleText);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &ServerLink::handleClosed);
    connect(m_socket.get(), &QWebSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        QStringList reasons;
        for (const auto& error : errors) {
            reasons.append(error.errorString());
        }
        m_lastError = Error{ErrorCode::TlsHandshakeFailed,
                            QStringLiteral("the server's certificate failed verification: ")
                                + reasons.join(QStringLiteral("; "))};
    });
    const QUrl url = currentUrl();
    qCDebug(lcAgentLink).noquote()
        << QStringLiteral("connecting url=%1 attempt=%2").arg(url.toString()).arg(m_attempts);
    m_socket->open(url);
}

void ServerLink::handleConnected()
{
    m_state = State::Greeting;
    keepSessionTicket();
    protocol::Hello hello;
    hello.protocolVersion = protocol::CurrentProtocolVersion;
    hello.programName = AgentProgram;
    hello.programVersion = m_settings.programVersion;
    m_socket->sendTextMessage(QString::fromUtf8(protocol::encodeMessage(hello, m_nextId++)));
}

void ServerLink::handleText(const QString& text)
{
    m_heard = true;
    const auto decoded = protocol::decodeFrame(text.toUtf8());
    if (!decoded) {
        qCWarning(lcAgentLink).noquote()
            << QStringLiteral("frame refused reason=%1").arg(decoded.failure().error.toString());
        if (decoded.failure().closeSession) {
            fail(decoded.failure().error);
        }
        return;
    }
    const auto& message = decoded.message().message;
    if (const auto* ack = std::get_if<protocol::HelloAck>(&message)) {
        if (auto fits = protocol::negotiate(*ack, AgentProgram, m_settings.programVersion); !fits) {
            fail(fits.error());
            return;
        }
        m_state = State::Up;
        m_backoff.reset();
        m_lastError.reset();
        qCInfo(lcAgentLink).noquote()
            << QStringLiteral("link up server=%1 %2").arg(ack->programName, ack->programVersion);
        m_heard = true;
        reportInventory();
        scheduleHeartbeat();
        Q_EMIT up();
        return;
    }
    if (const auto* command = std::get_if<protocol::CommandRun>(&message)) {
        if (m_state == State::Up) {
            Q_EMIT commandReceived(*command);
        }
        return;
    }
    if (const auto* error = std::get_if<protocol::ErrorMessage>(&message)) {
        qCWarning(lcAgentLink).noquote()
            << QStringLiteral("server error code=%1 message=%2").arg(error->code, error->message);
        m_lastError =
            Error{errorCodeFromName(error->code.toStdString()).value_or(ErrorCode::Internal),
                  error->message};
        // Falls through: a refusal may answer a request a handler made (re).
    }
    if (m_state == State::Up) {
        Q_EMIT received(decoded.message());
    }
}

void ServerLink::keepSessionTicket()
{
    const QByteArray ticket = m_socket->sslConfiguration().sessionTicket();
    if (!ticket.isEmpty()) {
        m_sessionTicket = ticket;
    }
}

std::optional<protocol::MessageId> ServerLink::send(const protocol::Message& message,
                                                    std::optional<protocol::MessageId> re)
{
    if (m_state != State::Up || !m_socket) {
        return std::nullopt;
    }
    const protocol::MessageId id = m_nextId++;
    m_socket->sendTextMessage(QString::fromUtf8(protocol::encodeMessage(message, id, re)));
    return id;
}

void ServerLink::fail(Error error)
{
    m_lastError = std::move(error);
    if (m_socket) {
        m_socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                        m_lastError->message.left(120));
    }
}

void ServerLink::handleClosed()
{
    if (m_state == State::Idle) {
        return;
    }
    keepSessionTicket(); // a TLS 1.3 ticket may arrive after the handshake
    m_heartbeat.stop();
    if (m_socket->closeCode() == QWebSocketProtocol::CloseCodeNormal
        && m_socket->closeReason() == QLatin1String("released")) {
        qCInfo(lcAgentLink).noquote() << QStringLiteral("the server released this device");
        const bool wasUp = m_state == State::Up;
        m_state = State::Idle;
        m_lastError = Error{ErrorCode::ConnectionClosed, QStringLiteral("released by the server")};
        if (wasUp) {
            Q_EMIT down(*m_lastError);
        }
        Q_EMIT released();
        return;
    }
    if (!m_lastError) {
        m_lastError = Error{ErrorCode::ConnectionClosed,
                            QStringLiteral("connection closed: %1 %2")
                                .arg(m_socket->closeReason(), m_socket->errorString())};
    }
    const auto delay = m_backoff.next();
    qCInfo(lcAgentLink).noquote() << QStringLiteral("link down reason=%1 retry_ms=%2")
                                         .arg(m_lastError->message)
                                         .arg(delay.count());
    const bool wasUp = m_state == State::Up;
    if (!wasUp) {
        // This server failed: the next attempt goes to the next one in the list. A server that
        // was up is tried again first.
        m_serverIndex = (m_serverIndex + 1) % (m_settings.alternates.size() + 1);
    }
    m_state = State::Waiting;
    if (wasUp) {
        Q_EMIT down(*m_lastError);
    }
    m_retry.start(delay);
}

} // namespace steward::agent
