// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ViewFilter's matching half: a device's subject and whether a filter selects it.
#include "server/services/ViewFilter.h"

#include <QJsonDocument>

#include <algorithm>

namespace steward::server::services {
namespace {

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
