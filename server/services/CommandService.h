// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CommandService - device commands: validation, the queue, delivery, results and expiry.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/Commands.h"
#include "server/db/records/Device.h"
#include "server/services/Clock.h"
#include "server/services/SigningKeys.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

namespace steward::crypto {
class PrivateKey;
}
namespace steward::server::db {
class DeviceCommandRepository;
class DeviceRepository;
} // namespace steward::server::db

namespace steward::server::services {

class AuditLog;
class EventHub;

inline constexpr std::chrono::seconds MaxCommandLifetime{30 * 24 * 3600};

/** What the service needs from the device channel; DeviceGateway provides it. */
struct CommandChannel {
    std::function<bool(qint64 deviceId)> isOnline;
    /** Sends to the device's live channel; false when it has none. */
    std::function<bool(qint64 deviceId, const protocol::CommandRun& command)> send;
    /** Closes the device's channel (after a release). */
    std::function<void(qint64 deviceId, const QString& reason)> disconnect;
};

/** A command as the REST API and the console events show it. */
[[nodiscard]] QJsonObject commandJson(const db::DeviceCommand& command);

/**
 * create() validates and queues a command (audited as "device.command", published as a
 * "command" event) and sends it at once when the device is online; deliverPending() sends the
 * queue when a device greets. handleResult() finishes a sent command with the agent's answer
 * (audited as "device.command.result") and applies it: a successful rename renames the device,
 * a successful release marks it released and closes its channel. A timer expires commands
 * that were not finished in time. Release instructions are signed with the key \a signingKey
 * gives for the device: that of the device-communication certificate the device pinned. A rename
 * without "network" needs no agent: it is applied and finished at once.
 */
class CommandService : public QObject {
    Q_OBJECT

public:
    CommandService(db::DeviceCommandRepository& commands, db::DeviceRepository& devices,
                   SigningKeyOf signingKey, AuditLog& audit, EventHub& events, Clock clock,
                   std::chrono::seconds defaultLifetime, std::chrono::milliseconds sweepInterval,
                   QObject* parent = nullptr);
    ~CommandService() override;

    void setChannel(CommandChannel channel) { m_channel = std::move(channel); }

    /** \a lifetime empty: the default. NotFound, InvalidValue or Conflict name the problem. */
    [[nodiscard]] Result<db::DeviceCommand> create(qint64 deviceId, const QString& kind,
                                                   const QJsonObject& args,
                                                   std::optional<std::chrono::seconds> lifetime,
                                                   const QString& actor, const QString& peer);
    /** Sends every queued, unexpired command of \a deviceId, oldest first. */
    void deliverPending(qint64 deviceId);
    void handleResult(qint64 deviceId, const protocol::CommandResult& result, const QString& peer);
    /** A device said it forgets its binding (local `steward-agent release`). */
    [[nodiscard]] Result<void> handleDeviceRelease(qint64 deviceId, const QString& peer);
    /** Expires every due command now; the timer calls it. */
    void expireDue();

private:
    [[nodiscard]] Result<bool> send(const db::DeviceCommand& command);
    [[nodiscard]] Result<void> apply(const db::DeviceCommand& command);
    [[nodiscard]] Result<void> markReleased(qint64 deviceId, const QString& actor,
                                            const QString& peer);
    void publishCommand(const QString& event, qint64 commandId);
    void publishDevice(qint64 deviceId);

    db::DeviceCommandRepository& m_commands;
    db::DeviceRepository& m_devices;
    SigningKeyOf m_signingKey;
    AuditLog& m_audit;
    EventHub& m_events;
    Clock m_clock;
    std::chrono::seconds m_defaultLifetime;
    CommandChannel m_channel;
    QTimer m_sweep;
};

} // namespace steward::server::services
