// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ViewService - views: saved, dynamic device selections that profiles can be assigned to.
#pragma once

#include "common/core/Result.h"
#include "server/access/NodeTree.h"
#include "server/db/records/View.h"
#include "server/services/Clock.h"
#include "server/services/Requester.h"
#include "server/services/ViewFilter.h"

#include <QJsonObject>

#include <optional>
#include <vector>

namespace steward::server::db {
class AttributeRepository;
class Database;
class ViewRepository;
} // namespace steward::server::db

namespace steward::server::services {

class AuditLog;
class EventHub;
class FolderService;

struct ViewDetails {
    db::View view;
    ViewFilter filter;
    std::vector<db::ViewAssignment> assignments; // the profiles assigned to the view
};

/** A PATCH: absent members stay. */
struct ViewChange {
    std::optional<QString> name;
    std::optional<QString> description;
    std::optional<QJsonObject> filter;
    std::optional<qint64> revision; // when given, a stale revision is a Conflict
};

inline constexpr int MaxViewNameLength = 128;
inline constexpr int MaxViewDescriptionLength = 2000;

/**
 * Checks names (unique, 1 … 128 characters) and filters (parseViewFilter, plus: every folder
 * and attribute a filter names exists) before anything is stored. Changes are audited
 * ("view.create", "view.change", "view.delete"; refusals "failed") and published as object
 * events of kind "view".
 */
class ViewService {
public:
    ViewService(db::Database& database, db::ViewRepository& views,
                db::AttributeRepository& attributes, FolderService& folders, AuditLog& audit,
                EventHub& events, Clock clock);

    [[nodiscard]] Result<std::vector<ViewDetails>> list() const;
    [[nodiscard]] Result<ViewDetails> read(qint64 id) const;
    /** \a filter is {"all":[…]}; its errors name the member under "body.filter". */
    [[nodiscard]] Result<ViewDetails> create(const QString& name, const QString& description,
                                             const QJsonObject& filter, const Requester& requester);
    [[nodiscard]] Result<ViewDetails> update(qint64 id, const ViewChange& change,
                                             const Requester& requester);
    [[nodiscard]] Result<void> remove(qint64 id, const Requester& requester);

    /** {"id","name","description","filter","revision","created","updated","profiles":[…]} */
    [[nodiscard]] static QJsonObject viewJson(const ViewDetails& details);

private:
    [[nodiscard]] Result<ViewFilter> checkedFilter(const QJsonObject& filter) const;
    [[nodiscard]] Result<void> checkNaming(const QString& name, const QString& description,
                                           qint64 except) const;
    void publish(const QString& event, qint64 id);

    db::Database& m_database;
    db::ViewRepository& m_views;
    db::AttributeRepository& m_attributes;
    FolderService& m_folders;
    AuditLog& m_audit;
    EventHub& m_events;
    Clock m_clock;
};

/** Every view, below root:views (access control nodes "view:ID"). */
[[nodiscard]] Result<std::vector<access::NodeEntry>> viewNodes(db::ViewRepository& views);

} // namespace steward::server::services
