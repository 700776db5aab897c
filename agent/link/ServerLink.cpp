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

void ServerLink::stop()
{
    m_retry.stop();
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
    m_socket->setSslConfiguration(m_settings.tls);
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
    qCDebug(lcAgentLink).noquote() << QStringLiteral("connecting url=%1 attempt=%2")
                                          .arg(m_settings.url.toString())
                                          .arg(m_attempts);
    m_socket->open(m_settings.url);
}

void ServerLink::handleConnected()
{
    m_state = State::Greeting;
    protocol::Hello hello;
    hello.protocolVersion = protocol::CurrentProtocolVersion;
    hello.programName = AgentProgram;
    hello.programVersion = m_settings.programVersion;
    m_socket->sendTextMessage(QString::fromUtf8(protocol::encodeMessage(hello, m_nextId++)));
}

void ServerLink::handleText(const QString& text)
{
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
        // TODO(#4): report again when something changes.
        m_socket->sendTextMessage(QString::fromUtf8(
            protocol::encodeMessage(collectInventory(m_settings.programVersion), m_nextId++)));
        Q_EMIT up();
        return;
    }
    if (const auto* error = std::get_if<protocol::ErrorMessage>(&message)) {
        qCWarning(lcAgentLink).noquote()
            << QStringLiteral("server error code=%1 message=%2").arg(error->code, error->message);
        m_lastError =
            Error{errorCodeFromName(error->code.toStdString()).value_or(ErrorCode::Internal),
                  error->message};
    }
    if (m_state == State::Up) {
        Q_EMIT received(decoded.message());
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
    m_state = State::Waiting;
    if (wasUp) {
        Q_EMIT down(*m_lastError);
    }
    m_retry.start(delay);
}

} // namespace steward::agent
