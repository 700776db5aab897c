// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/gateway/DeviceGateway.h"

#include "common/crypto/ChainVerifier.h"
#include "common/protocol/Decoder.h"
#include "common/protocol/Message.h"
#include "common/protocol/ProtocolVersion.h"
#include "server/app/Logging.h"
#include "server/db/DeviceRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/DeviceView.h"
#include "server/services/EventHub.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QWebSocket>

namespace steward::server::gateway {
namespace {

const QString ServerProgram = QStringLiteral("steward-server");

QString deviceObject(qint64 id)
{
    return QStringLiteral("device:%1").arg(id);
}

} // namespace

struct DeviceGateway::Session {
    std::unique_ptr<QWebSocket> socket;
    db::Device device;
    QString peer;
    bool greeted = false;
    protocol::MessageId nextId = 1;
    QElapsedTimer heard;     // since the last frame or pong
    QElapsedTimer connected; // a device that never says hello is dropped after the idle timeout
};

DeviceGateway::DeviceGateway(db::DeviceRepository& devices, crypto::Certificate deviceCa,
                             services::AuditLog& audit, services::EventHub& events,
                             services::Clock clock, QString programVersion,
                             DeviceKeepalive keepalive, QObject* parent)
    : QObject(parent), m_devices(devices), m_deviceCas{std::move(deviceCa)}, m_audit(audit),
      m_events(events), m_clock(std::move(clock)), m_programVersion(std::move(programVersion)),
      m_keepalive(keepalive)
{
    m_pingTimer.setInterval(m_keepalive.pingInterval);
    connect(&m_pingTimer, &QTimer::timeout, this, &DeviceGateway::keepalive);
    m_pingTimer.start();
}

DeviceGateway::~DeviceGateway()
{
    // Sockets closing now must not call back into a gateway that is half destroyed.
    for (const auto& session : m_sessions) {
        session->socket->disconnect(this);
    }
}

Result<db::Device> DeviceGateway::identify(const QSslCertificate& presented)
{
    if (presented.isNull()) {
        return makeError(ErrorCode::PeerCertificateMissing,
                         QStringLiteral("the device endpoint needs a client certificate from "
                                        "enrolment"));
    }
    auto certificate = crypto::Certificate::fromQSslCertificate(presented);
    if (!certificate) {
        return certificate.error();
    }
    crypto::ChainVerifyOptions options;
    options.purpose = crypto::CertificatePurpose::TlsClient;
    if (auto trusted = crypto::verifyChain(*certificate, {}, m_deviceCas, options); !trusted) {
        return makeError(trusted.error().code,
                         QStringLiteral("the client certificate \"%1\" is not from this server's "
                                        "device CA: %2")
                             .arg(certificate->subject(), trusted.error().message));
    }
    const QString fingerprint =
        QString::fromLatin1(certificate->fingerprint(crypto::FingerprintAlgorithm::Sha256).toHex());
    auto device = m_devices.findByFingerprint(fingerprint);
    if (device && !device->has_value() && m_renewal) {
        // A client certificate renewed over the channel (CA rollover), presented the first time.
        if (auto promoted = m_renewal(fingerprint); promoted && promoted->has_value()) {
            device = m_devices.findByFingerprint(fingerprint);
        }
    }
    if (!device) {
        return device.error();
    }
    if (!device->has_value()) {
        return makeError(ErrorCode::NotAuthorised,
                         QStringLiteral("no device holds the client certificate \"%1\"")
                             .arg(certificate->subject()));
    }
    if ((*device)->releasedAt) {
        return makeError(ErrorCode::NotAuthorised,
                         QStringLiteral("device %1 (%2) was released; enrol it again")
                             .arg((*device)->id)
                             .arg((*device)->name));
    }
    if ((*device)->deletedAt) {
        return makeError(ErrorCode::NotAuthorised,
                         QStringLiteral("device %1 (%2) is in the server's recycle bin; an "
                                        "administrator must restore it before it can connect")
                             .arg((*device)->id)
                             .arg((*device)->name));
    }
    return **device;
}

Result<db::Device> DeviceGateway::admit(const QSslCertificate& certificate, const QString& peer)
{
    auto device = identify(certificate);
    if (!device) {
        qCWarning(lcServerGateway).noquote()
            << QStringLiteral("device refused peer=%1 reason=%2").arg(peer, device.error().message);
        m_audit.record(QStringLiteral("device"), QStringLiteral("device.connect"),
                       certificate.isNull() ? QString()
                                            : certificate.subjectDisplayName().left(100),
                       peer, QStringLiteral("denied"), device.error().message);
    }
    return device;
}

void DeviceGateway::addDevice(std::unique_ptr<QWebSocket> socket, const db::Device& device)
{
    auto session = std::make_unique<Session>();
    session->socket = std::move(socket);
    session->device = device;
    session->heard.start();
    session->connected.start();
    QWebSocket* raw = session->socket.get();
    session->peer = raw->peerAddress().toString();
    raw->setMaxAllowedIncomingFrameSize(quint64(protocol::MaxMessageBytes));
    raw->setMaxAllowedIncomingMessageSize(quint64(protocol::MaxMessageBytes));
    Session* entry = session.get();
    connect(raw, &QWebSocket::textMessageReceived, this,
            [this, entry](const QString& text) { handleFrame(*entry, text); });
    connect(raw, &QWebSocket::binaryMessageReceived, this, [raw](const QByteArray&) {
        raw->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported,
                   QStringLiteral("binary frames are not part of the protocol"));
    });
    connect(raw, &QWebSocket::pong, this,
            [entry](quint64, const QByteArray&) { entry->heard.restart(); });
    connect(raw, &QWebSocket::disconnected, this, [this, raw] { drop(raw); });
    qCInfo(lcServerGateway).noquote()
        << QStringLiteral("device connected device=%1 name=%2 peer=%3")
               .arg(device.id)
               .arg(device.name, session->peer);
    m_sessions.push_back(std::move(session));
}

void DeviceGateway::handleFrame(Session& session, const QString& text)
{
    session.heard.restart();
    const auto decoded = protocol::decodeFrame(text.toUtf8());
    if (!decoded) {
        const auto& failure = decoded.failure();
        qCWarning(lcServerGateway).noquote()
            << QStringLiteral("device frame refused device=%1 reason=%2")
                   .arg(session.device.id)
                   .arg(failure.error.toString());
        if (auto reply = protocol::errorReplyFrame(failure)) {
            session.socket->sendTextMessage(QString::fromUtf8(*reply));
        }
        if (failure.closeSession) {
            m_audit.record(QStringLiteral("device"), QStringLiteral("device.frame"),
                           deviceObject(session.device.id), session.peer, QStringLiteral("denied"),
                           failure.error.message.left(200));
            session.socket->close(QWebSocketProtocol::CloseCodeProtocolError,
                                  failure.error.message.left(120));
        }
        return;
    }
    const auto& incoming = decoded.message();
    if (const auto* hello = std::get_if<protocol::Hello>(&incoming.message)) {
        greet(session, *hello, incoming.id);
        return;
    }
    if (const auto* inventory = std::get_if<protocol::DeviceInventory>(&incoming.message);
        inventory && session.greeted) {
        storeInventory(session, *inventory);
        return;
    }
    if (const auto* result = std::get_if<protocol::CommandResult>(&incoming.message);
        result && session.greeted) {
        if (m_channelHandlers.result) {
            m_channelHandlers.result(session.device.id, *result, session.peer);
        }
        return;
    }
    if (std::holds_alternative<protocol::DeviceRelease>(incoming.message) && session.greeted) {
        release(session, incoming.id);
        return;
    }
    if (session.greeted && dispatch(session, incoming)) {
        return;
    }
    if (session.greeted) {
        for (const auto& handler : m_messageHandlers) {
            if (handler(session.device, session.peer, incoming)) {
                return;
            }
        }
    }
    if (incoming.id) {
        session.socket->sendTextMessage(QString::fromUtf8(protocol::errorReplyFrame(
            makeError(
                ErrorCode::InvalidArgument,
                QStringLiteral("the device channel does not handle %1 here")
                    .arg(protocol::messageTypeWireName(protocol::messageType(incoming.message)))),
            *incoming.id)));
    }
}

void DeviceGateway::addRequestHandler(RequestHandler handler)
{
    m_handlers.push_back(std::move(handler));
}

bool DeviceGateway::dispatch(Session& session, const protocol::IncomingMessage& incoming)
{
    for (const auto& handler : m_handlers) {
        auto reply = handler(session.device, session.peer, incoming.message);
        if (!reply) {
            continue;
        }
        if (incoming.id) {
            const QByteArray frame =
                *reply ? protocol::encodeMessage(**reply, session.nextId++, *incoming.id)
                       : protocol::errorReplyFrame(reply->error(), *incoming.id);
            session.socket->sendTextMessage(QString::fromUtf8(frame));
        }
        return true;
    }
    return false;
}

int DeviceGateway::sendToDevice(qint64 deviceId, const protocol::Message& message)
{
    int sent = 0;
    for (auto& session : m_sessions) {
        if (session->greeted && session->device.id == deviceId) {
            session->socket->sendTextMessage(
                QString::fromUtf8(protocol::encodeMessage(message, session->nextId++)));
            ++sent;
        }
    }
    return sent;
}

std::vector<qint64> DeviceGateway::onlineDevices() const
{
    std::vector<qint64> ids;
    for (const auto& session : m_sessions) {
        if (session->greeted
            && std::find(ids.begin(), ids.end(), session->device.id) == ids.end()) {
            ids.push_back(session->device.id);
        }
    }
    return ids;
}

void DeviceGateway::greet(Session& session, const protocol::Hello& hello,
                          std::optional<qint64> requestId)
{
    if (auto fits = protocol::negotiate(hello, ServerProgram, m_programVersion); !fits) {
        session.socket->sendTextMessage(
            QString::fromUtf8(protocol::errorReplyFrame(fits.error(), requestId.value_or(0))));
        session.socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                              QStringLiteral("incompatible_version"));
        return;
    }
    protocol::HelloAck ack;
    ack.protocolVersion = protocol::CurrentProtocolVersion;
    ack.programName = ServerProgram;
    ack.programVersion = m_programVersion;
    session.socket->sendTextMessage(
        QString::fromUtf8(protocol::encodeMessage(ack, session.nextId++, requestId)));
    if (session.greeted) {
        return;
    }
    const bool wasOnline = isOnline(session.device.id);
    session.greeted = true;
    if (auto stored = m_devices.setOnline(session.device.id, m_clock(), session.peer); !stored) {
        qCWarning(lcServerGateway).noquote() << stored.error().message;
    }
    qCInfo(lcServerGateway).noquote() << QStringLiteral("device online device=%1 agent=%2 %3")
                                             .arg(session.device.id)
                                             .arg(hello.programName, hello.programVersion);
    if (!wasOnline) {
        publish(session.device.id, QStringLiteral("online"));
    }
    Q_EMIT deviceGreeting(session.device.id);
    if (m_channelHandlers.greeted) {
        m_channelHandlers.greeted(session.device.id);
    }
    Q_EMIT deviceGreeted(session.device.id);
}

void DeviceGateway::release(Session& session, std::optional<qint64> requestId)
{
    auto released = m_channelHandlers.release
                        ? m_channelHandlers.release(session.device.id, session.peer)
                        : Result<void>(makeError(ErrorCode::Internal,
                                                 QStringLiteral("releases are not handled")));
    if (!released) {
        session.socket->sendTextMessage(
            QString::fromUtf8(protocol::errorReplyFrame(released.error(), requestId.value_or(0))));
    }
    // On success the handler has already closed the channel with "released".
}

bool DeviceGateway::sendCommand(qint64 deviceId, const protocol::CommandRun& command)
{
    return send(deviceId, command);
}

void DeviceGateway::addMessageHandler(MessageHandler handler)
{
    m_messageHandlers.push_back(std::move(handler));
}

bool DeviceGateway::send(qint64 deviceId, const protocol::Message& message,
                         std::optional<protocol::MessageId> re)
{
    // The newest greeted channel: a device that reconnected may briefly have two.
    for (auto it = m_sessions.rbegin(); it != m_sessions.rend(); ++it) {
        Session& session = **it;
        if (session.greeted && session.device.id == deviceId) {
            session.socket->sendTextMessage(
                QString::fromUtf8(protocol::encodeMessage(message, session.nextId++, re)));
            return true;
        }
    }
    return false;
}

void DeviceGateway::disconnectDevice(qint64 deviceId, const QString& reason)
{
    for (auto& session : m_sessions) {
        if (session->device.id == deviceId) {
            session->socket->close(QWebSocketProtocol::CloseCodeNormal, reason);
        }
    }
}

void DeviceGateway::storeInventory(Session& session, const protocol::DeviceInventory& inventory)
{
    const QString json = QString::fromUtf8(
        QJsonDocument(protocol::toJson(inventory)).toJson(QJsonDocument::Compact));
    const auto bootAt =
        inventory.bootTime > 0 ? std::optional<qint64>(inventory.bootTime) : std::nullopt;
    if (auto stored = m_devices.setInventory(session.device.id, inventory.hostname, json, bootAt);
        !stored) {
        qCWarning(lcServerGateway).noquote() << stored.error().message;
        return;
    }
    qCInfo(lcServerGateway).noquote()
        << QStringLiteral("device inventory device=%1 host=%2 os=\"%3\" interfaces=%4")
               .arg(session.device.id)
               .arg(inventory.hostname, inventory.os)
               .arg(inventory.interfaces.size());
    publish(session.device.id, QStringLiteral("changed"));
}

qint64 DeviceGateway::onlineCount() const
{
    return std::count_if(m_sessions.begin(), m_sessions.end(),
                         [](const auto& session) { return session->greeted; });
}

bool DeviceGateway::isOnline(qint64 deviceId) const
{
    return std::any_of(m_sessions.begin(), m_sessions.end(), [deviceId](const auto& session) {
        return session->greeted && session->device.id == deviceId;
    });
}

void DeviceGateway::keepalive()
{
    const auto idleMs = m_keepalive.idleTimeout.count();
    for (auto& session : m_sessions) {
        if (!session->greeted && session->connected.elapsed() > idleMs) {
            qCInfo(lcServerGateway).noquote()
                << QStringLiteral("device sent no hello device=%1").arg(session->device.id);
            session->socket->abort();
            continue;
        }
        if (session->heard.elapsed() > idleMs) {
            qCInfo(lcServerGateway).noquote()
                << QStringLiteral("device idle device=%1 silent_ms=%2")
                       .arg(session->device.id)
                       .arg(session->heard.elapsed());
            // abort(): a dead peer would never answer a closing handshake.
            session->socket->abort();
            continue;
        }
        session->socket->ping();
    }
}

void DeviceGateway::drop(QWebSocket* socket)
{
    const auto it =
        std::find_if(m_sessions.begin(), m_sessions.end(),
                     [socket](const auto& session) { return session->socket.get() == socket; });
    if (it == m_sessions.end()) {
        return;
    }
    const qint64 deviceId = (*it)->device.id;
    const bool wasGreeted = (*it)->greeted;
    const QString peer = (*it)->peer;
    // Never deleteLater(): see ConsoleGateway::drop; destroyed on the next turn instead.
    socket->disconnect(this);
    m_closed.push_back(std::move(*it));
    m_sessions.erase(it);
    QTimer::singleShot(0, this, [this] { m_closed.clear(); });
    qCInfo(lcServerGateway).noquote()
        << QStringLiteral("device disconnected device=%1 peer=%2").arg(deviceId).arg(peer);
    if (wasGreeted && !isOnline(deviceId)) {
        if (auto stored = m_devices.setOffline(deviceId, m_clock()); !stored) {
            qCWarning(lcServerGateway).noquote() << stored.error().message;
        }
        publish(deviceId, QStringLiteral("offline"));
    }
}

void DeviceGateway::publish(qint64 deviceId, const QString& event)
{
    auto device = m_devices.findById(deviceId);
    if (!device || !device->has_value()) {
        return;
    }
    // A device in the recycle bin is gone for consoles: its channel closing must not bring it
    // back into their lists, so its event carries no object.
    m_events.publish(event, QStringLiteral("device"), deviceId,
                     (*device)->deletedAt ? QJsonObject{}
                                          : services::deviceJson(**device, isOnline(deviceId)));
}

} // namespace steward::server::gateway
