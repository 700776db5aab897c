// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/CommandService.h"

#include "common/crypto/Signature.h"
#include "server/app/Logging.h"
#include "server/db/DeviceCommandRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/http/RouteSupport.h"
#include "server/services/AuditLog.h"
#include "server/services/DeviceView.h"
#include "server/services/EventHub.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace steward::server::services {
namespace {

using db::CommandState::Expired;
using db::CommandState::Failed;
using db::CommandState::Queued;
using db::CommandState::Succeeded;

const QString Ok = QStringLiteral("ok");

QString deviceObject(qint64 id)
{
    return QStringLiteral("device:%1").arg(id);
}

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject parsedArgs(const db::DeviceCommand& command)
{
    return QJsonDocument::fromJson(command.args.toUtf8()).object();
}

// A device name doubles as its host name: one DNS label.
bool isDeviceName(const QString& name)
{
    static const QRegularExpression pattern(
        QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"));
    return pattern.match(name).hasMatch();
}

// The arguments each kind takes, normalised (defaults filled in); unknown keys are refused.
Result<QJsonObject> checkArgs(const QString& kind, const QJsonObject& args)
{
    namespace Kind = protocol::CommandKind;
    const QStringList kinds{Kind::Reboot, Kind::Shutdown, Kind::PushSettings, Kind::Rename,
                            Kind::Release};
    if (!kinds.contains(kind)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("kind \"%1\" is not a device command; use %2")
                             .arg(kind.left(64), kinds.join(QStringLiteral(", "))));
    }
    const QStringList allowed = kind == Kind::Rename
                                    ? QStringList{QStringLiteral("name"), QStringLiteral("network")}
                                    : QStringList{};
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (!allowed.contains(it.key())) {
            return makeError(
                ErrorCode::InvalidValue,
                QStringLiteral("args.%1 is not an argument of %2").arg(it.key().left(64), kind));
        }
    }
    if (kind != Kind::Rename) {
        return QJsonObject{};
    }
    const QJsonValue name = args.value(QLatin1String("name"));
    if (!name.isString() || !isDeviceName(name.toString())) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("args.name must be a host name label: 1 to 63 letters, "
                                        "digits and inner hyphens"));
    }
    const QJsonValue network = args.value(QLatin1String("network"));
    if (!network.isUndefined() && !network.isBool()) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("args.network must be true or false"));
    }
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("network"), network.toBool(false)}};
}

} // namespace

QJsonObject commandJson(const db::DeviceCommand& command)
{
    return QJsonObject{{QStringLiteral("id"), command.id},
                       {QStringLiteral("deviceId"), command.deviceId},
                       {QStringLiteral("kind"), command.kind},
                       {QStringLiteral("args"), parsedArgs(command)},
                       {QStringLiteral("state"), command.state},
                       {QStringLiteral("createdBy"), command.createdBy},
                       {QStringLiteral("created"), http::isoTime(command.createdAt)},
                       {QStringLiteral("expires"), http::isoTime(command.expiresAt)},
                       {QStringLiteral("finished"),
                        command.finishedAt ? QJsonValue(http::isoTime(*command.finishedAt))
                                           : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("message"), command.message}};
}

CommandService::CommandService(db::DeviceCommandRepository& commands, db::DeviceRepository& devices,
                               SigningKeyOf signingKey, AuditLog& audit, EventHub& events,
                               Clock clock, std::chrono::seconds defaultLifetime,
                               std::chrono::milliseconds sweepInterval, QObject* parent)
    : QObject(parent), m_commands(commands), m_devices(devices),
      m_signingKey(std::move(signingKey)), m_audit(audit), m_events(events),
      m_clock(std::move(clock)), m_defaultLifetime(defaultLifetime)
{
    m_sweep.setInterval(sweepInterval);
    connect(&m_sweep, &QTimer::timeout, this, &CommandService::expireDue);
    m_sweep.start();
}

CommandService::~CommandService() = default;

Result<db::DeviceCommand> CommandService::create(qint64 deviceId, const QString& kind,
                                                 const QJsonObject& args,
                                                 std::optional<std::chrono::seconds> lifetime,
                                                 const QString& actor, const QString& peer)
{
    auto device = m_devices.getInUse(deviceId);
    if (!device) {
        return device.error();
    }
    if (device->releasedAt) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("device %1 (%2) is released; it takes no commands")
                             .arg(deviceId)
                             .arg(device->name));
    }
    auto checked = checkArgs(kind, args);
    if (!checked) {
        return checked.error();
    }
    const auto ttl = lifetime.value_or(m_defaultLifetime);
    if (ttl.count() < 1 || ttl > MaxCommandLifetime) {
        return makeError(
            ErrorCode::InvalidValue,
            QStringLiteral("ttl must be 1 to %1 seconds").arg(MaxCommandLifetime.count()));
    }
    const qint64 now = m_clock();
    db::DeviceCommand command;
    command.deviceId = deviceId;
    command.kind = kind;
    command.args = compact(*checked);
    command.state = Queued;
    command.createdBy = actor;
    command.createdAt = now;
    command.expiresAt = now + ttl.count();
    // A rename that leaves the host name alone is the server's alone: done at once.
    const bool serverOnly =
        kind == protocol::CommandKind::Rename && !checked->value(QLatin1String("network")).toBool();
    if (serverOnly) {
        if (auto renamed = apply(command); !renamed) {
            return renamed.error();
        }
        command.state = Succeeded;
        command.finishedAt = now;
        command.message = QStringLiteral("renamed on the server");
    }
    auto id = m_commands.insert(command);
    if (!id) {
        return id.error();
    }
    command.id = *id;
    m_audit.record(actor, QStringLiteral("device.command"), deviceObject(deviceId), peer, Ok,
                   QStringLiteral("command %1 %2 %3").arg(command.id).arg(kind, command.args));
    qCInfo(lcServerGateway).noquote() << QStringLiteral("command queued id=%1 device=%2 kind=%3")
                                             .arg(command.id)
                                             .arg(deviceId)
                                             .arg(kind);
    publishCommand(QStringLiteral("created"), command.id);
    if (serverOnly) {
        publishDevice(deviceId);
    } else {
        if (auto sent = send(command); !sent) {
            qCWarning(lcServerGateway).noquote() << sent.error().message;
        }
    }
    auto stored = m_commands.findById(command.id);
    if (stored && stored->has_value()) {
        return **stored;
    }
    return command;
}

Result<bool> CommandService::send(const db::DeviceCommand& command)
{
    protocol::CommandRun run;
    run.id = command.id;
    run.kind = command.kind;
    run.args = parsedArgs(command);
    if (protocol::commandNeedsSignature(run.kind)) {
        auto key = m_signingKey(command.deviceId);
        if (!key) {
            return key.error();
        }
        auto signature =
            crypto::signData(*key, protocol::commandSigningPayload(run, command.deviceId));
        if (!signature) {
            return signature.error();
        }
        run.signature = *signature;
    }
    if (!m_channel.isOnline || !m_channel.isOnline(command.deviceId)) {
        return false; // stays queued for the next connect
    }
    // Marked first: a result can only finish a sent command, and it may arrive at once.
    auto marked = m_commands.markSent(command.id);
    if (!marked || !*marked) {
        return marked;
    }
    if (!m_channel.send(command.deviceId, run)) {
        return makeError(ErrorCode::ConnectionClosed,
                         QStringLiteral("command %1 could not be sent to device %2")
                             .arg(command.id)
                             .arg(command.deviceId));
    }
    qCInfo(lcServerGateway).noquote() << QStringLiteral("command sent id=%1 device=%2 kind=%3")
                                             .arg(command.id)
                                             .arg(command.deviceId)
                                             .arg(command.kind);
    publishCommand(QStringLiteral("changed"), command.id);
    return true;
}

void CommandService::deliverPending(qint64 deviceId)
{
    auto pending = m_commands.pendingFor(deviceId, m_clock());
    if (!pending) {
        qCWarning(lcServerGateway).noquote() << pending.error().message;
        return;
    }
    for (const auto& command : *pending) {
        if (auto sent = send(command); !sent) {
            qCWarning(lcServerGateway).noquote() << sent.error().message;
            return;
        }
    }
}

void CommandService::handleResult(qint64 deviceId, const protocol::CommandResult& result,
                                  const QString& peer)
{
    auto found = m_commands.findById(result.id);
    if (!found || !found->has_value() || (*found)->deviceId != deviceId
        || (*found)->state != db::CommandState::Sent) {
        qCWarning(lcServerGateway).noquote()
            << QStringLiteral("command result ignored id=%1 device=%2: not a sent command of "
                              "this device")
                   .arg(result.id)
                   .arg(deviceId);
        m_audit.record(
            QStringLiteral("device"), QStringLiteral("device.command.result"),
            deviceObject(deviceId), peer, QStringLiteral("denied"),
            QStringLiteral("command %1 is not a sent command of this device").arg(result.id));
        return;
    }
    db::DeviceCommand command = **found;
    QString state = result.ok ? Succeeded : Failed;
    QString message = result.message;
    if (result.ok) {
        if (auto applied = apply(command); !applied) {
            state = Failed;
            message = QStringLiteral("the device succeeded but the server could not apply it: ")
                      + applied.error().message;
        }
    }
    auto finished = m_commands.finish(command.id, deviceId, state, m_clock(), message);
    if (!finished) {
        qCWarning(lcServerGateway).noquote() << finished.error().message;
        return;
    }
    m_audit.record(QStringLiteral("device"), QStringLiteral("device.command.result"),
                   deviceObject(deviceId), peer, result.ok ? Ok : Failed,
                   QStringLiteral("command %1 %2: %3").arg(command.id).arg(command.kind, message));
    qCInfo(lcServerGateway).noquote() << QStringLiteral("command %1 id=%2 device=%3 message=%4")
                                             .arg(state)
                                             .arg(command.id)
                                             .arg(deviceId)
                                             .arg(message);
    publishCommand(QStringLiteral("changed"), command.id);
    if (state == Succeeded && command.kind == protocol::CommandKind::Release) {
        if (auto released = markReleased(deviceId, QStringLiteral("device"), peer); !released) {
            qCWarning(lcServerGateway).noquote() << released.error().message;
        }
    } else if (state == Succeeded && command.kind == protocol::CommandKind::Rename) {
        publishDevice(deviceId);
    }
}

Result<void> CommandService::apply(const db::DeviceCommand& command)
{
    if (command.kind == protocol::CommandKind::Rename) {
        auto device = m_devices.get(command.deviceId);
        if (!device) {
            return device.error();
        }
        return m_devices.setPlacement(command.deviceId,
                                      parsedArgs(command).value(QLatin1String("name")).toString(),
                                      device->folderId);
    }
    return {};
}

Result<void> CommandService::markReleased(qint64 deviceId, const QString& actor,
                                          const QString& peer)
{
    if (auto released = m_devices.setReleased(deviceId, m_clock()); !released) {
        return released;
    }
    m_audit.record(actor, QStringLiteral("device.release"), deviceObject(deviceId), peer, Ok);
    qCInfo(lcServerGateway).noquote() << QStringLiteral("device released device=%1").arg(deviceId);
    publishDevice(deviceId);
    if (m_channel.disconnect) {
        m_channel.disconnect(deviceId, QStringLiteral("released"));
    }
    return {};
}

Result<void> CommandService::handleDeviceRelease(qint64 deviceId, const QString& peer)
{
    return markReleased(deviceId, QStringLiteral("device"), peer);
}

void CommandService::expireDue()
{
    const qint64 now = m_clock();
    auto due = m_commands.due(now);
    if (!due) {
        qCWarning(lcServerGateway).noquote() << due.error().message;
        return;
    }
    for (const auto& command : *due) {
        const QString message = command.state == Queued
                                    ? QStringLiteral("expired before the device connected")
                                    : QStringLiteral("expired without a result from the device");
        auto finished = m_commands.finish(command.id, command.deviceId, Expired, now, message);
        if (!finished || !*finished) {
            continue;
        }
        m_audit.record(
            QStringLiteral("server"), QStringLiteral("device.command.expire"),
            deviceObject(command.deviceId), {}, Failed,
            QStringLiteral("command %1 %2: %3").arg(command.id).arg(command.kind, message));
        publishCommand(QStringLiteral("changed"), command.id);
    }
}

void CommandService::publishCommand(const QString& event, qint64 commandId)
{
    auto command = m_commands.findById(commandId);
    if (command && command->has_value()) {
        m_events.publish(event, QStringLiteral("command"), commandId, commandJson(**command));
    }
}

void CommandService::publishDevice(qint64 deviceId)
{
    auto device = m_devices.findById(deviceId);
    if (device && device->has_value()) {
        const bool online = m_channel.isOnline && m_channel.isOnline(deviceId);
        m_events.publish(QStringLiteral("changed"), QStringLiteral("device"), deviceId,
                         deviceJson(**device, online));
    }
}

} // namespace steward::server::services
