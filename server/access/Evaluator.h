// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Evaluator - decides every right of an administrator on a tree node, and explains why.
#pragma once

#include "server/access/NodeTree.h"
#include "server/access/Policy.h"

#include <vector>

namespace steward::server::access {

/** One permission entry met on the path to a node, as the explainer shows it. */
struct RuleHit {
    int node = -1;
    PrincipalRef principal;
    Effect effect = Effect::Allow;
    QString note; // "decides", "overridden by a direct entry on the same node", …
};

struct RightDecision {
    enum class Source { Superuser, Direct, Group, Default, BrowseDown };
    Right right = Right::Browse;
    bool allowed = false;
    Source source = Source::Default;
    int node = -1;              // the node of the deciding entry; for BrowseDown the granted node
    PrincipalRef principal;     // whose entry decided (Direct, Group)
    bool inherited = false;     // the deciding entry sits above the node asked about
    std::vector<RuleHit> chain; // every entry for this right on the path, top down
};

[[nodiscard]] QString sourceName(RightDecision::Source source); // "direct", "browse-down", …

/**
 * The rules, in the order they apply:
 *  1. A superuser has every right everywhere.
 *  2. On one node, an administrator's own entry decides; without one, any group Deny beats any
 *     number of group Allows.
 *  3. Down the path from the top, a Deny on a node cannot be overridden below it; otherwise the
 *     deepest Allow is inherited by everything below.
 *  4. Not set is denied, except Browse: a node whose Browse is not set can be browsed when a
 *     node below it carries an Allow entry for the administrator that grants a right there
 *     (and does not deny Browse there), so the path down to granted nodes stays visible.
 * The evaluator keeps references to \a tree and \a policy: both must outlive it.
 */
class Evaluator {
public:
    Evaluator(const NodeTree& tree, const Policy& policy);

    [[nodiscard]] bool allowed(qint64 admin, int node, Right right) const
    {
        return (allowedRights(admin, node) & bit(right)) != 0;
    }
    [[nodiscard]] RightsMask allowedRights(qint64 admin, int node) const;
    /** allowedRights() of every node, indexed like the tree, in one pass each way. */
    [[nodiscard]] std::vector<RightsMask> allowedEverywhere(qint64 admin) const;
    /** One decision per right, in AllRights order. */
    [[nodiscard]] std::vector<RightDecision> explain(qint64 admin, int node) const;
    /** "denied for group Berlin (inherited from /Devices)" and the like. */
    [[nodiscard]] QString reason(const RightDecision& decision, int node) const;

    /** Call after adding nodes to the tree (which must not carry entries yet). */
    void treeGrew() { m_rules.resize(size_t(m_tree.size())); }

    [[nodiscard]] const NodeTree& tree() const { return m_tree; }
    [[nodiscard]] const Policy& policy() const { return m_policy; }

private:
    struct NodeRule {
        PrincipalRef principal;
        Right right;
        Effect effect;
    };
    struct Masks {
        RightsMask allow = 0;
        RightsMask deny = 0;
    };
    [[nodiscard]] bool appliesTo(const PrincipalRef& principal, qint64 admin,
                                 const std::vector<qint64>& groups) const;
    [[nodiscard]] Masks levelMasks(int node, qint64 admin, const std::vector<qint64>& groups) const;
    [[nodiscard]] Masks pathMasks(int node, qint64 admin, const std::vector<qint64>& groups) const;
    [[nodiscard]] int grantedBelow(int node, qint64 admin, const std::vector<qint64>& groups) const;
    [[nodiscard]] RightDecision decide(qint64 admin, int node, Right right) const;

    const NodeTree& m_tree;
    const Policy& m_policy;
    std::vector<std::vector<NodeRule>> m_rules; // by node index
    std::vector<int> m_allowNodes;              // nodes with at least one Allow entry, ascending
};

} // namespace steward::server::access
