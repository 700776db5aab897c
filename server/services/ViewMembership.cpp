// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/ViewMembership.h"

#include "server/db/AttributeRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/db/ViewRepository.h"
#include "server/services/FolderService.h"

#include <QJsonDocument>

#include <set>

namespace steward::server::services {
namespace {

constexpr qint64 LoadPage = 1000;

std::vector<qint64> chainOf(const FolderTree& tree, const db::Device& device)
{
    std::vector<qint64> chain;
    if (device.folderId && tree.find(*device.folderId)) {
        chain.push_back(*device.folderId);
        const auto above = tree.ancestors(*device.folderId);
        chain.insert(chain.end(), above.begin(), above.end());
    }
    return chain;
}

} // namespace

ViewMembership::ViewMembership(db::ViewRepository& views, db::DeviceRepository& devices,
                               db::AttributeRepository& attributes, FolderService& folders,
                               std::function<bool(qint64)> isOnline)
    : m_views(views), m_devices(devices), m_attributes(attributes), m_folders(folders),
      m_isOnline(std::move(isOnline))
{}

Result<const ViewFilter*> ViewMembership::filterOf(const db::View& view) const
{
    auto cached = m_filters.find(view.id);
    if (cached == m_filters.end() || cached->second.revision != view.revision
        || cached->second.text != view.filter) {
        auto parsed = parseViewFilter(QJsonDocument::fromJson(view.filter.toUtf8()).object(),
                                      QStringLiteral("view %1 filter").arg(view.id));
        if (!parsed) {
            return parsed.error();
        }
        cached =
            m_filters
                .insert_or_assign(view.id, Cached{view.revision, view.filter, std::move(*parsed)})
                .first;
    }
    return &cached->second.filter;
}

Result<std::vector<db::Device>> ViewMembership::devices(const ViewFilter& filter) const
{
    auto tree = m_folders.tree();
    if (!tree) {
        return tree.error();
    }
    // Each attribute the filter names: device → value, read once for all devices.
    QHash<QString, QHash<qint64, QString>> attributeValues;
    for (const QString& name : filter.attributeNames()) {
        auto definition = m_attributes.findDefinitionByName(name);
        if (!definition) {
            return definition.error();
        }
        auto& byDevice = attributeValues[name];
        if (!definition->has_value()) {
            continue; // deleted since: no device has a value
        }
        auto values = m_attributes.valuesOf((*definition)->id);
        if (!values) {
            return values.error();
        }
        for (const auto& value : *values) {
            byDevice.insert(value.deviceId, value.value);
        }
    }
    std::vector<db::Device> selected;
    for (qint64 offset = 0;; offset += LoadPage) {
        auto page = m_devices.list(offset, LoadPage);
        if (!page) {
            return page.error();
        }
        for (const auto& device : page->items) {
            QHash<QString, QString> attributes;
            for (auto it = attributeValues.cbegin(); it != attributeValues.cend(); ++it) {
                if (const auto value = it->constFind(device.id); value != it->constEnd()) {
                    attributes.insert(it.key(), *value);
                }
            }
            const auto subject = viewSubjectOf(device, chainOf(*tree, device),
                                               std::move(attributes), m_isOnline(device.id));
            if (viewMatches(filter, subject)) {
                selected.push_back(device);
            }
        }
        if (page->items.empty() || offset + qint64(page->items.size()) >= page->total) {
            return selected;
        }
    }
}

Result<std::vector<qint64>> ViewMembership::members(qint64 viewId) const
{
    auto view = m_views.findById(viewId);
    if (!view) {
        return view.error();
    }
    if (!view->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no view %1").arg(viewId));
    }
    auto filter = filterOf(**view);
    if (!filter) {
        return std::vector<qint64>{};
    }
    auto selected = devices(**filter);
    if (!selected) {
        return selected.error();
    }
    std::vector<qint64> ids;
    ids.reserve(selected->size());
    for (const auto& device : *selected) {
        ids.push_back(device.id);
    }
    return ids;
}

Result<std::vector<qint64>> ViewMembership::viewsOf(const db::Device& device,
                                                    const std::vector<qint64>& folders,
                                                    const std::vector<db::View>& views) const
{
    std::vector<std::pair<qint64, const ViewFilter*>> filters;
    bool needsAttributes = false;
    for (const auto& view : views) {
        auto filter = filterOf(view);
        if (filter) {
            filters.emplace_back(view.id, *filter);
            needsAttributes = needsAttributes || !(*filter)->attributeNames().isEmpty();
        }
    }
    QHash<QString, QString> attributes;
    if (needsAttributes) {
        auto definitions = m_attributes.definitions();
        auto values = m_attributes.values(device.id);
        if (!definitions || !values) {
            return !definitions ? definitions.error() : values.error();
        }
        for (const auto& value : *values) {
            for (const auto& definition : *definitions) {
                if (definition.id == value.attributeId) {
                    attributes.insert(definition.name, value.value);
                }
            }
        }
    }
    const auto subject =
        viewSubjectOf(device, folders, std::move(attributes), m_isOnline(device.id));
    std::vector<qint64> matching;
    for (const auto& [id, filter] : filters) {
        if (viewMatches(*filter, subject)) {
            matching.push_back(id);
        }
    }
    return matching;
}

Result<std::vector<qint64>> ViewMembership::reachedByProfile(qint64 profileId) const
{
    auto assignments = m_views.assignmentsOfProfile(profileId);
    if (!assignments) {
        return assignments.error();
    }
    std::set<qint64> reached;
    for (const auto& assignment : *assignments) {
        auto ids = members(assignment.viewId);
        if (!ids) {
            return ids.error();
        }
        reached.insert(ids->begin(), ids->end());
    }
    return std::vector<qint64>(reached.begin(), reached.end());
}

Result<std::vector<qint64>> ViewMembership::reachedThroughView(qint64 viewId) const
{
    auto assignments = m_views.assignmentsOfView(viewId);
    if (!assignments) {
        return assignments.error();
    }
    if (assignments->empty()) {
        return std::vector<qint64>{};
    }
    return members(viewId);
}

Result<bool> ViewMembership::anyAssigned() const
{
    auto assignments = m_views.allAssignments();
    if (!assignments) {
        return assignments.error();
    }
    return !assignments->empty();
}

Result<bool> ViewMembership::assignedUseAttributes() const
{
    auto assignments = m_views.allAssignments();
    if (!assignments) {
        return assignments.error();
    }
    for (const auto& assignment : *assignments) {
        auto view = m_views.findById(assignment.viewId);
        if (!view) {
            return view.error();
        }
        if (!view->has_value()) {
            continue;
        }
        auto filter = filterOf(**view);
        if (filter && !(*filter)->attributeNames().isEmpty()) {
            return true;
        }
    }
    return false;
}

} // namespace steward::server::services
