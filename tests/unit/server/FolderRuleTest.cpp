// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/FolderRuleService.h"
#include "tests/support/CatchQt.h"

using namespace steward;
using namespace steward::server;
using services::RuleSubject;

namespace {

db::FolderRule rule(qint64 id, db::RuleMatch match, const QString& pattern, qint64 folder,
                    bool override = false, const QString& attribute = {})
{
    db::FolderRule made;
    made.id = id;
    made.position = id * 10;
    made.match = match;
    made.pattern = pattern;
    made.folderId = folder;
    made.overrideMembership = override;
    made.attribute = attribute;
    return made;
}

} // namespace

TEST_CASE("folder rules match host names, address ranges and attribute values",
          "[unit][server][zerotouch]")
{
    const RuleSubject kiosk{QStringLiteral("Kiosk-17"),
                            QStringLiteral("::ffff:10.1.2.3"),
                            {{QStringLiteral("site"), QStringLiteral("Berlin-Mitte")}}};
    CHECK(services::ruleMatches(rule(1, db::RuleMatch::Hostname, QStringLiteral("kiosk-*"), 1),
                                kiosk));
    CHECK_FALSE(services::ruleMatches(
        rule(1, db::RuleMatch::Hostname, QStringLiteral("kiosk-?"), 1), kiosk));
    CHECK(services::ruleMatches(rule(1, db::RuleMatch::Address, QStringLiteral("10.1.0.0/16"), 1),
                                kiosk));
    CHECK_FALSE(services::ruleMatches(
        rule(1, db::RuleMatch::Address, QStringLiteral("10.2.0.0/16"), 1), kiosk));
    CHECK(services::ruleMatches(rule(1, db::RuleMatch::Attribute, QStringLiteral("berlin*"), 1,
                                     false, QStringLiteral("site")),
                                kiosk));
    CHECK_FALSE(services::ruleMatches(
        rule(1, db::RuleMatch::Attribute, QStringLiteral("*"), 1, false, QStringLiteral("floor")),
        kiosk));
    CHECK_FALSE(services::ruleMatches(
        rule(1, db::RuleMatch::Address, QStringLiteral("10.0.0.0/8"), 1), RuleSubject{}));
}

TEST_CASE("the first placing rule wins, and only an overriding one moves a device with a folder",
          "[unit][server][zerotouch]")
{
    const RuleSubject subject{QStringLiteral("kiosk-1"), QStringLiteral("10.1.2.3"), {}};
    const std::vector<db::FolderRule> rules{
        rule(1, db::RuleMatch::Hostname, QStringLiteral("desk-*"), 7),
        rule(2, db::RuleMatch::Address, QStringLiteral("10.0.0.0/8"), 8),
        rule(3, db::RuleMatch::Hostname, QStringLiteral("kiosk-*"), 9, true)};
    const auto* first = services::placingRule(rules, subject, false);
    REQUIRE(first != nullptr);
    CHECK(first->folderId == 8);
    const auto* overriding = services::placingRule(rules, subject, true);
    REQUIRE(overriding != nullptr);
    CHECK(overriding->folderId == 9);
    CHECK(services::placingRule({rules[0], rules[1]}, subject, true) == nullptr);
}

TEST_CASE("a folder rule with a pattern unfit for its kind is refused naming it",
          "[unit][server][zerotouch]")
{
    const auto refused = [](const db::FolderRule& made) {
        const auto checked = services::checkFolderRule(made);
        REQUIRE_FALSE(checked.ok());
        return checked.error().message;
    };
    CHECK(refused(rule(1, db::RuleMatch::Address, QStringLiteral("10.0.0.0/33"), 1))
              .contains(QStringLiteral("10.0.0.0/33")));
    CHECK(refused(rule(1, db::RuleMatch::Address, QStringLiteral("kiosk"), 1))
              .contains(QStringLiteral("address range")));
    CHECK(refused(rule(1, db::RuleMatch::Hostname, QString(), 1))
              .contains(QStringLiteral("pattern")));
    CHECK(refused(rule(1, db::RuleMatch::Attribute, QStringLiteral("x"), 1))
              .contains(QStringLiteral("attribute")));
    CHECK(refused(rule(1, db::RuleMatch::Hostname, QStringLiteral("x"), 1, false,
                       QStringLiteral("site")))
              .contains(QStringLiteral("attribute")));
    CHECK(services::checkFolderRule(rule(1, db::RuleMatch::Address, QStringLiteral("fd00::/8"), 1))
              .ok());
}
