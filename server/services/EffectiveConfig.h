// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// EffectiveConfig - which value each parameter has on one device, and why.
#pragma once

#include "common/settings/ParameterRegistry.h"
#include "server/db/records/Profile.h"

#include <QJsonObject>

#include <tuple>
#include <vector>

namespace steward::server::services {

enum class ValueSource { PriorityProfile, Profile, Local, Default };

/** "priority-profile", "profile", "local", "default" */
[[nodiscard]] QString valueSourceName(ValueSource source);

/** How a profile reaches the device: one assignment, direct, through a view or a folder. */
struct Origin {
    qint64 profileId = 0;
    QString profileName;
    db::ProfileKind kind = db::ProfileKind::Standard;
    qint64 assignmentId = 0;        // of profile_assignments, or of profile_view_assignments
    std::optional<qint64> folderId; // absent (and no view): assigned to the device itself
    QString folderPath;
    int level = 0;                // 0: the device or a view; 1: the device's folder; 2: …
    std::optional<qint64> viewId; // assigned to this view, which the device belongs to
    QString viewName;
};

/** Where an assignment points, strongest first: the device, a view, a folder. */
enum class Via { Device, View, Folder };
[[nodiscard]] Via viaOf(const Origin& origin);
/** "device", "view", "folder" */
[[nodiscard]] QString viaName(Via via);
/**
 * The precedence of one profile's reach within its tier, as one sort key (smaller is
 * stronger): (via, level, -profile id, assignment id).
 */
[[nodiscard]] std::tuple<int, int, qint64, qint64> originRank(const Origin& origin);

struct AppliedProfile {
    Origin origin;
    db::ParameterValues values;
};

/** One candidate value of a parameter. */
struct Provenance {
    ValueSource source = ValueSource::Default;
    QJsonValue value;
    std::optional<Origin> origin; // for the two profile sources
    QString ignored;              // why a stored value was not used (it fails the registry)
};

struct EffectiveValue {
    const settings::Parameter* parameter = nullptr;
    Provenance winner;
    std::vector<Provenance> overridden; // every other candidate, strongest first
};

/**
 * The effective configuration, one entry per registry parameter in key order. Precedence,
 * strongest first, and deterministic for any input order:
 *   1. priority profiles, 2. standard profiles, 3. the device's local values, 4. defaults.
 * Within 1 and 2: a direct assignment beats a view's, a view's beats a folder's, a nearer folder
 * beats a farther one, and on the same level the higher profile id wins (then the lower
 * assignment id, for one profile reaching the device through two views).
 * A stored value that fails the registry's check is listed as ignored and never wins.
 */
[[nodiscard]] std::vector<EffectiveValue>
computeEffectiveConfig(const settings::ParameterRegistry& registry,
                       const std::vector<AppliedProfile>& profiles,
                       const db::ParameterValues& localValues);

/**
 * A configuration's version: the SHA-256 (hex) of its values as one compact JSON object in key
 * order. Equal values give equal versions, so an agent that reports the version it applied can
 * be compared with what it should have, whatever changed on the way.
 */
[[nodiscard]] QString configurationVersion(const std::vector<EffectiveValue>& values);

/** {"source","value","profile"?,"assignment"?,"reason","ignored"?} */
[[nodiscard]] QJsonObject provenanceJson(const Provenance& provenance);
/** {"key","value","applier","rebootRequired","source",…,"overrode":[…]} */
[[nodiscard]] QJsonObject effectiveValueJson(const EffectiveValue& value);

/**
 * Only what a profile or a local value sets (key → value): a device keeps its own setting for
 * every parameter nobody manages (a freshly enrolled device's time zone or keyboard are not
 * overwritten with the registry's defaults). The agent reverts a parameter to its default when
 * it leaves the bundle after it had been managed (BundleApplier::apply).
 */
[[nodiscard]] QJsonObject managedValues(const std::vector<EffectiveValue>& values);

} // namespace steward::server::services
