// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Attributes.h"

#include "common/protocol/JsonReader.h"

#include <QDate>
#include <QJsonArray>
#include <QRegularExpression>

#include <array>
#include <limits>
#include <utility>

namespace steward::protocol {
namespace {

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char*>, N>& table, Enum value)
{
    for (const auto& [entry, name] : table) {
        if (entry == value) {
            return QString::fromLatin1(name);
        }
    }
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> fromName(const std::array<std::pair<Enum, const char*>, N>& table,
                             QStringView name)
{
    for (const auto& [entry, text] : table) {
        if (name == QLatin1String(text)) {
            return entry;
        }
    }
    return std::nullopt;
}

constexpr std::array<std::pair<AttributeType, const char*>, 4> TypeNames{{
    {AttributeType::String, "string"},
    {AttributeType::Number, "number"},
    {AttributeType::Date, "date"},
    {AttributeType::List, "list"},
}};
constexpr std::array<std::pair<OverwriteRule, const char*>, 3> RuleNames{{
    {OverwriteRule::Server, "server"},
    {OverwriteRule::Device, "device"},
    {OverwriteRule::Both, "both"},
}};
constexpr std::array<std::pair<AttributeWriter, const char*>, 2> WriterNames{{
    {AttributeWriter::Server, "server"},
    {AttributeWriter::Device, "device"},
}};

Error invalid(const QString& message)
{
    return Error{ErrorCode::InvalidValue, message};
}

// Reads an enum field by its wire name, naming the accepted ones on failure.
template <typename Enum, std::size_t N>
Enum readEnum(JsonReader& reader, QStringView key,
              const std::array<std::pair<Enum, const char*>, N>& table)
{
    const QString text = reader.requireString(key);
    if (!reader.ok()) {
        return table[0].first;
    }
    if (const auto value = fromName(table, text)) {
        return *value;
    }
    QStringList accepted;
    for (const auto& [entry, name] : table) {
        accepted.append(QString::fromLatin1(name));
    }
    reader.invalid(key, QStringLiteral("is \"%1\"; use one of %2")
                            .arg(text.left(40), accepted.join(QStringLiteral(", "))));
    return table[0].first;
}

void checkName(JsonReader& reader, QStringView key, const QString& name)
{
    if (reader.ok()) {
        if (auto fits = checkAttributeName(name); !fits) {
            reader.fail(Error{ErrorCode::InvalidValue,
                              reader.pathOf(key) + QStringLiteral(": ") + fits.error().message});
        }
    }
}

void checkLength(JsonReader& reader, QStringView key, const QString& value, qsizetype max)
{
    if (reader.ok() && value.size() > max) {
        reader.invalid(key, QStringLiteral("has more than %1 characters").arg(max));
    }
}

AttributeEntry readEntry(JsonReader& reader)
{
    AttributeEntry entry;
    entry.name = reader.requireString(u"name", JsonReader::Text::NonEmpty);
    checkName(reader, u"name", entry.name);
    entry.displayName = reader.optionalString(u"displayName").value_or(QString());
    checkLength(reader, u"displayName", entry.displayName, MaxAttributeDisplayNameLength);
    entry.type = readEnum(reader, u"type", TypeNames);
    entry.rule = readEnum(reader, u"overwriteRule", RuleNames);
    entry.allowedValues = reader.optionalStringList(u"allowedValues");
    if (reader.ok() && entry.allowedValues.size() > MaxAllowedValues) {
        reader.invalid(u"allowedValues",
                       QStringLiteral("has more than %1 entries").arg(MaxAllowedValues));
    }
    for (const auto& allowed : entry.allowedValues) {
        checkLength(reader, u"allowedValues", allowed, MaxAttributeValueLength);
    }
    entry.value = reader.optionalString(u"value");
    if (entry.value) {
        checkLength(reader, u"value", *entry.value, MaxAttributeValueLength);
        entry.setBy = readEnum(reader, u"setBy", WriterNames);
        entry.updatedAt = reader.requireInt(u"updatedAt", 0, std::numeric_limits<qint64>::max());
    }
    return entry;
}

} // namespace

QString attributeTypeName(AttributeType type)
{
    return nameOf(TypeNames, type);
}

std::optional<AttributeType> attributeTypeFromName(QStringView name)
{
    return fromName(TypeNames, name);
}

QString overwriteRuleName(OverwriteRule rule)
{
    return nameOf(RuleNames, rule);
}

std::optional<OverwriteRule> overwriteRuleFromName(QStringView name)
{
    return fromName(RuleNames, name);
}

QString attributeWriterName(AttributeWriter writer)
{
    return nameOf(WriterNames, writer);
}

std::optional<AttributeWriter> attributeWriterFromName(QStringView name)
{
    return fromName(WriterNames, name);
}

bool mayWrite(OverwriteRule rule, AttributeWriter writer)
{
    switch (rule) {
    case OverwriteRule::Both:
        return true;
    case OverwriteRule::Server:
        return writer == AttributeWriter::Server;
    case OverwriteRule::Device:
        return writer == AttributeWriter::Device;
    }
    return false;
}

Result<void> checkOverwrite(const QString& name, OverwriteRule rule, AttributeWriter writer)
{
    if (mayWrite(rule, writer)) {
        return {};
    }
    const QString message =
        writer == AttributeWriter::Device
            ? QStringLiteral("attribute \"%1\" has overwrite rule \"server\": only an "
                             "administrator may change it, not the device")
            : QStringLiteral("attribute \"%1\" has overwrite rule \"device\": only the device "
                             "may change it, not an administrator");
    return makeError(ErrorCode::OverwriteRefused, message.arg(name));
}

Result<void> checkAttributeName(const QString& name)
{
    static const QRegularExpression Pattern(QStringLiteral("^[A-Za-z][A-Za-z0-9_.-]*$"));
    if (name.isEmpty()) {
        return invalid(QStringLiteral("an attribute name cannot be empty"));
    }
    if (name.size() > MaxAttributeNameLength) {
        return invalid(QStringLiteral("attribute name \"%1…\" has more than %2 characters")
                           .arg(name.left(20))
                           .arg(MaxAttributeNameLength));
    }
    if (!Pattern.match(name).hasMatch()) {
        return invalid(QStringLiteral("attribute name \"%1\" must start with a letter and hold "
                                      "only letters, digits, '_', '-' and '.'")
                           .arg(name));
    }
    return {};
}

Result<void> checkAttributeValue(const QString& name, const AttributeShape& shape,
                                 const QString& value)
{
    static const QRegularExpression Number(QStringLiteral("^[+-]?[0-9]+(\\.[0-9]+)?$"));
    static const QRegularExpression DateShape(QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
    if (value.isEmpty()) {
        return invalid(
            QStringLiteral("a value for \"%1\" cannot be empty; reset it to clear it").arg(name));
    }
    if (value.size() > MaxAttributeValueLength) {
        return invalid(QStringLiteral("the value for \"%1\" has %2 characters; at most %3 are "
                                      "allowed")
                           .arg(name)
                           .arg(value.size())
                           .arg(MaxAttributeValueLength));
    }
    switch (shape.type) {
    case AttributeType::String:
        return {};
    case AttributeType::Number:
        if (!Number.match(value).hasMatch()) {
            return invalid(QStringLiteral("\"%1\" is a number attribute; \"%2\" is not a decimal "
                                          "number such as 42 or -3.5")
                               .arg(name, value));
        }
        return {};
    case AttributeType::Date:
        if (!DateShape.match(value).hasMatch()
            || !QDate::fromString(value, Qt::ISODate).isValid()) {
            return invalid(QStringLiteral("\"%1\" is a date attribute; \"%2\" is not a date in "
                                          "the form YYYY-MM-DD")
                               .arg(name, value));
        }
        return {};
    case AttributeType::List:
        if (!shape.allowedValues.contains(value)) {
            return invalid(QStringLiteral("\"%1\" is not an allowed value of \"%2\"; use one of: "
                                          "%3")
                               .arg(value, name, shape.allowedValues.join(QStringLiteral(", "))));
        }
        return {};
    }
    return {};
}

Result<void> checkAttributeShape(const AttributeShape& shape)
{
    if (shape.type != AttributeType::List) {
        if (!shape.allowedValues.isEmpty()) {
            return invalid(QStringLiteral("allowed values belong to list attributes only, not "
                                          "to %1 attributes")
                               .arg(attributeTypeName(shape.type)));
        }
        return {};
    }
    if (shape.allowedValues.isEmpty() || shape.allowedValues.size() > MaxAllowedValues) {
        return invalid(
            QStringLiteral("a list attribute needs 1 to %1 allowed values").arg(MaxAllowedValues));
    }
    QStringList seen;
    for (const auto& allowed : shape.allowedValues) {
        if (allowed.isEmpty() || allowed.size() > MaxAttributeValueLength) {
            return invalid(QStringLiteral("each allowed value has 1 to %1 characters; \"%2\" "
                                          "does not")
                               .arg(MaxAttributeValueLength)
                               .arg(allowed.left(20)));
        }
        if (seen.contains(allowed)) {
            return invalid(QStringLiteral("the allowed value \"%1\" is listed twice").arg(allowed));
        }
        seen.append(allowed);
    }
    return {};
}

QJsonObject toJson(const AttributeEntry& entry)
{
    QJsonObject json{
        {QLatin1String("name"), entry.name},
        {QLatin1String("displayName"), entry.displayName},
        {QLatin1String("type"), attributeTypeName(entry.type)},
        {QLatin1String("overwriteRule"), overwriteRuleName(entry.rule)},
        {QLatin1String("allowedValues"), QJsonArray::fromStringList(entry.allowedValues)}};
    if (entry.value) {
        json.insert(QLatin1String("value"), *entry.value);
        json.insert(QLatin1String("setBy"),
                    attributeWriterName(entry.setBy.value_or(AttributeWriter::Server)));
        json.insert(QLatin1String("updatedAt"), entry.updatedAt.value_or(0));
    }
    return json;
}

QJsonObject toJson(const AttributeSnapshot& snapshot)
{
    QJsonArray attributes;
    for (const auto& entry : snapshot.attributes) {
        attributes.append(toJson(entry));
    }
    return QJsonObject{{QLatin1String("attributes"), attributes}};
}

QJsonObject toJson(const AttributeSync&)
{
    return {};
}

QJsonObject toJson(const AttributeSet& set)
{
    return QJsonObject{{QLatin1String("name"), set.name}, {QLatin1String("value"), set.value}};
}

QJsonObject toJson(const AttributeReset& reset)
{
    return QJsonObject{{QLatin1String("name"), reset.name}};
}

Result<AttributeSnapshot> attributeSnapshotFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    AttributeSnapshot snapshot;
    reader.readObjectList(u"attributes", [&](JsonReader& element) {
        snapshot.attributes.push_back(readEntry(element));
    });
    return reader.finish(std::move(snapshot));
}

Result<AttributeSync> attributeSyncFromJson(const QJsonObject& body)
{
    return JsonReader(body).finish(AttributeSync{});
}

Result<AttributeSet> attributeSetFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    AttributeSet set;
    set.name = reader.requireString(u"name", JsonReader::Text::NonEmpty);
    checkLength(reader, u"name", set.name, MaxAttributeNameLength);
    // The value's length and type are the service's to judge, with a message naming both.
    set.value = reader.requireString(u"value");
    return reader.finish(std::move(set));
}

Result<AttributeReset> attributeResetFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    AttributeReset reset;
    reset.name = reader.requireString(u"name", JsonReader::Text::NonEmpty);
    checkLength(reader, u"name", reset.name, MaxAttributeNameLength);
    return reader.finish(std::move(reset));
}

} // namespace steward::protocol
