// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/EffectiveConfig.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <tuple>

namespace steward::server::services {
namespace {

// Smaller is stronger: the whole precedence in one key.
auto rank(const Provenance& candidate)
{
    const int tier = int(candidate.source);
    return std::tuple_cat(std::make_tuple(tier), candidate.origin
                                                     ? originRank(*candidate.origin)
                                                     : std::tuple<int, int, qint64, qint64>{});
}

QString placeText(const Origin& origin)
{
    if (origin.viewId) {
        return QStringLiteral("assigned to view \"%1\" (id %2), which the device belongs to")
            .arg(origin.viewName)
            .arg(*origin.viewId);
    }
    if (!origin.folderId) {
        return QStringLiteral("assigned to the device");
    }
    return QStringLiteral("assigned to folder %1 (%2 level%3 up)")
        .arg(origin.folderPath)
        .arg(origin.level)
        .arg(origin.level == 1 ? QString() : QStringLiteral("s"));
}

QString reason(const Provenance& provenance)
{
    switch (provenance.source) {
    case ValueSource::PriorityProfile:
    case ValueSource::Profile:
        return QStringLiteral("%1 \"%2\" (id %3) %4")
            .arg(provenance.source == ValueSource::PriorityProfile
                     ? QStringLiteral("priority profile")
                     : QStringLiteral("profile"),
                 provenance.origin->profileName)
            .arg(provenance.origin->profileId)
            .arg(placeText(*provenance.origin));
    case ValueSource::Local:
        return QStringLiteral("set locally on the device");
    case ValueSource::Default:
        break;
    }
    return QStringLiteral("the parameter's default");
}

} // namespace

Via viaOf(const Origin& origin)
{
    if (origin.viewId) {
        return Via::View;
    }
    return origin.folderId ? Via::Folder : Via::Device;
}

QString viaName(Via via)
{
    switch (via) {
    case Via::View:
        return QStringLiteral("view");
    case Via::Folder:
        return QStringLiteral("folder");
    case Via::Device:
        break;
    }
    return QStringLiteral("device");
}

std::tuple<int, int, qint64, qint64> originRank(const Origin& origin)
{
    return {int(viaOf(origin)), origin.level, -origin.profileId, origin.assignmentId};
}

QString valueSourceName(ValueSource source)
{
    switch (source) {
    case ValueSource::PriorityProfile:
        return QStringLiteral("priority-profile");
    case ValueSource::Profile:
        return QStringLiteral("profile");
    case ValueSource::Local:
        return QStringLiteral("local");
    case ValueSource::Default:
        break;
    }
    return QStringLiteral("default");
}

std::vector<EffectiveValue> computeEffectiveConfig(const settings::ParameterRegistry& registry,
                                                   const std::vector<AppliedProfile>& profiles,
                                                   const db::ParameterValues& localValues)
{
    std::vector<EffectiveValue> result;
    result.reserve(registry.parameters().size());
    for (const auto& parameter : registry.parameters()) {
        std::vector<Provenance> candidates;
        for (const auto& applied : profiles) {
            const auto it = applied.values.constFind(parameter.key);
            if (it != applied.values.constEnd()) {
                const auto source = applied.origin.kind == db::ProfileKind::Priority
                                        ? ValueSource::PriorityProfile
                                        : ValueSource::Profile;
                candidates.push_back({source, *it, applied.origin, {}});
            }
        }
        if (const auto it = localValues.constFind(parameter.key); it != localValues.constEnd()) {
            candidates.push_back({ValueSource::Local, *it, std::nullopt, {}});
        }
        for (auto& candidate : candidates) {
            if (auto valid = parameter.check(candidate.value); !valid) {
                candidate.ignored = valid.error().message;
            }
        }
        candidates.push_back({ValueSource::Default, parameter.defaultValue, std::nullopt, {}});
        std::stable_sort(
            candidates.begin(), candidates.end(),
            [](const Provenance& a, const Provenance& b) { return rank(a) < rank(b); });
        const auto winner = std::find_if(candidates.begin(), candidates.end(),
                                         [](const Provenance& c) { return c.ignored.isEmpty(); });
        EffectiveValue value;
        value.parameter = &parameter;
        value.winner = *winner;
        candidates.erase(winner);
        value.overridden = std::move(candidates);
        result.push_back(std::move(value));
    }
    return result;
}

QString configurationVersion(const std::vector<EffectiveValue>& values)
{
    QJsonObject all;
    for (const auto& value : values) {
        all.insert(value.parameter->key, value.winner.value);
    }
    const QByteArray canonical = QJsonDocument(all).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(
        QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex());
}

QJsonObject provenanceJson(const Provenance& provenance)
{
    QJsonObject json{{QStringLiteral("source"), valueSourceName(provenance.source)},
                     {QStringLiteral("value"), provenance.value},
                     {QStringLiteral("reason"), reason(provenance)}};
    if (provenance.origin) {
        const Origin& origin = *provenance.origin;
        json.insert(QStringLiteral("profile"),
                    QJsonObject{{QStringLiteral("id"), origin.profileId},
                                {QStringLiteral("name"), origin.profileName},
                                {QStringLiteral("kind"), db::profileKindName(origin.kind)}});
        QJsonObject assignment{{QStringLiteral("id"), origin.assignmentId},
                               {QStringLiteral("via"), viaName(viaOf(origin))},
                               {QStringLiteral("level"), origin.level}};
        if (origin.viewId) {
            assignment.insert(QStringLiteral("view"), *origin.viewId);
            assignment.insert(QStringLiteral("name"), origin.viewName);
        } else if (origin.folderId) {
            assignment.insert(QStringLiteral("folder"), *origin.folderId);
            assignment.insert(QStringLiteral("path"), origin.folderPath);
        }
        json.insert(QStringLiteral("assignment"), assignment);
    }
    if (!provenance.ignored.isEmpty()) {
        json.insert(QStringLiteral("ignored"), provenance.ignored);
    }
    return json;
}

QJsonObject effectiveValueJson(const EffectiveValue& value)
{
    QJsonObject json = provenanceJson(value.winner);
    json.insert(QStringLiteral("key"), value.parameter->key);
    json.insert(QStringLiteral("applier"), value.parameter->applier);
    json.insert(QStringLiteral("rebootRequired"), value.parameter->rebootRequired);
    QJsonArray overrode;
    for (const auto& candidate : value.overridden) {
        overrode.append(provenanceJson(candidate));
    }
    json.insert(QStringLiteral("overrode"), overrode);
    return json;
}

QJsonObject managedValues(const std::vector<EffectiveValue>& values)
{
    QJsonObject managed;
    for (const auto& value : values) {
        if (value.winner.source != ValueSource::Default) {
            managed.insert(value.parameter->key, value.winner.value);
        }
    }
    return managed;
}

} // namespace steward::server::services
