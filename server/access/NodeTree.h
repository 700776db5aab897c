// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// NodeTree - the object tree access control works on: each node's parent and display name.
#pragma once

#include "server/access/Rights.h"

#include <vector>

namespace steward::server::access {

/** A node as a source reports it: its parent, and where it goes when that parent is unknown. */
struct NodeEntry {
    NodeRef ref;
    NodeRef parent;
    QString name;
    NodeRef fallbackParent = rootNode(RootId::All);
};

/**
 * Nodes are numbered densely; a parent always has a lower number than its children, so one
 * pass in order visits parents first and one pass backwards visits children first. It starts
 * with the top (index 0, root:all) and the six roots below it. Any kind of node plugs in: the
 * tree knows only references, parents and names.
 */
class NodeTree {
public:
    static constexpr int Top = 0;

    NodeTree();

    /** Builds the tree from entries in any order; a missing parent or a cycle uses fallback. */
    [[nodiscard]] static NodeTree build(const std::vector<NodeEntry>& entries);

    /** Adds a node below \a parent (an existing index); a known reference is returned as is. */
    int add(const NodeRef& ref, int parent, const QString& name);
    void rename(int index, const QString& name) { m_names[size_t(index)] = name; }

    [[nodiscard]] std::optional<int> find(const NodeRef& ref) const;
    [[nodiscard]] int size() const { return int(m_refs.size()); }
    [[nodiscard]] int parent(int index) const { return m_parents[size_t(index)]; }
    [[nodiscard]] bool hasChildren(int index) const { return m_hasChildren[size_t(index)]; }
    [[nodiscard]] const NodeRef& ref(int index) const { return m_refs[size_t(index)]; }
    [[nodiscard]] const QString& name(int index) const { return m_names[size_t(index)]; }
    [[nodiscard]] int root(RootId root) const { return int(root); }
    /** "/Devices/Berlin/TC-42"; the top is "/". */
    [[nodiscard]] QString path(int index) const;
    /** Whether \a ancestor lies strictly above \a node. */
    [[nodiscard]] bool isAncestor(int ancestor, int node) const;
    /** The indices from the top down to \a index, both included. */
    [[nodiscard]] std::vector<int> chain(int index) const;

private:
    std::vector<NodeRef> m_refs;
    std::vector<int> m_parents;
    std::vector<QString> m_names;
    std::vector<bool> m_hasChildren;
    QHash<NodeRef, int> m_index;
};

} // namespace steward::server::access
