// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/access/Policy.h"

#include <algorithm>

namespace steward::server::access {

void Policy::addAdmin(qint64 id, const QString& name, bool superuser)
{
    m_adminNames.insert(id, name);
    if (superuser) {
        m_superusers.insert(id);
    }
}

void Policy::addGroup(qint64 id, const QString& name)
{
    m_groupNames.insert(id, name);
}

void Policy::addMember(qint64 group, qint64 admin)
{
    auto& groups = m_groupsOf[admin];
    const auto at = std::lower_bound(groups.begin(), groups.end(), group);
    if (at == groups.end() || *at != group) {
        groups.insert(at, group);
    }
}

const std::vector<qint64>& Policy::groupsOf(qint64 admin) const
{
    static const std::vector<qint64> none;
    const auto it = m_groupsOf.constFind(admin);
    return it == m_groupsOf.cend() ? none : *it;
}

QString Policy::name(const PrincipalRef& principal) const
{
    const auto& names = principal.kind == PrincipalKind::Admin ? m_adminNames : m_groupNames;
    return names.value(principal.id);
}

QString Policy::describe(const PrincipalRef& principal) const
{
    QString known = name(principal);
    return principalKindName(principal.kind) + QLatin1Char(' ')
           + (known.isEmpty() ? QString::number(principal.id) : known);
}

} // namespace steward::server::access
