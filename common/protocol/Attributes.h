// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Attributes - device attributes: their types, overwrite rules, value checks and messages.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/MessageType.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace steward::protocol {

/** string: any text; number: decimal "-12.5"; date: ISO 8601 "2026-11-23"; list: one of. */
enum class AttributeType { String, Number, Date, List };
/** Who may change a value: administrators only, the device only, or both (last writer wins). */
enum class OverwriteRule { Server, Device, Both };
/** Who wrote a value. */
enum class AttributeWriter { Server, Device };

/** A value (and an allowed value of a list) has at most this many characters. */
inline constexpr qsizetype MaxAttributeValueLength = 100;
inline constexpr qsizetype MaxAttributeNameLength = 64;
inline constexpr qsizetype MaxAttributeDisplayNameLength = 100;
inline constexpr qsizetype MaxAllowedValues = 100;

[[nodiscard]] QString attributeTypeName(AttributeType type); // "string", "number", …
[[nodiscard]] std::optional<AttributeType> attributeTypeFromName(QStringView name);
[[nodiscard]] QString overwriteRuleName(OverwriteRule rule); // "server", "device", "both"
[[nodiscard]] std::optional<OverwriteRule> overwriteRuleFromName(QStringView name);
[[nodiscard]] QString attributeWriterName(AttributeWriter writer); // "server", "device"
[[nodiscard]] std::optional<AttributeWriter> attributeWriterFromName(QStringView name);

/** Whether \a writer may set or reset a value under \a rule. */
[[nodiscard]] bool mayWrite(OverwriteRule rule, AttributeWriter writer);
/** Why \a writer may not change attribute \a name (OverwriteRefused), or nothing. */
[[nodiscard]] Result<void> checkOverwrite(const QString& name, OverwriteRule rule,
                                          AttributeWriter writer);

/**
 * A name: 1–64 characters, a letter first, then letters, digits, '_', '-' or '.'
 * ("location", "asset.tag"). InvalidValue names the rule it breaks.
 */
[[nodiscard]] Result<void> checkAttributeName(const QString& name);

/** The parts of a definition a value is checked against. */
struct AttributeShape {
    AttributeType type = AttributeType::String;
    QStringList allowedValues; // list only
};

/**
 * Checks \a value for attribute \a name: non-empty (reset clears a value), at most 100
 * characters, and fitting the type. InvalidValue says what is wrong and what would fit.
 */
[[nodiscard]] Result<void> checkAttributeValue(const QString& name, const AttributeShape& shape,
                                               const QString& value);

/**
 * Checks a definition's shape: a list has 1–100 distinct, non-empty allowed values of at most
 * 100 characters each; the other types have none.
 */
[[nodiscard]] Result<void> checkAttributeShape(const AttributeShape& shape);

/** One attribute of one device: its definition and the device's value, if set. */
struct AttributeEntry {
    QString name;
    QString displayName;
    AttributeType type = AttributeType::String;
    OverwriteRule rule = OverwriteRule::Server;
    QStringList allowedValues;
    std::optional<QString> value;         // absent: not set
    std::optional<AttributeWriter> setBy; // with value
    std::optional<qint64> updatedAt;      // with value: epoch seconds UTC

    bool operator==(const AttributeEntry&) const = default;
};

/**
 * `attribute.snapshot`, server → agent: every attribute defined and this device's values. The
 * reply to attribute.sync, attribute.set and attribute.reset, and pushed (without `re`) when
 * an administrator changes a value or a definition.
 */
struct AttributeSnapshot {
    static constexpr MessageType Type = MessageType::AttributeSnapshot;
    std::vector<AttributeEntry> attributes;

    bool operator==(const AttributeSnapshot&) const = default;
};

/** `attribute.sync`, agent → server: asks for an attribute.snapshot. Empty body. */
struct AttributeSync {
    static constexpr MessageType Type = MessageType::AttributeSync;

    bool operator==(const AttributeSync&) const = default;
};

/** `attribute.set`, agent → server: the device sets one value (refused per overwrite rule). */
struct AttributeSet {
    static constexpr MessageType Type = MessageType::AttributeSet;
    QString name;
    QString value;

    bool operator==(const AttributeSet&) const = default;
};

/** `attribute.reset`, agent → server: the device clears one value. */
struct AttributeReset {
    static constexpr MessageType Type = MessageType::AttributeReset;
    QString name;

    bool operator==(const AttributeReset&) const = default;
};

[[nodiscard]] QJsonObject toJson(const AttributeEntry& entry);
[[nodiscard]] QJsonObject toJson(const AttributeSnapshot& snapshot);
[[nodiscard]] QJsonObject toJson(const AttributeSync& sync);
[[nodiscard]] QJsonObject toJson(const AttributeSet& set);
[[nodiscard]] QJsonObject toJson(const AttributeReset& reset);
[[nodiscard]] Result<AttributeSnapshot> attributeSnapshotFromJson(const QJsonObject& body);
[[nodiscard]] Result<AttributeSync> attributeSyncFromJson(const QJsonObject& body);
[[nodiscard]] Result<AttributeSet> attributeSetFromJson(const QJsonObject& body);
[[nodiscard]] Result<AttributeReset> attributeResetFromJson(const QJsonObject& body);

} // namespace steward::protocol
