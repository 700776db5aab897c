// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ViewRepository - the views table and the profiles assigned to views.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/View.h"

#include <QVariant>

#include <optional>
#include <vector>

namespace steward::server::db {

class Database;

/** Storage only; ViewService checks names and filters before they come. */
class ViewRepository {
public:
    explicit ViewRepository(Database& db);

    /** Ordered by id. */
    [[nodiscard]] Result<std::vector<View>> list() const;
    [[nodiscard]] Result<std::optional<View>> findById(qint64 id) const;
    [[nodiscard]] Result<std::optional<View>> findByName(const QString& name) const;
    [[nodiscard]] Result<qint64> insert(const View& view);
    /** Name, description and filter; bumps the revision. NotFound for an unknown id. */
    [[nodiscard]] Result<void> update(const View& view);
    /** Deletes the view with its profile assignments. */
    [[nodiscard]] Result<void> remove(qint64 id);

    /** Of one profile, ordered by id. */
    [[nodiscard]] Result<std::vector<ViewAssignment>> assignmentsOfProfile(qint64 profileId) const;
    /** To one view, ordered by id. */
    [[nodiscard]] Result<std::vector<ViewAssignment>> assignmentsOfView(qint64 viewId) const;
    /** Every view assignment, ordered by id. */
    [[nodiscard]] Result<std::vector<ViewAssignment>> allAssignments() const;
    [[nodiscard]] Result<qint64> insertAssignment(const ViewAssignment& assignment);
    /** NotFound when the profile has no such view assignment. */
    [[nodiscard]] Result<void> removeAssignment(qint64 profileId, qint64 assignmentId);

private:
    [[nodiscard]] Result<std::optional<View>> findOne(const QString& where,
                                                      const QVariant& key) const;
    [[nodiscard]] Result<std::vector<ViewAssignment>> readAssignments(const QString& where,
                                                                      qint64 key) const;

    Database& m_db;
};

} // namespace steward::server::db
