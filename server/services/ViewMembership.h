// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ViewMembership - which devices a view selects, and which views a device belongs to.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Device.h"
#include "server/db/records/View.h"
#include "server/services/ViewFilter.h"

#include <QHash>

#include <functional>
#include <map>
#include <vector>

namespace steward::server::db {
class AttributeRepository;
class DeviceRepository;
class ViewRepository;
} // namespace steward::server::db

namespace steward::server::services {

class FolderService;

/**
 * Membership is computed from the current data whenever it is asked for, never stored, so it
 * cannot go stale: a device's name, folder, attributes or inventory changing is a membership
 * change as soon as anything looks. A stored filter that no longer parses (it cannot happen
 * through the service) selects nothing.
 */
class ViewMembership {
public:
    ViewMembership(db::ViewRepository& views, db::DeviceRepository& devices,
                   db::AttributeRepository& attributes, FolderService& folders,
                   std::function<bool(qint64)> isOnline);

    /** Every device \a filter selects, ordered by id. */
    [[nodiscard]] Result<std::vector<db::Device>> devices(const ViewFilter& filter) const;
    /** The ids of the devices of view \a viewId; NotFound for an unknown view. */
    [[nodiscard]] Result<std::vector<qint64>> members(qint64 viewId) const;
    /**
     * Of \a views, the ids of those \a device belongs to; \a folders is its folder chain,
     * nearest first. The device's attributes are read once, and only if a filter needs them.
     */
    [[nodiscard]] Result<std::vector<qint64>> viewsOf(const db::Device& device,
                                                      const std::vector<qint64>& folders,
                                                      const std::vector<db::View>& views) const;
    /** The devices of every view \a profileId is assigned to, by id. */
    [[nodiscard]] Result<std::vector<qint64>> reachedByProfile(qint64 profileId) const;
    /** members(\a viewId) when a profile is assigned to the view, none otherwise. */
    [[nodiscard]] Result<std::vector<qint64>> reachedThroughView(qint64 viewId) const;
    /** Whether any profile is assigned to any view. */
    [[nodiscard]] Result<bool> anyAssigned() const;
    /** Whether any view carrying a profile filters on an attribute. */
    [[nodiscard]] Result<bool> assignedUseAttributes() const;

    /** The parsed filter of \a view, cached by id and revision. */
    [[nodiscard]] Result<const ViewFilter*> filterOf(const db::View& view) const;

private:
    struct Cached {
        qint64 revision = 0;
        QString text;
        ViewFilter filter;
    };

    db::ViewRepository& m_views;
    db::DeviceRepository& m_devices;
    db::AttributeRepository& m_attributes;
    FolderService& m_folders;
    std::function<bool(qint64)> m_isOnline;
    mutable std::map<qint64, Cached> m_filters; // node-based: pointers stay valid
};

} // namespace steward::server::services
