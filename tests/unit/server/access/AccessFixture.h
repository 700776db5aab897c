// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AccessFixture - a small tree, administrators and groups that the evaluator tests share.
#pragma once

#include "server/access/Evaluator.h"

namespace steward::test::access {

using namespace server::access;

// Administrators and groups.
inline constexpr qint64 Alice = 1; // superuser
inline constexpr qint64 Bob = 2;
inline constexpr qint64 Carol = 3;
inline constexpr qint64 Helpdesk = 10;    // Bob, Carol
inline constexpr qint64 BerlinStaff = 11; // Bob
inline constexpr qint64 Contractors = 12; // Bob

inline NodeRef folder(qint64 id)
{
    return {QStringLiteral("folder"), id};
}
inline NodeRef device(qint64 id)
{
    return {QStringLiteral("device"), id};
}
inline NodeRef profile(qint64 id)
{
    return {QStringLiteral("profile"), id};
}
inline const NodeRef Berlin = folder(1);
inline const NodeRef Munich = folder(2);
inline const NodeRef Languages = folder(10);
inline const NodeRef Network = folder(11);
inline const NodeRef Tc1 = device(1);
inline const NodeRef Tc2 = device(2);
inline const NodeRef Tc3 = device(3);
inline const NodeRef German = profile(1);
inline const NodeRef Proxy = profile(2);

/**
 * /Devices/Berlin/{TC-1,TC-2}, /Devices/Munich/TC-3, /Profiles/Languages/German,
 * /Profiles/Network/Proxy, and the other empty roots.
 */
inline NodeTree sampleTree()
{
    const NodeRef devices = rootNode(RootId::Devices);
    const NodeRef profiles = rootNode(RootId::Profiles);
    return NodeTree::build({
        {Tc1, Berlin, QStringLiteral("TC-1")},
        {Berlin, devices, QStringLiteral("Berlin")},
        {Tc2, Berlin, QStringLiteral("TC-2")},
        {Munich, devices, QStringLiteral("Munich")},
        {Tc3, Munich, QStringLiteral("TC-3")},
        {German, Languages, QStringLiteral("German")},
        {Languages, profiles, QStringLiteral("Languages")},
        {Network, profiles, QStringLiteral("Network")},
        {Proxy, Network, QStringLiteral("Proxy")},
    });
}

inline Policy samplePolicy(const std::vector<Rule>& rules)
{
    Policy policy;
    policy.addAdmin(Alice, QStringLiteral("alice"), true);
    policy.addAdmin(Bob, QStringLiteral("bob"), false);
    policy.addAdmin(Carol, QStringLiteral("carol"), false);
    policy.addGroup(Helpdesk, QStringLiteral("helpdesk"));
    policy.addGroup(BerlinStaff, QStringLiteral("berlin-staff"));
    policy.addGroup(Contractors, QStringLiteral("contractors"));
    policy.addMember(Helpdesk, Bob);
    policy.addMember(Helpdesk, Carol);
    policy.addMember(BerlinStaff, Bob);
    policy.addMember(Contractors, Bob);
    for (const auto& rule : rules) {
        policy.addRule(rule);
    }
    return policy;
}

inline Rule allow(PrincipalKind kind, qint64 id, const NodeRef& node, Right right)
{
    return {{kind, id}, node, right, Effect::Allow};
}
inline Rule deny(PrincipalKind kind, qint64 id, const NodeRef& node, Right right)
{
    return {{kind, id}, node, right, Effect::Deny};
}
inline constexpr PrincipalKind User = PrincipalKind::Admin;
inline constexpr PrincipalKind Group = PrincipalKind::Group;

} // namespace steward::test::access
