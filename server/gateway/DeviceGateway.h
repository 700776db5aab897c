// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceGateway - the device channel: client-certificate admission, hello, keepalive, online state.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "common/protocol/Decoder.h"
#include "common/protocol/Message.h"
#include "server/db/records/Device.h"
#include "server/services/Clock.h"

#include <QObject>
#include <QSslCertificate>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

class QWebSocket;

namespace steward::protocol {
struct CommandResult;
struct CommandRun;
struct DeviceInventory;
struct Hello;
struct IncomingMessage;
} // namespace steward::protocol
namespace steward::server::db {
class DeviceRepository;
}
namespace steward::server::services {
class AuditLog;
class EventHub;
} // namespace steward::server::services

namespace steward::server::gateway {

struct DeviceKeepalive {
    std::chrono::milliseconds pingInterval{30000}; // the server pings every device this often
    std::chrono::milliseconds idleTimeout{90000};  // a device silent this long is dropped
};

/** What the gateway reports to the command queue (CommandService). */
struct DeviceChannelHandlers {
    std::function<void(qint64 deviceId)> greeted; // online: deliver the queue
    std::function<void(qint64 deviceId, const protocol::CommandResult&, const QString& peer)>
        result;
    std::function<Result<void>(qint64 deviceId, const QString& peer)> release;
};

/**
 * Devices connect to /device/v1/ws with their client certificate. admit() runs before the
 * upgrade: the certificate must chain to the device CA (clientAuth) and belong to a known,
 * unreleased device; each refusal is audited ("device.connect", "denied"). After the upgrade
 * the device sends hello; hello.ack makes it online (last contact and address stored, an
 * "online" device event published). The gateway pings every pingInterval; any frame or pong
 * counts as life, and a device silent for idleTimeout is closed. A malformed or oversized
 * frame closes that device's socket only. A device.inventory after hello.ack is stored and
 * published as a "changed" device event. When a device's last socket closes it goes offline.
 * command.result and device.release go to the handlers; sendCommand() writes command.run.
 */
class DeviceGateway : public QObject {
    Q_OBJECT

public:
    DeviceGateway(db::DeviceRepository& devices, crypto::Certificate deviceCa,
                  services::AuditLog& audit, services::EventHub& events, services::Clock clock,
                  QString programVersion, DeviceKeepalive keepalive, QObject* parent = nullptr);
    ~DeviceGateway() override;

    /** The device \a certificate belongs to, or why it may not connect. */
    [[nodiscard]] Result<db::Device> admit(const QSslCertificate& certificate, const QString& peer);
    void addDevice(std::unique_ptr<QWebSocket> socket, const db::Device& device);
    [[nodiscard]] bool isOnline(qint64 deviceId) const;
    /** How many devices are online (greeted channels). */
    [[nodiscard]] qint64 onlineCount() const;
    [[nodiscard]] quint64 connectionCount() const { return quint64(m_sessions.size()); }
    void setHandlers(DeviceChannelHandlers handlers) { m_channelHandlers = std::move(handlers); }
    /** Sends \a command on the device's greeted channel; false when it has none. */
    [[nodiscard]] bool sendCommand(qint64 deviceId, const protocol::CommandRun& command);
    /** Closes every channel of the device normally, with \a reason. */
    void disconnectDevice(qint64 deviceId, const QString& reason);
    /** The device CAs whose client certificates are accepted (CA rollover: old and new). */
    void setDeviceCas(QList<crypto::Certificate> deviceCas) { m_deviceCas = std::move(deviceCas); }
    /**
     * Asked for a client certificate no device holds: the device whose renewed certificate it
     * is becomes its holder (CaRollover::promote); its id, or nullopt.
     */
    using CertificateRenewal = std::function<Result<std::optional<qint64>>(const QString&)>;
    void setCertificateRenewal(CertificateRenewal renewal) { m_renewal = std::move(renewal); }

    /**
     * Dispatch hook for a greeted device's requests: a handler answers the message types it
     * knows with a reply (sent with `re` = the request's id) or an error, and nullopt for the
     * rest. Handlers are asked in the order they were added.
     */
    using RequestHandler = std::function<std::optional<Result<protocol::Message>>(
        const db::Device& device, const QString& peer, const protocol::Message& request)>;
    void addRequestHandler(RequestHandler handler);
    /** Sends \a message to every greeted socket of \a deviceId; returns how many. */
    int sendToDevice(qint64 deviceId, const protocol::Message& message);
    /** The devices with a greeted socket, each once. */
    [[nodiscard]] std::vector<qint64> onlineDevices() const;

    /**
     * Other services' messages: after hello.ack each valid message the gateway does not handle
     * itself goes to the handlers in order until one returns true.
     */
    using MessageHandler = std::function<bool(const db::Device& device, const QString& peer,
                                              const protocol::IncomingMessage& message)>;
    void addMessageHandler(MessageHandler handler);
    /** Sends \a message on the device's greeted channel; false when it has none. */
    bool send(qint64 deviceId, const protocol::Message& message,
              std::optional<protocol::MessageId> re = std::nullopt);

Q_SIGNALS:
    /**
     * Right after hello.ack, before the queued commands and deviceGreeted(): what must reach
     * the device before anything signed (a certificate rollover) goes out now.
     */
    void deviceGreeting(qint64 deviceId);
    /** A device's channel was greeted (hello.ack sent): services push its state now. */
    void deviceGreeted(qint64 deviceId);

private:
    struct Session;
    void handleFrame(Session& session, const QString& text);
    void storeInventory(Session& session, const protocol::DeviceInventory& inventory);
    void release(Session& session, std::optional<qint64> requestId);
    bool dispatch(Session& session, const protocol::IncomingMessage& incoming);
    void greet(Session& session, const protocol::Hello& hello, std::optional<qint64> requestId);
    void keepalive();
    void drop(QWebSocket* socket);
    void publish(qint64 deviceId, const QString& event);
    [[nodiscard]] Result<db::Device> identify(const QSslCertificate& certificate);

    db::DeviceRepository& m_devices;
    QList<crypto::Certificate> m_deviceCas;
    CertificateRenewal m_renewal;
    services::AuditLog& m_audit;
    services::EventHub& m_events;
    services::Clock m_clock;
    QString m_programVersion;
    DeviceKeepalive m_keepalive;
    DeviceChannelHandlers m_channelHandlers;
    QTimer m_pingTimer;
    std::vector<std::unique_ptr<Session>> m_sessions;
    std::vector<std::unique_ptr<Session>> m_closed; // disconnected, destroyed on the next turn
    std::vector<RequestHandler> m_handlers;
    std::vector<MessageHandler> m_messageHandlers;
};

} // namespace steward::server::gateway
