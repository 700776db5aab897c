// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ProfileService's part for views as assignment targets (docs/views.md).
#include "server/db/Database.h"
#include "server/db/ProfileRepository.h"
#include "server/db/Transaction.h"
#include "server/db/ViewRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/ProfileService.h"

#include <QSet>

#include <algorithm>
#include <iterator>

namespace steward::server::services {

void ProfileService::setViews(db::ViewRepository& views, ViewMatcher matcher)
{
    m_views = &views;
    m_viewMatcher = std::move(matcher);
}

Result<db::ViewAssignment> ProfileService::assignView(qint64 profileId, qint64 viewId,
                                                      const Requester& requester)
{
    auto assigned =
        db::inTransaction<db::ViewAssignment>(m_database, [&]() -> Result<db::ViewAssignment> {
            if (m_views == nullptr) {
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("this server has no views"));
            }
            auto profile = read(profileId);
            if (!profile) {
                return profile.error();
            }
            auto view = m_views->findById(viewId);
            if (!view) {
                return view.error();
            }
            if (!view->has_value()) {
                return makeError(ErrorCode::NotFound, QStringLiteral("no view %1").arg(viewId));
            }
            for (const auto& existing : profile->viewAssignments) {
                if (existing.viewId == viewId) {
                    return makeError(ErrorCode::AlreadyExists,
                                     QStringLiteral("profile %1 is already assigned to view %2 "
                                                    "(assignment %3)")
                                         .arg(profileId)
                                         .arg(viewId)
                                         .arg(existing.id));
                }
            }
            db::ViewAssignment assignment{0, profileId, viewId, m_clock()};
            auto id = m_views->insertAssignment(assignment);
            if (!id) {
                return id.error();
            }
            assignment.id = *id;
            return assignment;
        });
    m_audit.recordResult(requester.name, QStringLiteral("profile.assign"),
                         QStringLiteral("profile:%1").arg(profileId), requester.peer, assigned,
                         QStringLiteral("view=%1").arg(viewId));
    if (assigned) {
        publish(QStringLiteral("changed"), profileId);
    }
    return assigned;
}

Result<void> ProfileService::unassignView(qint64 profileId, qint64 assignmentId,
                                          const Requester& requester)
{
    auto removed = m_views ? m_views->removeAssignment(profileId, assignmentId)
                           : Result<void>(makeError(ErrorCode::NotFound,
                                                    QStringLiteral("this server has no views")));
    m_audit.recordResult(requester.name, QStringLiteral("profile.unassign"),
                         QStringLiteral("profile:%1").arg(profileId), requester.peer, removed,
                         QStringLiteral("view-assignment=%1").arg(assignmentId));
    if (removed) {
        publish(QStringLiteral("changed"), profileId);
    }
    return removed;
}

Result<void> ProfileService::addViewProfiles(EffectiveConfig& config,
                                             const std::vector<qint64>& folders) const
{
    if (m_views == nullptr || !m_viewMatcher) {
        return {};
    }
    auto assignments = m_views->allAssignments();
    if (!assignments) {
        return assignments.error();
    }
    if (assignments->empty()) {
        return {}; // the common case: no view carries a profile, nothing to evaluate
    }
    QSet<qint64> assignedViews;
    for (const auto& assignment : *assignments) {
        assignedViews.insert(assignment.viewId);
    }
    auto all = m_views->list();
    if (!all) {
        return all.error();
    }
    std::vector<db::View> views;
    std::copy_if(all->begin(), all->end(), std::back_inserter(views),
                 [&](const db::View& view) { return assignedViews.contains(view.id); });
    auto matching = m_viewMatcher(config.device, folders, views);
    if (!matching) {
        return matching.error();
    }
    for (const auto& assignment : *assignments) {
        if (std::find(matching->begin(), matching->end(), assignment.viewId) == matching->end()) {
            continue;
        }
        auto profile = m_profiles.findById(assignment.profileId);
        auto values = m_profiles.values(assignment.profileId);
        if (!profile || !values) {
            return !profile ? profile.error() : values.error();
        }
        const auto view = std::find_if(views.begin(), views.end(), [&](const db::View& v) {
            return v.id == assignment.viewId;
        });
        if (!profile->has_value() || view == views.end()) {
            continue; // deleted meanwhile by another server
        }
        const db::Profile& found = **profile;
        Origin origin{found.id,  found.name, found.kind,        assignment.id, std::nullopt,
                      QString(), 0,          assignment.viewId, view->name};
        config.profiles.push_back({origin, std::move(*values)});
    }
    return {};
}

} // namespace steward::server::services
