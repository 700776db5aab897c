// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ProfileService - profiles, their assignments, local values and a device's effective
// configuration.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Profile.h"
#include "server/db/records/View.h"
#include "server/services/Clock.h"
#include "server/services/EffectiveConfig.h"
#include "server/services/FolderService.h"

#include <QJsonObject>

#include <functional>

namespace steward::server::db {
class Database;
class DeviceRepository;
class ProfileRepository;
class ViewRepository;
} // namespace steward::server::db

namespace steward::server::services {

struct ProfileDetails {
    db::Profile profile;
    db::ParameterValues values;
    std::vector<db::ProfileAssignment> assignments;
    std::vector<db::ViewAssignment> viewAssignments;
};

/**
 * Of \a views, the ids of those \a device belongs to; \a folders is its folder chain, nearest
 * first (ViewMembership::viewsOf).
 */
using ViewMatcher = std::function<Result<std::vector<qint64>>(const db::Device& device,
                                                              const std::vector<qint64>& folders,
                                                              const std::vector<db::View>& views)>;

/** A PATCH: absent members stay; in \a values a null removes the parameter from the profile. */
struct ProfileChange {
    std::optional<QString> name;
    std::optional<db::ProfileKind> kind;
    std::optional<QString> description;
    QJsonObject values;
    std::optional<qint64> revision; // when given, a stale revision is a Conflict
};

struct EffectiveConfig {
    db::Device device;
    QString folderPath;
    std::vector<AppliedProfile> profiles; // strongest first
    std::vector<EffectiveValue> values;
};

/** {"key": value, …} in key order. */
[[nodiscard]] QJsonObject parameterValuesJson(const db::ParameterValues& values);

/** The export file:
 * {"format":"steward-profile","formatVersion":1,"name","kind","description","values"}. */
inline const QString ProfileFileFormat = QStringLiteral("steward-profile");

/**
 * Every value is checked against the parameter registry before it is stored, and a profile's
 * whole change (metadata and values) is one transaction. Changes are audited ("profile.create",
 * "profile.change", "profile.delete", "profile.import", "profile.assign", "profile.unassign",
 * "device.local-config") and published as object events of kind "profile". Assignments go
 * to devices, folders and views; views need setViews().
 */
class ProfileService {
public:
    ProfileService(db::Database& database, db::ProfileRepository& profiles,
                   db::DeviceRepository& devices, FolderService& folders,
                   const settings::ParameterRegistry& registry, AuditLog& audit, EventHub& events,
                   Clock clock);

    [[nodiscard]] Result<std::vector<ProfileDetails>> list() const;
    [[nodiscard]] Result<ProfileDetails> read(qint64 id) const;
    [[nodiscard]] Result<ProfileDetails>
    create(const db::Profile& profile, const QJsonObject& values, const Requester& requester);
    [[nodiscard]] Result<ProfileDetails> update(qint64 id, const ProfileChange& change,
                                                const Requester& requester);
    [[nodiscard]] Result<void> remove(qint64 id, const Requester& requester);

    /** The export file of a profile (values only: assignments belong to the site). */
    [[nodiscard]] Result<QJsonObject> exportFile(qint64 id) const;
    /**
     * Creates a profile from an export file. A profile of the same name is a Conflict unless
     * \a replace, which replaces its kind, description and values and keeps its assignments.
     */
    [[nodiscard]] Result<ProfileDetails> importFile(const QJsonObject& file, bool replace,
                                                    const Requester& requester);

    /** Exactly one of \a deviceId and \a folderId. AlreadyExists when assigned there already. */
    [[nodiscard]] Result<db::ProfileAssignment> assign(qint64 profileId,
                                                       std::optional<qint64> deviceId,
                                                       std::optional<qint64> folderId,
                                                       const Requester& requester);
    [[nodiscard]] Result<void> unassign(qint64 profileId, qint64 assignmentId,
                                        const Requester& requester);

    /** Views as assignment targets (ProfileViewAssignments.cpp); without them none exist. */
    void setViews(db::ViewRepository& views, ViewMatcher matcher);
    /** AlreadyExists when assigned to the view already; NotFound for an unknown view. */
    [[nodiscard]] Result<db::ViewAssignment> assignView(qint64 profileId, qint64 viewId,
                                                        const Requester& requester);
    [[nodiscard]] Result<void> unassignView(qint64 profileId, qint64 assignmentId,
                                            const Requester& requester);

    [[nodiscard]] Result<db::ParameterValues> localValues(qint64 deviceId) const;
    /** Replaces the device's local values (an object of parameter → value). */
    [[nodiscard]] Result<db::ParameterValues>
    setLocalValues(qint64 deviceId, const QJsonObject& values, const Requester& requester);

    [[nodiscard]] Result<EffectiveConfig> effectiveConfig(qint64 deviceId) const;

    /** {"id","name","kind","description","revision","created","updated","values","assignments"} */
    [[nodiscard]] QJsonObject profileJson(const ProfileDetails& details) const;

private:
    [[nodiscard]] Result<db::ParameterValues> checkedValues(const QJsonObject& values,
                                                            db::ParameterValues base) const;
    [[nodiscard]] Result<void> checkName(const QString& name, qint64 except) const;
    [[nodiscard]] Result<ProfileDetails> store(db::Profile profile,
                                               const db::ParameterValues& values, bool isNew);
    [[nodiscard]] Result<db::Device> device(qint64 id) const;
    /** Adds the profiles assigned to views the device belongs to. */
    [[nodiscard]] Result<void> addViewProfiles(EffectiveConfig& config,
                                               const std::vector<qint64>& folders) const;
    void publish(const QString& event, qint64 id);

    db::Database& m_database;
    db::ProfileRepository& m_profiles;
    db::DeviceRepository& m_devices;
    FolderService& m_folders;
    const settings::ParameterRegistry& m_registry;
    AuditLog& m_audit;
    EventHub& m_events;
    Clock m_clock;
    db::ViewRepository* m_views = nullptr;
    ViewMatcher m_viewMatcher;
};

} // namespace steward::server::services
