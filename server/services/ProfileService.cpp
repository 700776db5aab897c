// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/ProfileService.h"

#include "common/protocol/JsonReader.h"
#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "server/db/ProfileRepository.h"
#include "server/db/Transaction.h"
#include "server/db/ViewRepository.h"
#include "server/http/RouteSupport.h"
#include "server/services/AuditLog.h"
#include "server/services/EventHub.h"

#include <QJsonArray>

#include <tuple>

namespace steward::server::services {
namespace {

constexpr int MaxProfileNameLength = 128;
constexpr int MaxDescriptionLength = 2000;
constexpr int FileFormatVersion = 1;

QString profileObject(qint64 id)
{
    return QStringLiteral("profile:%1").arg(id);
}

QString keysText(const QJsonObject& values)
{
    return values.keys().join(QLatin1Char(','));
}

} // namespace

QJsonObject parameterValuesJson(const db::ParameterValues& values)
{
    QJsonObject json;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        json.insert(it.key(), it.value());
    }
    return json;
}

ProfileService::ProfileService(db::Database& database, db::ProfileRepository& profiles,
                               db::DeviceRepository& devices, FolderService& folders,
                               const settings::ParameterRegistry& registry, AuditLog& audit,
                               EventHub& events, Clock clock)
    : m_database(database), m_profiles(profiles), m_devices(devices), m_folders(folders),
      m_registry(registry), m_audit(audit), m_events(events), m_clock(std::move(clock))
{}

Result<std::vector<ProfileDetails>> ProfileService::list() const
{
    auto profiles = m_profiles.list();
    if (!profiles) {
        return profiles.error();
    }
    std::vector<ProfileDetails> details;
    for (const auto& profile : *profiles) {
        auto one = read(profile.id);
        if (!one) {
            return one.error();
        }
        details.push_back(std::move(*one));
    }
    return details;
}

Result<ProfileDetails> ProfileService::read(qint64 id) const
{
    auto profile = m_profiles.findById(id);
    if (!profile) {
        return profile.error();
    }
    if (!profile->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no profile %1").arg(id));
    }
    auto values = m_profiles.values(id);
    auto assignments = m_profiles.assignmentsOf(id);
    if (!values || !assignments) {
        return !values ? values.error() : assignments.error();
    }
    auto viewAssignments =
        m_views ? m_views->assignmentsOfProfile(id)
                : Result<std::vector<db::ViewAssignment>>(std::vector<db::ViewAssignment>{});
    if (!viewAssignments) {
        return viewAssignments.error();
    }
    return ProfileDetails{**profile, std::move(*values), std::move(*assignments),
                          std::move(*viewAssignments)};
}

Result<db::ParameterValues> ProfileService::checkedValues(const QJsonObject& values,
                                                          db::ParameterValues base) const
{
    for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
        if (it.value().isNull()) {
            base.remove(it.key());
            continue;
        }
        if (auto valid = m_registry.check(it.key(), it.value()); !valid) {
            return makeError(valid.error().code == ErrorCode::NotFound ? ErrorCode::InvalidValue
                                                                       : valid.error().code,
                             valid.error().message);
        }
        base.insert(it.key(), it.value());
    }
    return base;
}

Result<void> ProfileService::checkName(const QString& name, qint64 except) const
{
    if (name.isEmpty() || name.size() > MaxProfileNameLength || name.trimmed() != name) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("a profile name has 1 … %1 characters and no white "
                                        "space at either end")
                             .arg(MaxProfileNameLength));
    }
    auto twin = m_profiles.findByName(name);
    if (!twin) {
        return twin.error();
    }
    if (twin->has_value() && (*twin)->id != except) {
        return makeError(
            ErrorCode::AlreadyExists,
            QStringLiteral("profile %1 is already called \"%2\"").arg((*twin)->id).arg(name));
    }
    return {};
}

Result<ProfileDetails> ProfileService::store(db::Profile profile, const db::ParameterValues& values,
                                             bool isNew)
{
    if (auto named = checkName(profile.name, profile.id); !named) {
        return named.error();
    }
    if (profile.description.size() > MaxDescriptionLength) {
        return makeError(
            ErrorCode::InvalidValue,
            QStringLiteral("a description has at most %1 characters").arg(MaxDescriptionLength));
    }
    profile.updatedAt = m_clock();
    if (isNew) {
        profile.createdAt = profile.updatedAt;
        auto id = m_profiles.insert(profile);
        if (!id) {
            return id.error();
        }
        profile.id = *id;
    } else if (auto updated = m_profiles.update(profile); !updated) {
        return updated.error();
    }
    if (auto stored = m_profiles.setValues(profile.id, values); !stored) {
        return stored.error();
    }
    return read(profile.id);
}

Result<ProfileDetails> ProfileService::create(const db::Profile& profile, const QJsonObject& values,
                                              const Requester& requester)
{
    auto created = db::inTransaction<ProfileDetails>(m_database, [&]() -> Result<ProfileDetails> {
        auto checked = checkedValues(values, {});
        if (!checked) {
            return checked.error();
        }
        return store(profile, *checked, true);
    });
    m_audit.recordResult(
        requester.name, QStringLiteral("profile.create"),
        created ? profileObject(created->profile.id) : QStringLiteral("profile"), requester.peer,
        created,
        QStringLiteral("name=\"%1\" kind=%2 values=%3")
            .arg(profile.name.left(80), db::profileKindName(profile.kind), keysText(values)));
    if (created) {
        publish(QStringLiteral("created"), created->profile.id);
    }
    return created;
}

Result<ProfileDetails> ProfileService::update(qint64 id, const ProfileChange& change,
                                              const Requester& requester)
{
    auto updated = db::inTransaction<ProfileDetails>(m_database, [&]() -> Result<ProfileDetails> {
        auto current = read(id);
        if (!current) {
            return current.error();
        }
        if (change.revision && *change.revision != current->profile.revision) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("profile %1 is at revision %2, not %3; reload and "
                                            "try again")
                                 .arg(id)
                                 .arg(current->profile.revision)
                                 .arg(*change.revision));
        }
        auto values = checkedValues(change.values, current->values);
        if (!values) {
            return values.error();
        }
        db::Profile profile = current->profile;
        profile.name = change.name.value_or(profile.name);
        profile.kind = change.kind.value_or(profile.kind);
        profile.description = change.description.value_or(profile.description);
        return store(profile, *values, false);
    });
    m_audit.recordResult(requester.name, QStringLiteral("profile.change"), profileObject(id),
                         requester.peer, updated,
                         QStringLiteral("values=%1").arg(keysText(change.values)));
    if (updated) {
        publish(QStringLiteral("changed"), id);
    }
    return updated;
}

Result<void> ProfileService::remove(qint64 id, const Requester& requester)
{
    auto removed = db::inTransaction<ProfileDetails>(m_database, [&]() -> Result<ProfileDetails> {
        auto current = read(id);
        if (!current) {
            return current;
        }
        if (auto gone = m_profiles.remove(id); !gone) {
            return gone.error();
        }
        return current;
    });
    m_audit.recordResult(requester.name, QStringLiteral("profile.delete"), profileObject(id),
                         requester.peer, removed,
                         removed ? QStringLiteral("name=\"%1\" assignments=%2")
                                       .arg(removed->profile.name)
                                       .arg(removed->assignments.size())
                                 : QString());
    if (!removed) {
        return removed.error();
    }
    m_events.publish(QStringLiteral("deleted"), QStringLiteral("profile"), id);
    return {};
}

Result<QJsonObject> ProfileService::exportFile(qint64 id) const
{
    auto details = read(id);
    if (!details) {
        return details.error();
    }
    return QJsonObject{{QStringLiteral("format"), ProfileFileFormat},
                       {QStringLiteral("formatVersion"), FileFormatVersion},
                       {QStringLiteral("name"), details->profile.name},
                       {QStringLiteral("kind"), db::profileKindName(details->profile.kind)},
                       {QStringLiteral("description"), details->profile.description},
                       {QStringLiteral("values"), parameterValuesJson(details->values)}};
}

Result<ProfileDetails> ProfileService::importFile(const QJsonObject& file, bool replace,
                                                  const Requester& requester)
{
    protocol::JsonReader reader(file, QStringLiteral("file"));
    const QString format = reader.requireString(u"format");
    const qint64 version = reader.requireInt(u"formatVersion", 1, 1000);
    db::Profile profile;
    profile.name = reader.requireString(u"name");
    const QString kind = reader.requireString(u"kind");
    profile.description = reader.optionalString(u"description").value_or(QString());
    const QJsonObject values = reader.requireObject(u"values");
    if (reader.ok() && format != ProfileFileFormat) {
        reader.invalid(
            u"format",
            QStringLiteral("is \"%1\", not \"%2\"").arg(format.left(40), ProfileFileFormat));
    }
    if (reader.ok() && version != FileFormatVersion) {
        reader.invalid(u"formatVersion", QStringLiteral("is %1; this server reads version %2")
                                             .arg(version)
                                             .arg(FileFormatVersion));
    }
    if (reader.ok() && !db::profileKindFromName(kind)) {
        reader.invalid(u"kind", QStringLiteral("must be standard or priority"));
    }
    if (!reader.ok()) {
        m_audit.recordResult(requester.name, QStringLiteral("profile.import"),
                             QStringLiteral("profile"), requester.peer,
                             Result<void>(*reader.error()), {});
        return *reader.error();
    }
    profile.kind = *db::profileKindFromName(kind);
    auto existing = m_profiles.findByName(profile.name);
    if (!existing) {
        return existing.error();
    }
    auto imported = db::inTransaction<ProfileDetails>(m_database, [&]() -> Result<ProfileDetails> {
        auto checked = checkedValues(values, {});
        if (!checked) {
            return checked.error();
        }
        if (existing->has_value() && !replace) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("profile %1 is already called \"%2\"; import with "
                                            "?replace=true to replace its values")
                                 .arg((*existing)->id)
                                 .arg(profile.name));
        }
        if (existing->has_value()) {
            profile.id = (*existing)->id;
        }
        return store(profile, *checked, !existing->has_value());
    });
    m_audit.recordResult(requester.name, QStringLiteral("profile.import"),
                         imported ? profileObject(imported->profile.id) : QStringLiteral("profile"),
                         requester.peer, imported,
                         QStringLiteral("name=\"%1\" replace=%2 values=%3")
                             .arg(profile.name.left(80))
                             .arg(replace)
                             .arg(keysText(values)));
    if (imported) {
        publish(existing->has_value() ? QStringLiteral("changed") : QStringLiteral("created"),
                imported->profile.id);
    }
    return imported;
}

Result<db::Device> ProfileService::device(qint64 id) const
{
    auto found = m_devices.findById(id);
    if (!found) {
        return found.error();
    }
    if (!found->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no device %1").arg(id));
    }
    return **found;
}

Result<db::ProfileAssignment> ProfileService::assign(qint64 profileId,
                                                     std::optional<qint64> deviceId,
                                                     std::optional<qint64> folderId,
                                                     const Requester& requester)
{
    auto assigned = db::inTransaction<db::ProfileAssignment>(
        m_database, [&]() -> Result<db::ProfileAssignment> {
            auto profile = read(profileId);
            if (!profile) {
                return profile.error();
            }
            if (deviceId.has_value() == folderId.has_value()) {
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("assign to exactly one of \"device\" and "
                                                "\"folder\""));
            }
            if (auto target = deviceId ? device(*deviceId).ok() : m_folders.read(*folderId).ok();
                !target) {
                return deviceId ? device(*deviceId).error() : m_folders.read(*folderId).error();
            }
            for (const auto& existing : profile->assignments) {
                if (existing.deviceId == deviceId && existing.folderId == folderId) {
                    return makeError(ErrorCode::AlreadyExists,
                                     QStringLiteral("profile %1 is already assigned there "
                                                    "(assignment %2)")
                                         .arg(profileId)
                                         .arg(existing.id));
                }
            }
            db::ProfileAssignment assignment{0, profileId, deviceId, folderId, m_clock()};
            auto id = m_profiles.insertAssignment(assignment);
            if (!id) {
                return id.error();
            }
            assignment.id = *id;
            return assignment;
        });
    m_audit.recordResult(requester.name, QStringLiteral("profile.assign"), profileObject(profileId),
                         requester.peer, assigned,
                         deviceId ? QStringLiteral("device=%1").arg(*deviceId)
                                  : QStringLiteral("folder=%1").arg(folderId.value_or(0)));
    if (assigned) {
        publish(QStringLiteral("changed"), profileId);
    }
    return assigned;
}

Result<void> ProfileService::unassign(qint64 profileId, qint64 assignmentId,
                                      const Requester& requester)
{
    auto removed = m_profiles.removeAssignment(profileId, assignmentId);
    m_audit.recordResult(requester.name, QStringLiteral("profile.unassign"),
                         profileObject(profileId), requester.peer, removed,
                         QStringLiteral("assignment=%1").arg(assignmentId));
    if (removed) {
        publish(QStringLiteral("changed"), profileId);
    }
    return removed;
}

Result<db::ParameterValues> ProfileService::localValues(qint64 deviceId) const
{
    if (auto found = device(deviceId); !found) {
        return found.error();
    }
    return m_profiles.localValues(deviceId);
}

Result<db::ParameterValues> ProfileService::setLocalValues(qint64 deviceId,
                                                           const QJsonObject& values,
                                                           const Requester& requester)
{
    auto stored =
        db::inTransaction<db::ParameterValues>(m_database, [&]() -> Result<db::ParameterValues> {
            if (auto found = device(deviceId); !found) {
                return found.error();
            }
            auto checked = checkedValues(values, {});
            if (!checked) {
                return checked.error();
            }
            if (auto set = m_profiles.setLocalValues(deviceId, *checked, m_clock()); !set) {
                return set.error();
            }
            return checked;
        });
    m_audit.recordResult(requester.name, QStringLiteral("device.local-config"),
                         QStringLiteral("device:%1").arg(deviceId), requester.peer, stored,
                         QStringLiteral("values=%1").arg(keysText(values)));
    return stored;
}

Result<EffectiveConfig> ProfileService::effectiveConfig(qint64 deviceId) const
{
    auto found = device(deviceId);
    auto tree = m_folders.tree();
    if (!found || !tree) {
        return !found ? found.error() : tree.error();
    }
    // Level 1 is the device's own folder, then each ancestor one level further up.
    std::vector<qint64> chain;
    if (found->folderId && tree->find(*found->folderId)) {
        chain.push_back(*found->folderId);
        const auto above = tree->ancestors(*found->folderId);
        chain.insert(chain.end(), above.begin(), above.end());
    }
    auto assignments = m_profiles.assignmentsFor(deviceId, chain);
    auto local = m_profiles.localValues(deviceId);
    if (!assignments || !local) {
        return !assignments ? assignments.error() : local.error();
    }
    EffectiveConfig config{*found, tree->path(found->folderId), {}, {}};
    for (const auto& assignment : *assignments) {
        // Only the profile and its values: a profile may have thousands of assignments.
        auto profile = m_profiles.findById(assignment.profileId);
        auto values = m_profiles.values(assignment.profileId);
        if (!profile || !values) {
            return !profile ? profile.error() : values.error();
        }
        if (!profile->has_value()) {
            continue; // deleted meanwhile by another server
        }
        const db::Profile& found = **profile;
        Origin origin{found.id,  found.name, found.kind,   assignment.id, assignment.folderId,
                      QString(), 0,          std::nullopt, QString()};
        if (assignment.folderId) {
            const auto level = std::find(chain.begin(), chain.end(), *assignment.folderId);
            origin.level = int(level - chain.begin()) + 1;
            origin.folderPath = tree->path(assignment.folderId);
        }
        config.profiles.push_back({origin, std::move(*values)});
    }
    if (auto viewed = addViewProfiles(config, chain); !viewed) {
        return viewed.error();
    }
    config.values = computeEffectiveConfig(m_registry, config.profiles, *local);
    std::sort(config.profiles.begin(), config.profiles.end(),
              [](const AppliedProfile& a, const AppliedProfile& b) {
                  const auto key = [](const Origin& o) {
                      return std::tuple_cat(
                          std::make_tuple(o.kind == db::ProfileKind::Priority ? 0 : 1),
                          originRank(o));
                  };
                  return key(a.origin) < key(b.origin);
              });
    return config;
}

QJsonObject ProfileService::profileJson(const ProfileDetails& details) const
{
    const auto tree = m_folders.tree();
    QJsonArray assignments;
    for (const auto& assignment : details.assignments) {
        QJsonObject json{{QStringLiteral("id"), assignment.id},
                         {QStringLiteral("created"), http::isoTime(assignment.createdAt)}};
        if (assignment.deviceId) {
            json.insert(QStringLiteral("device"), *assignment.deviceId);
        } else {
            json.insert(QStringLiteral("folder"), assignment.folderId.value_or(0));
            json.insert(QStringLiteral("path"), tree ? tree->path(assignment.folderId) : QString());
        }
        assignments.append(json);
    }
    for (const auto& assignment : details.viewAssignments) {
        assignments.append(
            QJsonObject{{QStringLiteral("id"), assignment.id},
                        {QStringLiteral("view"), assignment.viewId},
                        {QStringLiteral("created"), http::isoTime(assignment.createdAt)}});
    }
    const auto& profile = details.profile;
    return QJsonObject{{QStringLiteral("id"), profile.id},
                       {QStringLiteral("name"), profile.name},
                       {QStringLiteral("kind"), db::profileKindName(profile.kind)},
                       {QStringLiteral("description"), profile.description},
                       {QStringLiteral("revision"), profile.revision},
                       {QStringLiteral("created"), http::isoTime(profile.createdAt)},
                       {QStringLiteral("updated"), http::isoTime(profile.updatedAt)},
                       {QStringLiteral("values"), parameterValuesJson(details.values)},
                       {QStringLiteral("assignments"), assignments}};
}

void ProfileService::publish(const QString& event, qint64 id)
{
    auto details = read(id);
    if (details) {
        m_events.publish(event, QStringLiteral("profile"), id, profileJson(*details));
    }
}

} // namespace steward::server::services
