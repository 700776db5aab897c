// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/CatchQt.h"
#include "tests/unit/server/access/AccessFixture.h"

using namespace steward::test::access;
using Source = RightDecision::Source;

namespace {

struct Case {
    const char* rule; // what the row shows
    std::vector<Rule> rules;
    qint64 admin;
    NodeRef node;
    Right right;
    bool allowed;
    Source source;
};

// One row per rule of the model (see Evaluator.h); each row would fail without its rule.
const std::vector<Case>& cases()
{
    static const std::vector<Case> table{
        {"not set is denied", {}, Bob, Tc1, Right::Read, false, Source::Default},
        {"an Allow on the node allows",
         {allow(User, Bob, Tc1, Right::Read)},
         Bob,
         Tc1,
         Right::Read,
         true,
         Source::Direct},
        {"rights are inherited from parent to child",
         {allow(User, Bob, rootNode(RootId::Devices), Right::Read)},
         Bob,
         Tc3,
         Right::Read,
         true,
         Source::Direct},
        {"an Allow below a Deny of the same administrator does not override it",
         {deny(User, Bob, Berlin, Right::Write), allow(User, Bob, Tc1, Right::Write)},
         Bob,
         Tc1,
         Right::Write,
         false,
         Source::Direct},
        {"a direct Allow below a group Deny does not override it",
         {deny(Group, Helpdesk, Berlin, Right::Write), allow(User, Bob, Tc1, Right::Write)},
         Bob,
         Tc1,
         Right::Write,
         false,
         Source::Group},
        {"a group Allow below another group's Deny does not override it",
         {deny(Group, Contractors, rootNode(RootId::Devices), Right::Shadow),
          allow(Group, BerlinStaff, Berlin, Right::Shadow)},
         Bob,
         Tc2,
         Right::Shadow,
         false,
         Source::Group},
        {"a Deny below an inherited Allow denies the child",
         {allow(User, Bob, rootNode(RootId::Devices), Right::Read),
          deny(User, Bob, Munich, Right::Read)},
         Bob,
         Tc3,
         Right::Read,
         false,
         Source::Direct},
        {"... and leaves the sibling allowed",
         {allow(User, Bob, rootNode(RootId::Devices), Right::Read),
          deny(User, Bob, Munich, Right::Read)},
         Bob,
         Tc1,
         Right::Read,
         true,
         Source::Direct},
        {"any group Deny beats any number of group Allows",
         {allow(Group, Helpdesk, Berlin, Right::Terminal),
          allow(Group, BerlinStaff, Berlin, Right::Terminal),
          deny(Group, Contractors, Berlin, Right::Terminal)},
         Bob,
         Tc1,
         Right::Terminal,
         false,
         Source::Group},
        {"group Allows without a Deny allow",
         {allow(Group, Helpdesk, Berlin, Right::Terminal),
          allow(Group, BerlinStaff, Berlin, Right::Terminal)},
         Bob,
         Tc1,
         Right::Terminal,
         true,
         Source::Group},
        {"a direct Allow takes precedence over a group Deny on the same node",
         {deny(Group, Contractors, Berlin, Right::Commands),
          allow(User, Bob, Berlin, Right::Commands)},
         Bob,
         Tc2,
         Right::Commands,
         true,
         Source::Direct},
        {"a direct Deny takes precedence over a group Allow on the same node",
         {allow(Group, Helpdesk, Berlin, Right::Commands),
          deny(User, Bob, Berlin, Right::Commands)},
         Bob,
         Tc2,
         Right::Commands,
         false,
         Source::Direct},
        {"entries of a group the administrator is not in do not count",
         {allow(Group, BerlinStaff, Berlin, Right::Read)},
         Carol,
         Tc1,
         Right::Read,
         false,
         Source::Default},
        {"entries of another administrator do not count",
         {allow(User, Carol, Berlin, Right::Read)},
         Bob,
         Tc1,
         Right::Read,
         false,
         Source::Default},
        {"the superuser is never restricted",
         {deny(User, Alice, rootNode(RootId::All), Right::Shadow)},
         Alice,
         Tc1,
         Right::Shadow,
         true,
         Source::Superuser},
        {"action rights inherit like object rights",
         {allow(User, Bob, Berlin, Right::Shadow)},
         Bob,
         Tc1,
         Right::Shadow,
         true,
         Source::Direct},
        {"an action right does not leak to other branches",
         {allow(User, Bob, Berlin, Right::Shadow)},
         Bob,
         Tc3,
         Right::Shadow,
         false,
         Source::Default},
        {"not set Browse browses down to a granted node",
         {allow(User, Bob, Tc1, Right::Shadow)},
         Bob,
         Berlin,
         Right::Browse,
         true,
         Source::BrowseDown},
        {"browse-down gives nothing but Browse",
         {allow(User, Bob, Tc1, Right::Shadow)},
         Bob,
         Berlin,
         Right::Read,
         false,
         Source::Default},
        {"browse-down does not open siblings",
         {allow(User, Bob, Tc1, Right::Shadow)},
         Bob,
         Tc2,
         Right::Browse,
         false,
         Source::Default},
        {"an explicit Deny on Browse stops browse-down",
         {deny(User, Bob, Berlin, Right::Browse), allow(User, Bob, Tc1, Right::Shadow)},
         Bob,
         Berlin,
         Right::Browse,
         false,
         Source::Direct},
        {"a granted node whose rights are all denied from above does not open the path",
         {deny(User, Bob, Berlin, Right::Shadow), allow(User, Bob, Tc1, Right::Shadow)},
         Bob,
         Berlin,
         Right::Browse,
         false,
         Source::Default},
        {"an entry on a node that is not in the tree grants nothing",
         {allow(User, Bob, device(99), Right::Read)},
         Bob,
         rootNode(RootId::Devices),
         Right::Browse,
         false,
         Source::Default},
    };
    return table;
}

} // namespace

TEST_CASE("each access rule decides as the model says", "[unit][access]")
{
    const NodeTree tree = sampleTree();
    for (const auto& row : cases()) {
        INFO(row.rule);
        const Policy policy = samplePolicy(row.rules);
        const Evaluator evaluator(tree, policy);
        const int node = tree.find(row.node).value();
        CHECK(evaluator.allowed(row.admin, node, row.right) == row.allowed);
        const auto decision = evaluator.explain(row.admin, node)[size_t(row.right)];
        CHECK(decision.right == row.right);
        CHECK(decision.allowed == row.allowed);
        CHECK(sourceName(decision.source) == sourceName(row.source));
        // The one-pass evaluation of the whole tree agrees with the single checks everywhere.
        for (const qint64 admin : {Alice, Bob, Carol}) {
            const auto everywhere = evaluator.allowedEverywhere(admin);
            for (int i = 0; i < tree.size(); ++i) {
                INFO("admin " << admin << " node " << tree.path(i).toStdString());
                CHECK(everywhere[size_t(i)] == evaluator.allowedRights(admin, i));
            }
        }
    }
}

TEST_CASE("the catalog's Languages example: a user browses down to Languages and nothing else",
          "[unit][access]")
{
    const NodeTree tree = sampleTree();
    const Policy policy = samplePolicy(
        {allow(User, Carol, Languages, Right::Browse), allow(User, Carol, Languages, Right::Read)});
    const Evaluator evaluator(tree, policy);
    const auto visible = evaluator.allowedEverywhere(Carol);
    QStringList browsable;
    for (int i = 0; i < tree.size(); ++i) {
        if (visible[size_t(i)] & bit(Right::Browse)) {
            browsable.append(tree.path(i));
        }
    }
    CHECK(browsable
          == QStringList{QStringLiteral("/"), QStringLiteral("/Profiles"),
                         QStringLiteral("/Profiles/Languages"),
                         QStringLiteral("/Profiles/Languages/German")});
    const int profiles = tree.root(RootId::Profiles);
    CHECK(evaluator.allowedRights(Carol, profiles) == bit(Right::Browse));
    const auto browse = evaluator.explain(Carol, profiles)[size_t(Right::Browse)];
    CHECK(evaluator.reason(browse, profiles)
          == QStringLiteral("allowed: not set, but browses down to /Profiles/Languages, where "
                            "rights are granted"));
    const int german = *tree.find(German);
    CHECK(evaluator.allowedRights(Carol, german) == (bit(Right::Browse) | bit(Right::Read)));
    CHECK(evaluator.reason(evaluator.explain(Carol, german)[size_t(Right::Read)], german)
          == QStringLiteral("allowed for admin carol (inherited from /Profiles/Languages)"));
    CHECK(evaluator.reason(evaluator.explain(Carol, german)[size_t(Right::Write)], german)
          == QStringLiteral("denied: not set"));
}

TEST_CASE("the explainer names every entry on the path and what became of it", "[unit][access]")
{
    const NodeTree tree = sampleTree();
    const Policy policy = samplePolicy(
        {allow(Group, Helpdesk, rootNode(RootId::Devices), Right::Shadow),
         deny(Group, Contractors, Berlin, Right::Shadow),
         allow(Group, BerlinStaff, Berlin, Right::Shadow), allow(User, Bob, Tc1, Right::Shadow)});
    const Evaluator evaluator(tree, policy);
    const int tc1 = *tree.find(Tc1);
    const auto shadow = evaluator.explain(Bob, tc1)[size_t(Right::Shadow)];
    CHECK_FALSE(shadow.allowed);
    CHECK(evaluator.reason(shadow, tc1)
          == QStringLiteral("denied for group contractors (inherited from /Devices/Berlin)"));
    REQUIRE(shadow.chain.size() == 4);
    CHECK(tree.path(shadow.chain[0].node) == QStringLiteral("/Devices"));
    CHECK(shadow.chain[0].note == QStringLiteral("applies"));
    CHECK(shadow.chain[1].principal == PrincipalRef{Group, Contractors});
    CHECK(shadow.chain[1].note == QStringLiteral("applies"));
    CHECK(shadow.chain[2].principal == PrincipalRef{Group, BerlinStaff});
    CHECK(shadow.chain[2].note == QStringLiteral("outweighed by a group Deny on the same node"));
    CHECK(shadow.chain[3].note == QStringLiteral("ignored: denied above"));
    // Carol is in helpdesk only: the Allow on /Devices reaches her.
    const auto carol = evaluator.explain(Carol, tc1)[size_t(Right::Shadow)];
    CHECK(carol.allowed);
    CHECK(evaluator.reason(carol, tc1)
          == QStringLiteral("allowed for group helpdesk (inherited from /Devices)"));
    CHECK(evaluator.reason(evaluator.explain(Alice, tc1)[0], tc1)
          == QStringLiteral("allowed: superuser, never restricted"));
}

TEST_CASE("the tree is built from entries in any order, and survives bad parents", "[unit][access]")
{
    const NodeTree tree = sampleTree();
    CHECK(tree.size() == 7 + 9);
    CHECK(tree.path(*tree.find(Tc3)) == QStringLiteral("/Devices/Munich/TC-3"));
    for (int i = 1; i < tree.size(); ++i) {
        CHECK(tree.parent(i) < i);
    }
    CHECK(tree.hasChildren(*tree.find(Berlin)));
    CHECK_FALSE(tree.hasChildren(*tree.find(Tc1)));
    CHECK_FALSE(tree.hasChildren(tree.root(RootId::Jobs)));
    const NodeTree odd = NodeTree::build({
        {folder(5), folder(6), QStringLiteral("A"), rootNode(RootId::Devices)},
        {folder(6), folder(5), QStringLiteral("B"), rootNode(RootId::Devices)},
        {device(7), folder(404), QStringLiteral("Lost"), rootNode(RootId::Devices)},
    });
    CHECK(odd.size() == 7 + 3);
    CHECK(odd.path(*odd.find(device(7))) == QStringLiteral("/Devices/Lost"));
    const QString a = odd.path(*odd.find(folder(5)));
    const QString b = odd.path(*odd.find(folder(6)));
    CHECK(((a == QStringLiteral("/Devices/B/A") && b == QStringLiteral("/Devices/B"))
           || (a == QStringLiteral("/Devices/A") && b == QStringLiteral("/Devices/A/B"))));
    CHECK(odd.isAncestor(odd.root(RootId::Devices), *odd.find(device(7))));
    CHECK_FALSE(odd.isAncestor(*odd.find(device(7)), odd.root(RootId::Devices)));
}

TEST_CASE("rights, effects and nodes parse strictly and name what is wrong", "[unit][access]")
{
    CHECK(parseRight(QStringLiteral("shadow")).value() == Right::Shadow);
    CHECK(parseRight(QStringLiteral("AccessControl")).value() == Right::AccessControl);
    const auto bad = parseRight(QStringLiteral("root"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.contains(QStringLiteral("ExportKeys")));
    CHECK(parseEffect(QStringLiteral("deny")).value() == Effect::Deny);
    CHECK_FALSE(parseEffect(QStringLiteral("Maybe")).ok());
    CHECK(parseNode(QStringLiteral("device:42")).value() == device(42));
    CHECK(parseNode(QStringLiteral("root:devices")).value() == rootNode(RootId::Devices));
    CHECK(nodeText(rootNode(RootId::Administration)) == QStringLiteral("root:administration"));
    CHECK(nodeText(rootNode(RootId::All)) == QStringLiteral("root:all"));
    for (const char* text : {"device", "device:", ":4", "device:0", "device:-1", "device:x",
                             "root:nothing", "Device:4", "device:4:5"}) {
        INFO(text);
        CHECK_FALSE(parseNode(QString::fromLatin1(text)).ok());
    }
}
