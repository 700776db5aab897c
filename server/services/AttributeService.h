// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AttributeService - device attributes: definitions, values and the overwrite rule.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/Attributes.h"
#include "common/protocol/Message.h"
#include "server/db/records/Attribute.h"
#include "server/services/Clock.h"

#include <QJsonObject>

#include <functional>
#include <optional>
#include <vector>

namespace steward::server::db {
class AttributeRepository;
class Database;
class DeviceRepository;
} // namespace steward::server::db

namespace steward::server::services {

class AuditLog;
class EventHub;

/** Who asks for a change, for the overwrite rule and the audit log. */
struct AttributeActor {
    protocol::AttributeWriter writer = protocol::AttributeWriter::Server;
    QString name; // the administrator, or "device"
    QString peer;
};

/**
 * {"id","name","displayName","type","overwriteRule","allowedValues","position","created",
 *  "updated"}
 */
[[nodiscard]] QJsonObject attributeDefinitionJson(const db::AttributeDefinition& definition);
/** {"name",…,"allowedValues","value","setBy","updated"}; the last three null when unset. */
[[nodiscard]] QJsonObject attributeEntryJson(const protocol::AttributeEntry& entry);

/**
 * The one place that checks attribute definitions (name rule, type, allowed values) and value
 * writes (type, allowed values, 100 characters, overwrite rule), for REST and for the device
 * channel alike. Every change is audited ("attribute.create|update|delete",
 * "device.attribute.set|reset"; refusals with outcome "denied"). A device's value change is
 * published as a "changed" device event whose object carries "attributes"; definition changes
 * as "attribute" events. The change listener then pushes snapshots to the agents.
 */
class AttributeService {
public:
    /** nullopt: every device is affected (a definition changed). */
    using ChangeListener = std::function<void(std::optional<qint64> deviceId)>;

    AttributeService(db::Database& database, db::AttributeRepository& attributes,
                     db::DeviceRepository& devices, AuditLog& audit, EventHub& events, Clock clock,
                     std::function<bool(qint64)> isOnline);

    void setChangeListener(ChangeListener listener) { m_changed = std::move(listener); }

    [[nodiscard]] Result<std::vector<db::AttributeDefinition>> definitions() const;
    [[nodiscard]] Result<db::AttributeDefinition> define(db::AttributeDefinition definition,
                                                         const AttributeActor& actor);
    /**
     * Replaces definition \a definition.id. Conflict when devices hold values that would not
     * fit the new type or allowed values (it names how many and one example).
     */
    [[nodiscard]] Result<db::AttributeDefinition> redefine(db::AttributeDefinition definition,
                                                           const AttributeActor& actor);
    /**
     * Deletes a definition. Conflict naming the number of devices that hold a value, unless
     * \a force; then those values go too. Returns that number.
     */
    [[nodiscard]] Result<qint64> remove(qint64 id, bool force, const AttributeActor& actor);

    /** Every definition with the device's value; NotFound for an unknown device. */
    [[nodiscard]] Result<std::vector<protocol::AttributeEntry>>
    deviceAttributes(qint64 deviceId) const;
    /**
     * Sets (\a value) or resets (nullopt) a device's value of attribute \a name. NotFound for an
     * unknown device or attribute, OverwriteRefused when the rule does not let \a actor write,
     * InvalidValue for a value that does not fit. Returns the new entry.
     */
    [[nodiscard]] Result<protocol::AttributeEntry> write(qint64 deviceId, const QString& name,
                                                         const std::optional<QString>& value,
                                                         const AttributeActor& actor);

    /** The attribute.snapshot for a device. */
    [[nodiscard]] Result<protocol::AttributeSnapshot> snapshot(qint64 deviceId) const;
    /**
     * The device channel's handler: attribute.sync, attribute.set and attribute.reset from
     * device \a deviceId are answered with its attribute.snapshot or an error; nullopt for any
     * other message.
     */
    [[nodiscard]] std::optional<Result<protocol::Message>>
    handleDeviceRequest(qint64 deviceId, const QString& peer, const protocol::Message& request);

private:
    [[nodiscard]] Result<void> checkDefinition(const db::AttributeDefinition& definition) const;
    void deviceChanged(qint64 deviceId);
    void definitionChanged(const QString& event, const db::AttributeDefinition& definition);

    db::Database& m_database;
    db::AttributeRepository& m_attributes;
    db::DeviceRepository& m_devices;
    AuditLog& m_audit;
    EventHub& m_events;
    Clock m_clock;
    std::function<bool(qint64)> m_isOnline;
    ChangeListener m_changed;
};

} // namespace steward::server::services
