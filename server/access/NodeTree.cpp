// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/access/NodeTree.h"

#include <algorithm>

namespace steward::server::access {

NodeTree::NodeTree()
{
    add(rootNode(RootId::All), -1, QString());
    for (const RootId root : {RootId::Devices, RootId::Profiles, RootId::Views, RootId::Jobs,
                              RootId::Certificates, RootId::Administration}) {
        add(rootNode(root), Top, rootName(root));
    }
}

NodeTree NodeTree::build(const std::vector<NodeEntry>& entries)
{
    NodeTree tree;
    QHash<NodeRef, const NodeEntry*> pending;
    pending.reserve(qsizetype(entries.size()));
    for (const auto& entry : entries) {
        pending.insert(entry.ref, &entry);
    }
    // Insert each entry after its parent; walking up stops at a placed node, an unknown parent
    // or a cycle, where the entry goes below its fallback instead.
    std::vector<const NodeEntry*> stack;
    for (const auto& entry : entries) {
        if (tree.find(entry.ref)) {
            continue;
        }
        stack.clear();
        const NodeEntry* current = &entry;
        while (current && !tree.find(current->ref)) {
            if (std::find(stack.begin(), stack.end(), current) != stack.end()) {
                break; // a cycle: the last one pushed hangs below its fallback
            }
            stack.push_back(current);
            current = tree.find(current->parent) ? nullptr : pending.value(current->parent);
        }
        for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
            const NodeEntry& item = **it;
            auto parent = tree.find(item.parent);
            if (!parent) {
                parent = tree.find(item.fallbackParent).value_or(Top);
            }
            tree.add(item.ref, *parent, item.name);
        }
    }
    return tree;
}

int NodeTree::add(const NodeRef& ref, int parent, const QString& name)
{
    if (const auto known = find(ref)) {
        return *known;
    }
    Q_ASSERT(parent < size());
    const int index = size();
    m_refs.push_back(ref);
    m_parents.push_back(parent);
    m_names.push_back(name);
    m_hasChildren.push_back(false);
    if (parent >= 0) {
        m_hasChildren[size_t(parent)] = true;
    }
    m_index.insert(ref, index);
    return index;
}

std::optional<int> NodeTree::find(const NodeRef& ref) const
{
    const auto it = m_index.constFind(ref);
    if (it == m_index.cend()) {
        return std::nullopt;
    }
    return *it;
}

QString NodeTree::path(int index) const
{
    if (index == Top) {
        return QStringLiteral("/");
    }
    QString path;
    for (int node = index; node != Top && node >= 0; node = parent(node)) {
        path.prepend(QLatin1Char('/') + name(node));
    }
    return path;
}

bool NodeTree::isAncestor(int ancestor, int node) const
{
    for (int current = parent(node); current >= 0; current = parent(current)) {
        if (current == ancestor) {
            return true;
        }
        if (current < ancestor) {
            return false; // parents have lower numbers: it cannot come any more
        }
    }
    return false;
}

std::vector<int> NodeTree::chain(int index) const
{
    std::vector<int> nodes;
    for (int current = index; current >= 0; current = parent(current)) {
        nodes.push_back(current);
    }
    std::reverse(nodes.begin(), nodes.end());
    return nodes;
}

} // namespace steward::server::access
