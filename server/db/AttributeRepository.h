// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AttributeRepository - attribute definitions and the devices' values of them.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Attribute.h"

#include <optional>
#include <vector>

namespace steward::server::db {

class Database;

/** Plain storage; checking names, types and overwrite rules is AttributeService's job. */
class AttributeRepository {
public:
    explicit AttributeRepository(Database& db);

    /** AlreadyExists when the name is taken. */
    [[nodiscard]] Result<qint64> insertDefinition(const AttributeDefinition& definition);
    /** NotFound for an unknown id; AlreadyExists when renamed onto another's name. */
    [[nodiscard]] Result<void> updateDefinition(const AttributeDefinition& definition);
    /** Removes the definition and every device's value of it. */
    [[nodiscard]] Result<void> removeDefinition(qint64 id);
    [[nodiscard]] Result<std::optional<AttributeDefinition>> findDefinition(qint64 id) const;
    [[nodiscard]] Result<std::optional<AttributeDefinition>>
    findDefinitionByName(const QString& name) const;
    /** Ordered by position, then name. */
    [[nodiscard]] Result<std::vector<AttributeDefinition>> definitions() const;

    /** How many devices hold a value of the attribute. */
    [[nodiscard]] Result<qint64> usageCount(qint64 attributeId) const;
    /** Every value of one attribute (to re-check them against a changed definition). */
    [[nodiscard]] Result<std::vector<DeviceAttributeValue>> valuesOf(qint64 attributeId) const;
    /** One device's values. */
    [[nodiscard]] Result<std::vector<DeviceAttributeValue>> values(qint64 deviceId) const;
    /** Inserts or replaces the device's value of the attribute. */
    [[nodiscard]] Result<void> setValue(const DeviceAttributeValue& value);
    /** Whether there was a value to clear. */
    [[nodiscard]] Result<bool> clearValue(qint64 deviceId, qint64 attributeId);

private:
    Database& m_db;
};

} // namespace steward::server::db
