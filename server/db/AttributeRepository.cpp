// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/AttributeRepository.h"

#include "server/db/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {
namespace {

const QString DefinitionColumns = QStringLiteral(
    "id, name, display_name, type, overwrite_rule, allowed_values, position, created_at, "
    "updated_at");

QString allowedText(const QStringList& values)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact));
}

QStringList allowedList(const QString& text)
{
    QStringList values;
    for (const auto& value : QJsonDocument::fromJson(text.toUtf8()).array()) {
        values.append(value.toString());
    }
    return values;
}

AttributeDefinition readDefinition(const QSqlQuery& query)
{
    AttributeDefinition definition;
    definition.id = query.value(0).toLongLong();
    definition.name = query.value(1).toString();
    definition.displayName = query.value(2).toString();
    definition.type = protocol::attributeTypeFromName(query.value(3).toString())
                          .value_or(protocol::AttributeType::String);
    definition.rule = protocol::overwriteRuleFromName(query.value(4).toString())
                          .value_or(protocol::OverwriteRule::Server);
    definition.allowedValues = allowedList(query.value(5).toString());
    definition.position = query.value(6).toLongLong();
    definition.createdAt = query.value(7).toLongLong();
    definition.updatedAt = query.value(8).toLongLong();
    return definition;
}

DeviceAttributeValue readValue(const QSqlQuery& query)
{
    DeviceAttributeValue value;
    value.deviceId = query.value(0).toLongLong();
    value.attributeId = query.value(1).toLongLong();
    value.value = query.value(2).toString();
    value.setBy = protocol::attributeWriterFromName(query.value(3).toString())
                      .value_or(protocol::AttributeWriter::Server);
    value.updatedAt = query.value(4).toLongLong();
    return value;
}

void bindDefinition(QSqlQuery& query, const AttributeDefinition& definition)
{
    query.bindValue(QStringLiteral(":name"), definition.name);
    query.bindValue(QStringLiteral(":display"), Database::text(definition.displayName));
    query.bindValue(QStringLiteral(":type"), protocol::attributeTypeName(definition.type));
    query.bindValue(QStringLiteral(":rule"), protocol::overwriteRuleName(definition.rule));
    query.bindValue(QStringLiteral(":allowed"), allowedText(definition.allowedValues));
    query.bindValue(QStringLiteral(":position"), definition.position);
    query.bindValue(QStringLiteral(":updated"), definition.updatedAt);
}

Result<std::optional<AttributeDefinition>> findOne(Database& db, const QString& where,
                                                   const QVariant& key)
{
    auto query = db.prepare(QStringLiteral("SELECT ") + DefinitionColumns
                            + QStringLiteral(" FROM attribute_definitions WHERE ") + where);
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":key"), key);
    if (auto r = Database::exec(*query, QStringLiteral("reading an attribute definition")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<AttributeDefinition>{};
    }
    return std::optional<AttributeDefinition>{readDefinition(*query)};
}

Result<std::vector<DeviceAttributeValue>> selectValues(Database& db, const QString& where,
                                                       qint64 key)
{
    auto query = db.prepare(QStringLiteral("SELECT device_id, attribute_id, value, set_by, "
                                           "updated_at FROM device_attributes WHERE ")
                            + where + QStringLiteral(" ORDER BY device_id, attribute_id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":key"), key);
    if (auto r = Database::exec(*query, QStringLiteral("reading attribute values")); !r) {
        return r.error();
    }
    std::vector<DeviceAttributeValue> values;
    while (query->next()) {
        values.push_back(readValue(*query));
    }
    return values;
}

} // namespace

AttributeRepository::AttributeRepository(Database& db) : m_db(db) {}

Result<qint64> AttributeRepository::insertDefinition(const AttributeDefinition& definition)
{
    auto existing = findDefinitionByName(definition.name);
    if (!existing) {
        return existing.error();
    }
    if (existing->has_value()) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("an attribute named \"%1\" exists already (id %2)")
                             .arg(definition.name)
                             .arg((*existing)->id));
    }
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO attribute_definitions (name, display_name, type, overwrite_rule, "
        "allowed_values, position, created_at, updated_at) VALUES (:name, :display, :type, "
        ":rule, :allowed, :position, :created, :updated) RETURNING id"));
    if (!query) {
        return query.error();
    }
    bindDefinition(*query, definition);
    query->bindValue(QStringLiteral(":created"), definition.createdAt);
    if (auto r = Database::exec(*query, QStringLiteral("creating an attribute definition")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the new attribute"));
    }
    return query->value(0).toLongLong();
}

Result<void> AttributeRepository::updateDefinition(const AttributeDefinition& definition)
{
    auto existing = findDefinitionByName(definition.name);
    if (!existing) {
        return existing.error();
    }
    if (existing->has_value() && (*existing)->id != definition.id) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("an attribute named \"%1\" exists already (id %2)")
                             .arg(definition.name)
                             .arg((*existing)->id));
    }
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE attribute_definitions SET name = :name, display_name = :display, type = :type, "
        "overwrite_rule = :rule, allowed_values = :allowed, position = :position, "
        "updated_at = :updated WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    bindDefinition(*query, definition);
    query->bindValue(QStringLiteral(":id"), definition.id);
    if (auto r = Database::exec(*query, QStringLiteral("changing an attribute definition")); !r) {
        return r;
    }
    if (query->numRowsAffected() == 0) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no attribute %1").arg(definition.id));
    }
    return {};
}

Result<void> AttributeRepository::removeDefinition(qint64 id)
{
    for (const auto* sql : {"DELETE FROM device_attributes WHERE attribute_id = :id",
                            "DELETE FROM attribute_definitions WHERE id = :id"}) {
        auto query = m_db.prepare(QString::fromLatin1(sql));
        if (!query) {
            return query.error();
        }
        query->bindValue(QStringLiteral(":id"), id);
        if (auto r = Database::exec(*query, QStringLiteral("deleting an attribute")); !r) {
            return r;
        }
    }
    return {};
}

Result<std::optional<AttributeDefinition>> AttributeRepository::findDefinition(qint64 id) const
{
    return findOne(m_db, QStringLiteral("id = :key"), id);
}

Result<std::optional<AttributeDefinition>>
AttributeRepository::findDefinitionByName(const QString& name) const
{
    return findOne(m_db, QStringLiteral("name = :key"), name);
}

Result<std::vector<AttributeDefinition>> AttributeRepository::definitions() const
{
    auto query = m_db.prepare(QStringLiteral("SELECT ") + DefinitionColumns
                              + QStringLiteral(" FROM attribute_definitions ORDER BY position, "
                                               "name"));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("listing attribute definitions")); !r) {
        return r.error();
    }
    std::vector<AttributeDefinition> definitions;
    while (query->next()) {
        definitions.push_back(readDefinition(*query));
    }
    return definitions;
}

Result<qint64> AttributeRepository::usageCount(qint64 attributeId) const
{
    auto query = m_db.prepare(
        QStringLiteral("SELECT COUNT(*) FROM device_attributes WHERE attribute_id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), attributeId);
    if (auto r = Database::exec(*query, QStringLiteral("counting an attribute's use")); !r) {
        return r.error();
    }
    query->next();
    return query->value(0).toLongLong();
}

Result<std::vector<DeviceAttributeValue>> AttributeRepository::valuesOf(qint64 attributeId) const
{
    return selectValues(m_db, QStringLiteral("attribute_id = :key"), attributeId);
}

Result<std::vector<DeviceAttributeValue>> AttributeRepository::values(qint64 deviceId) const
{
    return selectValues(m_db, QStringLiteral("device_id = :key"), deviceId);
}

Result<void> AttributeRepository::setValue(const DeviceAttributeValue& value)
{
    // ON CONFLICT … DO UPDATE: SQLite 3.24+ and PostgreSQL 9.5+ spell it the same.
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO device_attributes (device_id, attribute_id, value, set_by, updated_at) "
        "VALUES (:device, :attribute, :value, :by, :at) ON CONFLICT (device_id, attribute_id) "
        "DO UPDATE SET value = excluded.value, set_by = excluded.set_by, "
        "updated_at = excluded.updated_at"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":device"), value.deviceId);
    query->bindValue(QStringLiteral(":attribute"), value.attributeId);
    query->bindValue(QStringLiteral(":value"), value.value);
    query->bindValue(QStringLiteral(":by"), protocol::attributeWriterName(value.setBy));
    query->bindValue(QStringLiteral(":at"), value.updatedAt);
    return Database::exec(*query, QStringLiteral("storing an attribute value"));
}

Result<bool> AttributeRepository::clearValue(qint64 deviceId, qint64 attributeId)
{
    auto query = m_db.prepare(QStringLiteral(
        "DELETE FROM device_attributes WHERE device_id = :device AND attribute_id = :attribute"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":device"), deviceId);
    query->bindValue(QStringLiteral(":attribute"), attributeId);
    if (auto r = Database::exec(*query, QStringLiteral("clearing an attribute value")); !r) {
        return r.error();
    }
    return query->numRowsAffected() > 0;
}

} // namespace steward::server::db
