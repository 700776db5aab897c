// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/access/Evaluator.h"

#include <algorithm>

namespace steward::server::access {
namespace {

/** What one node's entries say, before inheritance (rule 2). */
struct Level {
    RightsMask allow = 0;
    RightsMask deny = 0;
};

Level combine(RightsMask directAllow, RightsMask directDeny, RightsMask groupAllow,
              RightsMask groupDeny)
{
    const RightsMask direct = directAllow | directDeny;
    return {RightsMask(directAllow | (groupAllow & ~groupDeny & ~direct)),
            RightsMask(directDeny | (groupDeny & ~direct))};
}

} // namespace

QString sourceName(RightDecision::Source source)
{
    switch (source) {
    case RightDecision::Source::Superuser:
        return QStringLiteral("superuser");
    case RightDecision::Source::Direct:
        return QStringLiteral("direct");
    case RightDecision::Source::Group:
        return QStringLiteral("group");
    case RightDecision::Source::Default:
        return QStringLiteral("default");
    case RightDecision::Source::BrowseDown:
        return QStringLiteral("browse-down");
    }
    Q_UNREACHABLE();
}

Evaluator::Evaluator(const NodeTree& tree, const Policy& policy)
    : m_tree(tree), m_policy(policy), m_rules(size_t(tree.size()))
{
    for (const auto& rule : policy.rules()) {
        const auto node = tree.find(rule.node);
        if (!node) {
            continue; // an entry on a node that no longer exists grants nothing
        }
        m_rules[size_t(*node)].push_back({rule.principal, rule.right, rule.effect});
        if (rule.effect == Effect::Allow) {
            m_allowNodes.push_back(*node);
        }
    }
    std::sort(m_allowNodes.begin(), m_allowNodes.end());
    m_allowNodes.erase(std::unique(m_allowNodes.begin(), m_allowNodes.end()), m_allowNodes.end());
}

bool Evaluator::appliesTo(const PrincipalRef& principal, qint64 admin,
                          const std::vector<qint64>& groups) const
{
    if (principal.kind == PrincipalKind::Admin) {
        return principal.id == admin;
    }
    return std::binary_search(groups.begin(), groups.end(), principal.id);
}

Evaluator::Masks Evaluator::levelMasks(int node, qint64 admin,
                                       const std::vector<qint64>& groups) const
{
    RightsMask directAllow = 0, directDeny = 0, groupAllow = 0, groupDeny = 0;
    for (const auto& rule : m_rules[size_t(node)]) {
        if (!appliesTo(rule.principal, admin, groups)) {
            continue;
        }
        const bool direct = rule.principal.kind == PrincipalKind::Admin;
        RightsMask& target = rule.effect == Effect::Allow ? (direct ? directAllow : groupAllow)
                                                          : (direct ? directDeny : groupDeny);
        target |= bit(rule.right);
    }
    const Level level = combine(directAllow, directDeny, groupAllow, groupDeny);
    return {level.allow, level.deny};
}

Evaluator::Masks Evaluator::pathMasks(int node, qint64 admin,
                                      const std::vector<qint64>& groups) const
{
    // A Deny anywhere on the path wins (rule 3), so the order of the walk does not matter.
    Masks masks;
    for (int current = node; current >= 0; current = m_tree.parent(current)) {
        if (m_rules[size_t(current)].empty()) {
            continue;
        }
        const Masks level = levelMasks(current, admin, groups);
        masks.allow |= level.allow;
        masks.deny |= level.deny;
    }
    masks.allow &= RightsMask(~masks.deny);
    return masks;
}

int Evaluator::grantedBelow(int node, qint64 admin, const std::vector<qint64>& groups) const
{
    if (!m_tree.hasChildren(node)) {
        return -1; // most nodes are devices: nothing below them
    }
    for (auto it = std::upper_bound(m_allowNodes.begin(), m_allowNodes.end(), node);
         it != m_allowNodes.end(); ++it) {
        if (!m_tree.isAncestor(node, *it) || levelMasks(*it, admin, groups).allow == 0) {
            continue;
        }
        const Masks masks = pathMasks(*it, admin, groups);
        if (masks.allow != 0 && (masks.deny & bit(Right::Browse)) == 0) {
            return *it;
        }
    }
    return -1;
}

RightsMask Evaluator::allowedRights(qint64 admin, int node) const
{
    if (m_policy.isSuperuser(admin)) {
        return AllRightsMask;
    }
    const auto& groups = m_policy.groupsOf(admin);
    const Masks masks = pathMasks(node, admin, groups);
    RightsMask rights = masks.allow;
    const RightsMask browse = bit(Right::Browse);
    if ((rights & browse) == 0 && (masks.deny & browse) == 0
        && grantedBelow(node, admin, groups) >= 0) {
        rights |= browse;
    }
    return rights;
}

std::vector<RightsMask> Evaluator::allowedEverywhere(qint64 admin) const
{
    const int count = m_tree.size();
    if (m_policy.isSuperuser(admin)) {
        return std::vector<RightsMask>(size_t(count), AllRightsMask);
    }
    const auto& groups = m_policy.groupsOf(admin);
    std::vector<Masks> masks(static_cast<size_t>(count));
    std::vector<bool> carriesAllow(static_cast<size_t>(count), false);
    // Parents come first, so each node starts from its parent's finished masks.
    for (int node = 0; node < count; ++node) {
        Masks& current = masks[size_t(node)];
        if (const int parent = m_tree.parent(node); parent >= 0) {
            current = masks[size_t(parent)];
        }
        if (!m_rules[size_t(node)].empty()) {
            const Masks level = levelMasks(node, admin, groups);
            current.allow |= level.allow;
            current.deny |= level.deny;
            carriesAllow[size_t(node)] = level.allow != 0;
        }
    }
    std::vector<RightsMask> rights(static_cast<size_t>(count));
    std::vector<bool> below(static_cast<size_t>(count), false);
    const RightsMask browse = bit(Right::Browse);
    // Children come last, so walking backwards finishes each subtree before its parent.
    for (int node = count - 1; node >= 0; --node) {
        const Masks& current = masks[size_t(node)];
        RightsMask allowed = RightsMask(current.allow & ~current.deny);
        if ((allowed & browse) == 0 && (current.deny & browse) == 0 && below[size_t(node)]) {
            allowed |= browse;
        }
        rights[size_t(node)] = allowed;
        const bool granted = carriesAllow[size_t(node)] && (current.allow & ~current.deny) != 0
                             && (current.deny & browse) == 0;
        if (const int parent = m_tree.parent(node);
            parent >= 0 && (granted || below[size_t(node)])) {
            below[size_t(parent)] = true;
        }
    }
    return rights;
}

RightDecision Evaluator::decide(qint64 admin, int node, Right right) const
{
    RightDecision decision;
    decision.right = right;
    if (m_policy.isSuperuser(admin)) {
        decision.allowed = true;
        decision.source = RightDecision::Source::Superuser;
        return decision;
    }
    const auto& groups = m_policy.groupsOf(admin);
    bool denied = false;
    for (const int current : m_tree.chain(node)) {
        const RuleHit* direct = nullptr;
        const RuleHit* groupDeny = nullptr;
        const RuleHit* groupAllow = nullptr;
        const size_t first = decision.chain.size();
        for (const auto& rule : m_rules[size_t(current)]) {
            if (rule.right == right && appliesTo(rule.principal, admin, groups)) {
                decision.chain.push_back({current, rule.principal, rule.effect, {}});
            }
        }
        for (size_t i = first; i < decision.chain.size(); ++i) {
            const RuleHit& hit = decision.chain[i];
            if (hit.principal.kind == PrincipalKind::Admin) {
                direct = &hit;
            } else if (hit.effect == Effect::Deny) {
                groupDeny = groupDeny ? groupDeny : &hit;
            } else {
                groupAllow = groupAllow ? groupAllow : &hit;
            }
        }
        const RuleHit* winner = direct ? direct : (groupDeny ? groupDeny : groupAllow);
        for (size_t i = first; i < decision.chain.size(); ++i) {
            RuleHit& hit = decision.chain[i];
            if (denied) {
                hit.note = QStringLiteral("ignored: denied above");
            } else if (&hit == winner
                       || (hit.principal.kind == PrincipalKind::Group && !direct
                           && hit.effect == winner->effect)) {
                hit.note = QStringLiteral("applies");
            } else if (direct) {
                hit.note = QStringLiteral("overridden by a direct entry on the same node");
            } else {
                hit.note = QStringLiteral("outweighed by a group Deny on the same node");
            }
        }
        if (!winner || denied) {
            continue;
        }
        decision.allowed = winner->effect == Effect::Allow;
        decision.source = winner->principal.kind == PrincipalKind::Admin
                              ? RightDecision::Source::Direct
                              : RightDecision::Source::Group;
        decision.node = current;
        decision.principal = winner->principal;
        decision.inherited = current != node;
        denied = winner->effect == Effect::Deny;
    }
    if (decision.node < 0 && right == Right::Browse) {
        if (const int granted = grantedBelow(node, admin, groups); granted >= 0) {
            decision.allowed = true;
            decision.source = RightDecision::Source::BrowseDown;
            decision.node = granted;
        }
    }
    return decision;
}

std::vector<RightDecision> Evaluator::explain(qint64 admin, int node) const
{
    std::vector<RightDecision> decisions;
    decisions.reserve(AllRights.size());
    for (const Right right : AllRights) {
        decisions.push_back(decide(admin, node, right));
    }
    return decisions;
}

QString Evaluator::reason(const RightDecision& decision, int node) const
{
    const QString verdict = decision.allowed ? QStringLiteral("allowed") : QStringLiteral("denied");
    switch (decision.source) {
    case RightDecision::Source::Superuser:
        return QStringLiteral("allowed: superuser, never restricted");
    case RightDecision::Source::Default:
        return QStringLiteral("denied: not set");
    case RightDecision::Source::BrowseDown:
        return QStringLiteral("allowed: not set, but browses down to %1, where rights are granted")
            .arg(m_tree.path(decision.node));
    case RightDecision::Source::Direct:
    case RightDecision::Source::Group:
        break;
    }
    QString text = verdict + QStringLiteral(" for ") + m_policy.describe(decision.principal);
    if (decision.inherited) {
        text += QStringLiteral(" (inherited from %1)").arg(m_tree.path(decision.node));
    } else if (decision.node != node) {
        text += QStringLiteral(" (on %1)").arg(m_tree.path(decision.node));
    }
    return text;
}

} // namespace steward::server::access
