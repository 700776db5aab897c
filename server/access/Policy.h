// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Policy - who is a superuser, who belongs to which group, and every permission entry.
#pragma once

#include "server/access/Rights.h"

#include <QSet>

#include <vector>

namespace steward::server::access {

/** A plain snapshot; the Evaluator indexes it against a NodeTree. */
class Policy {
public:
    void addAdmin(qint64 id, const QString& name, bool superuser);
    void addGroup(qint64 id, const QString& name);
    void addMember(qint64 group, qint64 admin);
    void addRule(const Rule& rule) { m_rules.push_back(rule); }

    [[nodiscard]] bool isSuperuser(qint64 admin) const { return m_superusers.contains(admin); }
    /** The groups \a admin belongs to, sorted. */
    [[nodiscard]] const std::vector<qint64>& groupsOf(qint64 admin) const;
    [[nodiscard]] const std::vector<Rule>& rules() const { return m_rules; }
    /** "admin alice" / "group Berlin"; the id when the name is unknown. */
    [[nodiscard]] QString describe(const PrincipalRef& principal) const;
    /** The bare name, empty when the principal is unknown. */
    [[nodiscard]] QString name(const PrincipalRef& principal) const;

private:
    QHash<qint64, QString> m_adminNames;
    QHash<qint64, QString> m_groupNames;
    QSet<qint64> m_superusers;
    QHash<qint64, std::vector<qint64>> m_groupsOf;
    std::vector<Rule> m_rules;
};

} // namespace steward::server::access
