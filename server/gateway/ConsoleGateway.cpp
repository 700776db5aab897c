// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/gateway/ConsoleGateway.h"

#include "common/protocol/Decoder.h"
#include "common/protocol/Events.h"
#include "common/protocol/Message.h"
#include "common/protocol/ProtocolVersion.h"
#include "server/app/Logging.h"
#include "server/services/AccessService.h"
#include "server/services/EventHub.h"

#include <QTimer>
#include <QWebSocket>

namespace steward::server::gateway {

struct ConsoleGateway::Console {
    std::unique_ptr<QWebSocket> socket;
    http::Principal principal;
    QByteArray token; // kept in memory only, to check the session again
    bool greeted = false;
    protocol::MessageId nextId = 1;
    QSet<access::NodeRef> view; // the tree nodes this console may browse, as it was told
};

ConsoleGateway::ConsoleGateway(services::EventHub& events, QString programVersion,
                               SessionCheck sessionCheck, std::chrono::milliseconds recheckInterval,
                               QObject* parent)
    : QObject(parent), m_programVersion(std::move(programVersion)),
      m_sessionCheck(std::move(sessionCheck))
{
    connect(&events, &services::EventHub::published, this, &ConsoleGateway::broadcast);
    m_recheck.setInterval(recheckInterval);
    connect(&m_recheck, &QTimer::timeout, this, &ConsoleGateway::recheckSessions);
    m_recheck.start();
}

void ConsoleGateway::recheckSessions()
{
    for (const auto& console : m_consoles) {
        if (m_sessionCheck && !m_sessionCheck(console->token)) {
            qCInfo(lcServerGateway).noquote()
                << QStringLiteral("console session ended user=%1").arg(console->principal.name);
            console->socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                                   QStringLiteral("session ended; log in again"));
        }
    }
}

ConsoleGateway::~ConsoleGateway()
{
    // A socket being destroyed still signals "disconnected"; it must not reach a gateway
    // that is half torn down.
    for (const auto& console : m_consoles) {
        console->socket->disconnect(this);
    }
    for (const auto& console : m_closed) {
        console->socket->disconnect(this);
    }
}

void ConsoleGateway::addConsole(std::unique_ptr<QWebSocket> socket,
                                const http::Principal& principal, const QByteArray& token)
{
    auto console = std::make_unique<Console>();
    console->socket = std::move(socket);
    console->principal = principal;
    console->token = token;
    QWebSocket* raw = console->socket.get();
    raw->setMaxAllowedIncomingFrameSize(quint64(protocol::MaxMessageBytes));
    raw->setMaxAllowedIncomingMessageSize(quint64(protocol::MaxMessageBytes));
    Console* entry = console.get();
    connect(raw, &QWebSocket::textMessageReceived, this,
            [this, entry](const QString& text) { handleFrame(*entry, text); });
    connect(raw, &QWebSocket::binaryMessageReceived, this, [this, raw](const QByteArray&) {
        raw->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported,
                   QStringLiteral("binary frames are not part of the protocol"));
    });
    connect(raw, &QWebSocket::disconnected, this, [this, raw] { drop(raw); });
    qCInfo(lcServerGateway).noquote() << QStringLiteral("console connected user=%1 peer=%2")
                                             .arg(principal.name, raw->peerAddress().toString());
    m_consoles.push_back(std::move(console));
}

void ConsoleGateway::handleFrame(Console& console, const QString& text)
{
    const auto decoded = protocol::decodeFrame(text.toUtf8());
    if (!decoded) {
        const auto& failure = decoded.failure();
        qCWarning(lcServerGateway).noquote()
            << QStringLiteral("console frame refused user=%1 reason=%2")
                   .arg(console.principal.name, failure.error.toString());
        if (auto reply = protocol::errorReplyFrame(failure)) {
            console.socket->sendTextMessage(QString::fromUtf8(*reply));
        }
        if (failure.closeSession) {
            console.socket->close(QWebSocketProtocol::CloseCodeProtocolError,
                                  failure.error.message.left(120));
        }
        return;
    }
    const auto& incoming = decoded.message();
    if (const auto* hello = std::get_if<protocol::Hello>(&incoming.message)) {
        if (auto fits =
                protocol::negotiate(*hello, QStringLiteral("steward-server"), m_programVersion);
            !fits) {
            console.socket->sendTextMessage(QString::fromUtf8(
                protocol::errorReplyFrame(fits.error(), incoming.id.value_or(0))));
            console.socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                                  QStringLiteral("incompatible_version"));
            return;
        }
        protocol::HelloAck ack;
        ack.protocolVersion = protocol::CurrentProtocolVersion;
        ack.programName = QStringLiteral("steward-server");
        ack.programVersion = m_programVersion;
        console.greeted = true;
        loadView(console);
        console.socket->sendTextMessage(
            QString::fromUtf8(protocol::encodeMessage(ack, console.nextId++, incoming.id)));
        return;
    }
    if (incoming.id) {
        console.socket->sendTextMessage(QString::fromUtf8(protocol::errorReplyFrame(
            makeError(ErrorCode::InvalidArgument,
                      QStringLiteral("the event socket only accepts hello")),
            *incoming.id)));
    }
}

void ConsoleGateway::setAccess(services::AccessService* access, ObjectLookup lookup)
{
    m_access = access;
    m_lookup = std::move(lookup);
    if (access) {
        connect(access, &services::AccessService::rightsChanged, this,
                &ConsoleGateway::refreshViews);
    }
}

void ConsoleGateway::loadView(Console& console)
{
    if (!m_access) {
        return;
    }
    auto nodes = m_access->nodesWith(console.principal.adminId, {}, access::Right::Browse);
    console.view = nodes ? *nodes : QSet<access::NodeRef>{};
}

void ConsoleGateway::send(Console& console, const QJsonObject& event)
{
    auto message = protocol::objectEventFromJson(event);
    if (!message) {
        qCCritical(lcServerGateway).noquote()
            << QStringLiteral("unpublishable event: %1").arg(message.error().message);
        return;
    }
    console.socket->sendTextMessage(
        QString::fromUtf8(protocol::encodeMessage(*message, console.nextId++)));
}

bool ConsoleGateway::deliver(Console& console, const QJsonObject& event)
{
    const QString kind = event.value(QStringLiteral("kind")).toString();
    const qint64 id = event.value(QStringLiteral("id")).toInteger();
    if (!m_access) {
        return true;
    }
    if (!m_access->isNodeKind(kind)) {
        return m_access->mayReceive(console.principal.adminId, kind, id);
    }
    const access::NodeRef node{kind, id};
    if (event.value(QStringLiteral("event")).toString() == QLatin1String("deleted")) {
        return console.view.remove(node);
    }
    if (m_access->mayReceive(console.principal.adminId, kind, id)) {
        console.view.insert(node);
        return true;
    }
    if (console.view.remove(node)) {
        // It moved out of sight: to this console it is gone.
        send(console, services::EventHub::eventJson(QStringLiteral("deleted"), kind, id));
    }
    return false;
}

void ConsoleGateway::broadcast(const QJsonObject& event)
{
    for (auto& console : m_consoles) {
        if (console->greeted && deliver(*console, event)) {
            send(*console, event);
        }
    }
}

void ConsoleGateway::refreshViews(const QList<qint64>& admins)
{
    for (auto& console : m_consoles) {
        if (!console->greeted || !admins.contains(console->principal.adminId) || !m_access) {
            continue;
        }
        const QSet<access::NodeRef> before = console->view;
        loadView(*console);
        for (const auto& node : before) {
            if (!console->view.contains(node)) {
                send(*console,
                     services::EventHub::eventJson(QStringLiteral("deleted"), node.kind, node.id));
            }
        }
        for (const auto& node : std::as_const(console->view)) {
            if (!before.contains(node)) {
                const QJsonObject object = m_lookup ? m_lookup(node.kind, node.id) : QJsonObject{};
                send(*console, services::EventHub::eventJson(QStringLiteral("created"), node.kind,
                                                             node.id, object));
            }
        }
        qCInfo(lcServerGateway).noquote()
            << QStringLiteral("console view refreshed user=%1 nodes=%2")
                   .arg(console->principal.name)
                   .arg(console->view.size());
    }
}

void ConsoleGateway::drop(QWebSocket* socket)
{
    const auto it =
        std::find_if(m_consoles.begin(), m_consoles.end(),
                     [socket](const auto& console) { return console->socket.get() == socket; });
    if (it == m_consoles.end()) {
        return;
    }
    qCInfo(lcServerGateway).noquote()
        << QStringLiteral("console disconnected user=%1").arg((*it)->principal.name);
    // We are inside the socket's own signal, so it is destroyed on the next turn of the loop.
    // It is never handed to deleteLater(): the HTTP listener still parents the TLS socket
    // inside it, and a deferred delete could outlive the listener.
    socket->disconnect(this);
    m_closed.push_back(std::move(*it));
    m_consoles.erase(it);
    QTimer::singleShot(0, this, [this] { m_closed.clear(); });
}

} // namespace steward::server::gateway
