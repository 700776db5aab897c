// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Rights - the rights, effects, tree-node and principal references of access control.
#pragma once

#include "common/core/Result.h"

#include <QHash>
#include <QString>

#include <array>
#include <optional>

namespace steward::server::access {

/** Object permissions first, then action rights. Append only: the order is a bit mask. */
enum class Right : quint8 {
    Browse,
    Read,
    Write,
    AccessControl,
    Assign,
    Shadow,
    Terminal,
    Commands,
    ExportKeys,
};
inline constexpr int RightCount = 9;
inline constexpr std::array<Right, RightCount> AllRights{
    Right::Browse, Right::Read,     Right::Write,    Right::AccessControl, Right::Assign,
    Right::Shadow, Right::Terminal, Right::Commands, Right::ExportKeys};

/** One bit per right. */
using RightsMask = quint16;
[[nodiscard]] constexpr RightsMask bit(Right right)
{
    return RightsMask(1u << unsigned(right));
}
inline constexpr RightsMask AllRightsMask = RightsMask((1u << RightCount) - 1);

/** "Browse", "AccessControl", "ExportKeys": in messages and on the wire. */
[[nodiscard]] QString rightName(Right right);
/** Accepts the name in any letter case; InvalidValue naming the known rights otherwise. */
[[nodiscard]] Result<Right> parseRight(const QString& text);

enum class Effect : quint8 { Allow, Deny };
[[nodiscard]] QString effectName(Effect effect); // "allow" / "deny"
[[nodiscard]] Result<Effect> parseEffect(const QString& text);

/** The fixed top of the tree (id 0) and the six roots below it, all of kind "root". */
enum class RootId : qint64 {
    All = 0,
    Devices = 1,
    Profiles = 2,
    Views = 3,
    Jobs = 4,
    Certificates = 5,
    Administration = 6,
};

/**
 * A node of the tree: kind ("root", "folder", "device", "profile", …) and id. Its text form is
 * "KIND:ID", e.g. "device:42"; roots may also be named, e.g. "root:devices".
 */
struct NodeRef {
    QString kind;
    qint64 id = 0;
    friend bool operator==(const NodeRef&, const NodeRef&) = default;
};
[[nodiscard]] inline size_t qHash(const NodeRef& node, size_t seed = 0)
{
    return ::qHashMulti(seed, node.kind, node.id);
}
[[nodiscard]] NodeRef rootNode(RootId root);
/** The node of the device with \a id: "device:ID". */
[[nodiscard]] inline NodeRef deviceNode(qint64 id)
{
    return {QStringLiteral("device"), id};
}
[[nodiscard]] QString nodeText(const NodeRef& node);
/** NotFound-free parse of "KIND:ID"; InvalidValue with the expected form otherwise. */
[[nodiscard]] Result<NodeRef> parseNode(const QString& text);
/** The display name of a root ("Devices"), empty for the top. */
[[nodiscard]] QString rootName(RootId root);

enum class PrincipalKind : quint8 { Admin, Group };
struct PrincipalRef {
    PrincipalKind kind = PrincipalKind::Admin;
    qint64 id = 0;
    friend bool operator==(const PrincipalRef&, const PrincipalRef&) = default;
};
[[nodiscard]] QString principalKindName(PrincipalKind kind); // "admin" / "group"
[[nodiscard]] Result<PrincipalKind> parsePrincipalKind(const QString& text);

/** One permission entry: this principal has this right allowed or denied on this node. */
struct Rule {
    PrincipalRef principal;
    NodeRef node;
    Right right = Right::Browse;
    Effect effect = Effect::Allow;
};

} // namespace steward::server::access
