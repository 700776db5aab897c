// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/ViewFilter.h"

#include "common/protocol/JsonReader.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <array>
#include <limits>
#include <utility>

namespace steward::server::services {
namespace {

using protocol::JsonReader;

constexpr std::array<std::pair<ViewField, const char*>, 11> FieldNames{{
    {ViewField::Name, "name"},
    {ViewField::Hostname, "hostname"},
    {ViewField::UnitId, "unitId"},
    {ViewField::LastIp, "lastIp"},
    {ViewField::Os, "os"},
    {ViewField::Kernel, "kernel"},
    {ViewField::AgentVersion, "agentVersion"},
    {ViewField::CpuModel, "cpuModel"},
    {ViewField::Folder, "folder"},
    {ViewField::Attribute, "attribute"},
    {ViewField::Online, "online"},
}};

constexpr std::array<std::pair<TextMatch, const char*>, 3> MatchNames{{
    {TextMatch::Equals, "equals"},
    {TextMatch::Glob, "glob"},
    {TextMatch::Regex, "regex"},
}};

QString fieldName(ViewField field)
{
    for (const auto& [value, name] : FieldNames) {
        if (value == field) {
            return QLatin1String(name);
        }
    }
    return {};
}

QString knownFields()
{
    QStringList names;
    for (const auto& entry : FieldNames) {
        names.append(QLatin1String(entry.second));
    }
    return names.join(QStringLiteral(", "));
}

// The members a condition of this field may have, besides "field".
QStringList allowedMembers(ViewField field)
{
    switch (field) {
    case ViewField::Folder:
        return {QStringLiteral("folder"), QStringLiteral("subfolders")};
    case ViewField::Online:
        return {QStringLiteral("equals")};
    case ViewField::Attribute:
        return {QStringLiteral("attribute"), QStringLiteral("equals"), QStringLiteral("glob"),
                QStringLiteral("regex")};
    default:
        break;
    }
    return {QStringLiteral("equals"), QStringLiteral("glob"), QStringLiteral("regex")};
}

void readText(JsonReader& reader, const QJsonObject& object, ViewCondition& condition)
{
    int given = 0;
    for (const auto& [match, name] : MatchNames) {
        if (object.contains(QLatin1String(name))) {
            ++given;
            condition.match = match;
        }
    }
    if (given != 1) {
        reader.invalid(u"field", QStringLiteral("%1 needs exactly one of equals, glob and regex")
                                     .arg(fieldName(condition.field)));
        return;
    }
    const auto key = QString::fromLatin1(MatchNames[size_t(condition.match)].second);
    condition.pattern = reader.requireString(key);
    if (!reader.ok()) {
        return;
    }
    if (condition.pattern.size() > MaxViewPatternLength) {
        reader.invalid(key,
                       QStringLiteral("has more than %1 characters").arg(MaxViewPatternLength));
    } else if (condition.match == TextMatch::Glob) {
        condition.compiled = viewGlob(condition.pattern);
    } else if (condition.match == TextMatch::Regex) {
        condition.compiled =
            QRegularExpression(QRegularExpression::anchoredPattern(condition.pattern));
        if (!condition.compiled.isValid()) {
            reader.invalid(key, QStringLiteral("is not a valid regular expression: %1")
                                    .arg(condition.compiled.errorString()));
        }
    }
}

ViewCondition readCondition(JsonReader& reader, const QJsonObject& object)
{
    ViewCondition condition;
    const QString field = reader.requireString(u"field");
    if (!reader.ok()) {
        return condition;
    }
    const auto known = std::find_if(FieldNames.begin(), FieldNames.end(), [&](const auto& entry) {
        return field == QLatin1String(entry.second);
    });
    if (known == FieldNames.end()) {
        reader.invalid(
            u"field", QStringLiteral("\"%1\" is not one of %2").arg(field.left(40), knownFields()));
        return condition;
    }
    condition.field = known->first;
    const QStringList allowed = allowedMembers(condition.field);
    for (const QString& key : object.keys()) {
        if (key != QLatin1String("field") && !allowed.contains(key)) {
            reader.invalid(key, QStringLiteral("is not known for field %1 (allowed: %2)")
                                    .arg(field, allowed.join(QStringLiteral(", "))));
            return condition;
        }
    }
    if (condition.field == ViewField::Folder) {
        const QJsonValue folder = object.value(QStringLiteral("folder"));
        if (!folder.isNull()) { // null: the root
            condition.folder = reader.requireInt(u"folder", 1, std::numeric_limits<qint64>::max());
        }
        condition.subfolders = reader.optionalBool(u"subfolders").value_or(true);
    } else if (condition.field == ViewField::Online) {
        condition.online = reader.requireBool(u"equals");
    } else {
        if (condition.field == ViewField::Attribute) {
            condition.attribute = reader.requireString(u"attribute", JsonReader::Text::NonEmpty);
        }
        if (reader.ok()) {
            readText(reader, object, condition);
        }
    }
    return condition;
}

QJsonObject conditionJson(const ViewCondition& condition)
{
    QJsonObject json{{QStringLiteral("field"), fieldName(condition.field)}};
    switch (condition.field) {
    case ViewField::Folder:
        json.insert(QStringLiteral("folder"), condition.folder ? QJsonValue(*condition.folder)
                                                               : QJsonValue(QJsonValue::Null));
        json.insert(QStringLiteral("subfolders"), condition.subfolders);
        break;
    case ViewField::Online:
        json.insert(QStringLiteral("equals"), condition.online);
        break;
    case ViewField::Attribute:
        json.insert(QStringLiteral("attribute"), condition.attribute);
        [[fallthrough]];
    default:
        json.insert(QLatin1String(MatchNames[size_t(condition.match)].second), condition.pattern);
        break;
    }
    return json;
}

const QString& textOf(const ViewSubject& subject, ViewField field)
{
    switch (field) {
    case ViewField::Hostname:
        return subject.hostname;
    case ViewField::UnitId:
        return subject.unitId;
    case ViewField::LastIp:
        return subject.lastIp;
    case ViewField::Os:
        return subject.os;
    case ViewField::Kernel:
        return subject.kernel;
    case ViewField::AgentVersion:
        return subject.agentVersion;
    case ViewField::CpuModel:
        return subject.cpuModel;
    default:
        break;
    }
    return subject.name;
}

bool textMatches(const ViewCondition& condition, const QString& value)
{
    if (condition.match == TextMatch::Equals) {
        return value == condition.pattern;
    }
    return condition.compiled.match(value).hasMatch();
}

bool conditionHolds(const ViewCondition& condition, const ViewSubject& subject)
{
    switch (condition.field) {
    case ViewField::Folder:
        if (!condition.folder) {
            return condition.subfolders || subject.folders.empty();
        }
        if (!condition.subfolders) {
            return !subject.folders.empty() && subject.folders.front() == *condition.folder;
        }
        return std::find(subject.folders.begin(), subject.folders.end(), *condition.folder)
               != subject.folders.end();
    case ViewField::Online:
        return subject.online == condition.online;
    case ViewField::Attribute: {
        // A device without a value of the attribute never matches, whatever the pattern.
        const auto value = subject.attributes.constFind(condition.attribute);
        return value != subject.attributes.constEnd() && textMatches(condition, *value);
    }
    default:
        break;
    }
    return textMatches(condition, textOf(subject, condition.field));
}

} // namespace

QStringList ViewFilter::attributeNames() const
{
    QStringList names;
    for (const auto& condition : conditions) {
        if (condition.field == ViewField::Attribute && !names.contains(condition.attribute)) {
            names.append(condition.attribute);
        }
    }
    return names;
}

std::vector<qint64> ViewFilter::folders() const
{
    std::vector<qint64> ids;
    for (const auto& condition : conditions) {
        if (condition.field == ViewField::Folder && condition.folder) {
            ids.push_back(*condition.folder);
        }
    }
    return ids;
}

bool ViewFilter::needsInventory() const
{
    return std::any_of(conditions.begin(), conditions.end(), [](const ViewCondition& c) {
        return c.field == ViewField::Os || c.field == ViewField::Kernel
               || c.field == ViewField::AgentVersion || c.field == ViewField::CpuModel;
    });
}

QRegularExpression viewGlob(const QString& pattern)
{
    QString regex;
    for (const QChar c : pattern) {
        if (c == QLatin1Char('*')) {
            regex += QStringLiteral(".*");
        } else if (c == QLatin1Char('?')) {
            regex += QLatin1Char('.');
        } else {
            regex += QRegularExpression::escape(QString(c));
        }
    }
    return QRegularExpression(QRegularExpression::anchoredPattern(regex),
                              QRegularExpression::CaseInsensitiveOption
                                  | QRegularExpression::DotMatchesEverythingOption);
}

Result<ViewFilter> parseViewFilter(const QJsonObject& json, const QString& path)
{
    JsonReader reader(json, path);
    for (const QString& key : json.keys()) {
        if (key != QLatin1String("all")) {
            reader.invalid(key, QStringLiteral("is not known: a filter is {\"all\":[condition…]}"));
            return *reader.error();
        }
    }
    const QJsonArray all = reader.requireArray(u"all");
    if (reader.ok() && all.size() > MaxViewConditions) {
        reader.invalid(u"all",
                       QStringLiteral("has more than %1 conditions").arg(MaxViewConditions));
    }
    ViewFilter filter;
    reader.readObjectList(u"all", [&](JsonReader& element) {
        // readObjectList hands out readers, not the objects: take the object by position.
        const QJsonObject object = all.at(qsizetype(filter.conditions.size())).toObject();
        filter.conditions.push_back(readCondition(element, object));
    });
    return reader.finish(std::move(filter));
}

QJsonObject viewFilterJson(const ViewFilter& filter)
{
    QJsonArray all;
    for (const auto& condition : filter.conditions) {
        all.append(conditionJson(condition));
    }
    return QJsonObject{{QStringLiteral("all"), all}};
}

ViewSubject viewSubjectOf(const db::Device& device, std::vector<qint64> folders,
                          QHash<QString, QString> attributes, bool online)
{
    ViewSubject subject;
    subject.name = device.name;
    subject.hostname = device.hostname;
    subject.unitId = device.unitId;
    subject.lastIp = device.lastIp;
    if (!device.inventory.isEmpty()) {
        const QJsonObject inventory = QJsonDocument::fromJson(device.inventory.toUtf8()).object();
        subject.os = inventory.value(QStringLiteral("os")).toString();
        subject.kernel = inventory.value(QStringLiteral("kernel")).toString();
        subject.agentVersion = inventory.value(QStringLiteral("agentVersion")).toString();
        subject.cpuModel = inventory.value(QStringLiteral("cpuModel")).toString();
    }
    subject.folders = std::move(folders);
    subject.attributes = std::move(attributes);
    subject.online = online;
    return subject;
}

bool viewMatches(const ViewFilter& filter, const ViewSubject& subject)
{
    return std::all_of(filter.conditions.begin(), filter.conditions.end(),
                       [&](const ViewCondition& c) { return conditionHolds(c, subject); });
}

} // namespace steward::server::services
