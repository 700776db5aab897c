// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/AttributeService.h"

#include "server/db/AttributeRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/db/Transaction.h"
#include "server/http/RouteSupport.h"
#include "server/services/AuditLog.h"
#include "server/services/DeviceView.h"
#include "server/services/EventHub.h"

#include <QJsonArray>

#include <algorithm>

namespace steward::server::services {
namespace {

const QString AttributeKind = QStringLiteral("attribute");

QString attributeObject(qint64 id)
{
    return QStringLiteral("attribute:%1").arg(id);
}

QString deviceObject(qint64 id)
{
    return QStringLiteral("device:%1").arg(id);
}

protocol::AttributeEntry entryFor(const db::AttributeDefinition& definition,
                                  const std::optional<db::DeviceAttributeValue>& value)
{
    protocol::AttributeEntry entry;
    entry.name = definition.name;
    entry.displayName = definition.displayName;
    entry.type = definition.type;
    entry.rule = definition.rule;
    entry.allowedValues = definition.allowedValues;
    if (value) {
        entry.value = value->value;
        entry.setBy = value->setBy;
        entry.updatedAt = value->updatedAt;
    }
    return entry;
}

QJsonValue nullable(const std::optional<QString>& text)
{
    return text ? QJsonValue(*text) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject attributeDefinitionJson(const db::AttributeDefinition& definition)
{
    return QJsonObject{
        {QStringLiteral("id"), definition.id},
        {QStringLiteral("name"), definition.name},
        {QStringLiteral("displayName"), definition.displayName},
        {QStringLiteral("type"), protocol::attributeTypeName(definition.type)},
        {QStringLiteral("overwriteRule"), protocol::overwriteRuleName(definition.rule)},
        {QStringLiteral("allowedValues"), QJsonArray::fromStringList(definition.allowedValues)},
        {QStringLiteral("position"), definition.position},
        {QStringLiteral("created"), http::isoTime(definition.createdAt)},
        {QStringLiteral("updated"), http::isoTime(definition.updatedAt)}};
}

QJsonObject attributeEntryJson(const protocol::AttributeEntry& entry)
{
    return QJsonObject{
        {QStringLiteral("name"), entry.name},
        {QStringLiteral("displayName"), entry.displayName},
        {QStringLiteral("type"), protocol::attributeTypeName(entry.type)},
        {QStringLiteral("overwriteRule"), protocol::overwriteRuleName(entry.rule)},
        {QStringLiteral("allowedValues"), QJsonArray::fromStringList(entry.allowedValues)},
        {QStringLiteral("value"), nullable(entry.value)},
        {QStringLiteral("setBy"),
         nullable(entry.setBy ? std::optional<QString>(protocol::attributeWriterName(*entry.setBy))
                              : std::nullopt)},
        {QStringLiteral("updated"),
         nullable(entry.updatedAt ? std::optional<QString>(http::isoTime(*entry.updatedAt))
                                  : std::nullopt)}};
}

AttributeService::AttributeService(db::Database& database, db::AttributeRepository& attributes,
                                   db::DeviceRepository& devices, AuditLog& audit, EventHub& events,
                                   Clock clock, std::function<bool(qint64)> isOnline)
    : m_database(database), m_attributes(attributes), m_devices(devices), m_audit(audit),
      m_events(events), m_clock(std::move(clock)), m_isOnline(std::move(isOnline))
{}

Result<std::vector<db::AttributeDefinition>> AttributeService::definitions() const
{
    return m_attributes.definitions();
}

Result<void> AttributeService::checkDefinition(const db::AttributeDefinition& definition) const
{
    if (auto named = protocol::checkAttributeName(definition.name); !named) {
        return named;
    }
    if (definition.displayName.size() > protocol::MaxAttributeDisplayNameLength) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("a display name has at most %1 characters")
                             .arg(protocol::MaxAttributeDisplayNameLength));
    }
    return protocol::checkAttributeShape({definition.type, definition.allowedValues});
}

Result<db::AttributeDefinition> AttributeService::define(db::AttributeDefinition definition,
                                                         const AttributeActor& actor)
{
    if (auto checked = checkDefinition(definition); !checked) {
        return checked.error();
    }
    definition.createdAt = definition.updatedAt = m_clock();
    auto id = m_attributes.insertDefinition(definition);
    if (!id) {
        return id.error();
    }
    definition.id = *id;
    m_audit.record(actor.name, QStringLiteral("attribute.create"), attributeObject(*id), actor.peer,
                   QStringLiteral("success"),
                   QStringLiteral("name=%1 type=%2 overwrite=%3")
                       .arg(definition.name, protocol::attributeTypeName(definition.type),
                            protocol::overwriteRuleName(definition.rule)));
    definitionChanged(QStringLiteral("created"), definition);
    return definition;
}

Result<db::AttributeDefinition> AttributeService::redefine(db::AttributeDefinition definition,
                                                           const AttributeActor& actor)
{
    if (auto checked = checkDefinition(definition); !checked) {
        return checked.error();
    }
    auto current = m_attributes.findDefinition(definition.id);
    if (!current) {
        return current.error();
    }
    if (!current->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no attribute %1").arg(definition.id));
    }
    auto values = m_attributes.valuesOf(definition.id);
    if (!values) {
        return values.error();
    }
    qint64 misfits = 0;
    QString example;
    for (const auto& value : *values) {
        if (!protocol::checkAttributeValue(
                definition.name, {definition.type, definition.allowedValues}, value.value)) {
            if (misfits++ == 0) {
                example =
                    QStringLiteral("device %1 holds \"%2\"").arg(value.deviceId).arg(value.value);
            }
        }
    }
    if (misfits > 0) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("%1 device(s) hold values of \"%2\" that the new "
                                        "definition would not allow (%3); reset them first")
                             .arg(misfits)
                             .arg((*current)->name, example));
    }
    definition.createdAt = (*current)->createdAt;
    definition.updatedAt = m_clock();
    if (auto updated = m_attributes.updateDefinition(definition); !updated) {
        return updated.error();
    }
    m_audit.record(actor.name, QStringLiteral("attribute.update"), attributeObject(definition.id),
                   actor.peer, QStringLiteral("success"),
                   QStringLiteral("name=%1 type=%2 overwrite=%3")
                       .arg(definition.name, protocol::attributeTypeName(definition.type),
                            protocol::overwriteRuleName(definition.rule)));
    definitionChanged(QStringLiteral("changed"), definition);
    return definition;
}

Result<qint64> AttributeService::remove(qint64 id, bool force, const AttributeActor& actor)
{
    auto current = m_attributes.findDefinition(id);
    if (!current) {
        return current.error();
    }
    if (!current->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no attribute %1").arg(id));
    }
    auto used = m_attributes.usageCount(id);
    if (!used) {
        return used.error();
    }
    if (*used > 0 && !force) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("attribute \"%1\" has a value on %2 device(s); delete "
                                        "with force=true to remove it and those values")
                             .arg((*current)->name)
                             .arg(*used));
    }
    db::Transaction tx(m_database);
    if (!tx.started()) {
        return tx.started().error();
    }
    if (auto removed = m_attributes.removeDefinition(id); !removed) {
        return removed.error();
    }
    if (auto committed = tx.commit(); !committed) {
        return committed.error();
    }
    m_audit.record(actor.name, QStringLiteral("attribute.delete"), attributeObject(id), actor.peer,
                   QStringLiteral("success"),
                   QStringLiteral("name=%1 values_removed=%2").arg((*current)->name).arg(*used));
    definitionChanged(QStringLiteral("deleted"), **current);
    return *used;
}

Result<std::vector<protocol::AttributeEntry>>
AttributeService::deviceAttributes(qint64 deviceId) const
{
    auto device = m_devices.findById(deviceId);
    if (!device) {
        return device.error();
    }
    if (!device->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no device %1").arg(deviceId));
    }
    auto definitions = m_attributes.definitions();
    if (!definitions) {
        return definitions.error();
    }
    auto values = m_attributes.values(deviceId);
    if (!values) {
        return values.error();
    }
    std::vector<protocol::AttributeEntry> entries;
    for (const auto& definition : *definitions) {
        const auto value = std::find_if(values->begin(), values->end(), [&](const auto& v) {
            return v.attributeId == definition.id;
        });
        entries.push_back(
            entryFor(definition, value != values->end() ? std::optional(*value) : std::nullopt));
    }
    return entries;
}

Result<protocol::AttributeEntry> AttributeService::write(qint64 deviceId, const QString& name,
                                                         const std::optional<QString>& value,
                                                         const AttributeActor& actor)
{
    const QString action =
        value ? QStringLiteral("device.attribute.set") : QStringLiteral("device.attribute.reset");
    auto device = m_devices.getInUse(deviceId);
    if (!device) {
        return device.error();
    }
    auto definition = m_attributes.findDefinitionByName(name);
    if (!definition) {
        return definition.error();
    }
    if (!definition->has_value()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("no attribute named \"%1\" is defined").arg(name.left(64)));
    }
    const auto& defined = **definition;
    Result<void> allowed = protocol::checkOverwrite(name, defined.rule, actor.writer);
    if (allowed && value) {
        allowed =
            protocol::checkAttributeValue(name, {defined.type, defined.allowedValues}, *value);
    }
    if (!allowed) {
        m_audit.record(actor.name, action, deviceObject(deviceId), actor.peer,
                       QStringLiteral("denied"), allowed.error().message.left(300));
        return allowed.error();
    }
    std::optional<db::DeviceAttributeValue> stored;
    if (value) {
        stored = db::DeviceAttributeValue{deviceId, defined.id, *value, actor.writer, m_clock()};
        if (auto set = m_attributes.setValue(*stored); !set) {
            return set.error();
        }
    } else if (auto cleared = m_attributes.clearValue(deviceId, defined.id); !cleared) {
        return cleared.error();
    }
    m_audit.record(actor.name, action, deviceObject(deviceId), actor.peer,
                   QStringLiteral("success"),
                   value ? QStringLiteral("%1=%2").arg(name, *value) : name);
    deviceChanged(deviceId);
    return entryFor(defined, stored);
}

Result<protocol::AttributeSnapshot> AttributeService::snapshot(qint64 deviceId) const
{
    auto entries = deviceAttributes(deviceId);
    if (!entries) {
        return entries.error();
    }
    return protocol::AttributeSnapshot{std::move(*entries)};
}

std::optional<Result<protocol::Message>>
AttributeService::handleDeviceRequest(qint64 deviceId, const QString& peer,
                                      const protocol::Message& request)
{
    const AttributeActor device{protocol::AttributeWriter::Device, QStringLiteral("device"), peer};
    Result<protocol::AttributeEntry> written = protocol::AttributeEntry{};
    if (const auto* set = std::get_if<protocol::AttributeSet>(&request)) {
        written = write(deviceId, set->name, set->value, device);
    } else if (const auto* reset = std::get_if<protocol::AttributeReset>(&request)) {
        written = write(deviceId, reset->name, std::nullopt, device);
    } else if (!std::holds_alternative<protocol::AttributeSync>(request)) {
        return std::nullopt;
    }
    if (!written) {
        return Result<protocol::Message>(written.error());
    }
    auto current = snapshot(deviceId);
    if (!current) {
        return Result<protocol::Message>(current.error());
    }
    return Result<protocol::Message>(protocol::Message(std::move(*current)));
}

void AttributeService::deviceChanged(qint64 deviceId)
{
    auto device = m_devices.findById(deviceId);
    auto entries = deviceAttributes(deviceId);
    if (device && device->has_value() && entries) {
        QJsonObject object = deviceJson(**device, m_isOnline(deviceId));
        QJsonArray attributes;
        for (const auto& entry : *entries) {
            attributes.append(attributeEntryJson(entry));
        }
        object.insert(QStringLiteral("attributes"), attributes);
        m_events.publish(QStringLiteral("changed"), QStringLiteral("device"), deviceId, object);
    }
    if (m_changed) {
        m_changed(deviceId);
    }
}

void AttributeService::definitionChanged(const QString& event,
                                         const db::AttributeDefinition& definition)
{
    m_events.publish(event, AttributeKind, definition.id,
                     event == QLatin1String("deleted") ? QJsonObject()
                                                       : attributeDefinitionJson(definition));
    if (m_changed) {
        m_changed(std::nullopt);
    }
}

} // namespace steward::server::services
