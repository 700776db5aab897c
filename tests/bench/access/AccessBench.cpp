// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_access - every right of 100 administrators on 10,000 tree nodes; see docs/benchmarks.md.
#include "server/access/Evaluator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <random>

using namespace steward::server::access;

namespace {

constexpr int Admins = 100;
constexpr int Groups = 10;
constexpr int TopFolders = 20;
constexpr int SubFolders = 10; // below each top folder
constexpr int Nodes = 10000;   // tree nodes besides the fixed roots

/** 20 folders × 10 subfolders, the rest devices spread over the subfolders. */
NodeTree makeTree()
{
    std::vector<NodeEntry> entries;
    const NodeRef devices = rootNode(RootId::Devices);
    qint64 folder = 0;
    for (int top = 0; top < TopFolders; ++top) {
        const NodeRef parent{QStringLiteral("folder"), ++folder};
        entries.push_back({parent, devices, QStringLiteral("site-%1").arg(top)});
        for (int sub = 0; sub < SubFolders; ++sub) {
            entries.push_back(
                {{QStringLiteral("folder"), ++folder}, parent, QStringLiteral("room-%1").arg(sub)});
        }
    }
    const qint64 folders = folder;
    for (qint64 device = 1; qint64(entries.size()) < Nodes; ++device) {
        const qint64 room = TopFolders + 1 + (device % (folders - TopFolders));
        entries.push_back({{QStringLiteral("device"), device},
                           {QStringLiteral("folder"), room},
                           QStringLiteral("TC-%1").arg(device)});
    }
    return NodeTree::build(entries);
}

/** Each administrator in 1–3 groups; per group Allows on sites and Denies on rooms; a few
 *  direct entries per administrator. */
Policy makePolicy()
{
    std::mt19937 random(42);
    Policy policy;
    for (qint64 group = 1; group <= Groups; ++group) {
        policy.addGroup(group, QStringLiteral("group-%1").arg(group));
    }
    for (qint64 admin = 1; admin <= Admins; ++admin) {
        policy.addAdmin(admin, QStringLiteral("admin-%1").arg(admin), admin == 1);
        for (int i = 0; i < 1 + int(random() % 3); ++i) {
            policy.addMember(1 + qint64(random() % Groups), admin);
        }
    }
    const auto folder = [](qint64 id) { return NodeRef{QStringLiteral("folder"), id}; };
    const qint64 folders = TopFolders * (SubFolders + 1);
    for (qint64 group = 1; group <= Groups; ++group) {
        for (int i = 0; i < 5; ++i) {
            const Right right = AllRights[random() % AllRights.size()];
            policy.addRule({{PrincipalKind::Group, group},
                            folder(1 + qint64(random() % folders)),
                            right,
                            Effect::Allow});
        }
        policy.addRule({{PrincipalKind::Group, group},
                        folder(1 + qint64(random() % folders)),
                        Right::Shadow,
                        Effect::Deny});
    }
    for (qint64 admin = 2; admin <= Admins; ++admin) {
        for (int i = 0; i < 3; ++i) {
            policy.addRule({{PrincipalKind::Admin, admin},
                            {QStringLiteral("device"), 1 + qint64(random() % 9000)},
                            AllRights[random() % AllRights.size()],
                            random() % 4 == 0 ? Effect::Deny : Effect::Allow});
        }
    }
    return policy;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QElapsedTimer timer;
    timer.start();
    const NodeTree tree = makeTree();
    const Policy policy = makePolicy();
    const Evaluator evaluator(tree, policy);
    out << "setup: " << tree.size() << " nodes, " << policy.rules().size() << " entries, "
        << timer.elapsed() << " ms\n";

    // Whole tree, one pass each way per administrator: what a console's view needs.
    timer.restart();
    quint64 allowed = 0;
    for (qint64 admin = 1; admin <= Admins; ++admin) {
        for (const RightsMask rights : evaluator.allowedEverywhere(admin)) {
            allowed += quint64(qPopulationCount(rights));
        }
    }
    const qint64 everywhereNs = timer.nsecsElapsed();
    const double decisions = double(Admins) * tree.size() * RightCount;
    out << "allowedEverywhere: " << Admins << " admins x " << tree.size() << " nodes x "
        << RightCount << " rights = " << qint64(decisions) << " decisions in "
        << QString::number(everywhereNs / 1e6, 'f', 1) << " ms ("
        << QString::number(everywhereNs / decisions, 'f', 2) << " ns/decision), " << allowed
        << " allowed\n";

    // One node at a time, as a route asks: every right of every administrator on every node.
    timer.restart();
    quint64 single = 0;
    for (qint64 admin = 1; admin <= Admins; ++admin) {
        for (int node = 0; node < tree.size(); ++node) {
            single += quint64(qPopulationCount(evaluator.allowedRights(admin, node)));
        }
    }
    const qint64 singleNs = timer.nsecsElapsed();
    const double checks = double(Admins) * tree.size();
    out << "allowedRights: " << qint64(checks) << " node checks (all rights each) in "
        << QString::number(singleNs / 1e6, 'f', 1) << " ms ("
        << QString::number(singleNs / checks / 1000.0, 'f', 2) << " us/check), " << single
        << " allowed\n";
    if (single != allowed) {
        out << "MISMATCH: the two evaluations disagree\n";
        return 1;
    }
    return 0;
}
