// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/EffectiveConfig.h"
#include "tests/support/CatchQt.h"

#include <QJsonArray>

#include <algorithm>
#include <random>

using namespace steward;
using namespace steward::server;
using services::AppliedProfile;
using services::ValueSource;

namespace {

const QString Key = QStringLiteral("shadow.prompt_timeout"); // integer 5 … 300, default 30

// Reach::level of a profile assigned to a view the device belongs to (view id 50 + profile).
constexpr int InView = -1;

// One profile reaching the device: id, kind, level (0 direct, 1 its folder, …, or InView), its
// value.
struct Reach {
    qint64 profile;
    db::ProfileKind kind;
    int level;
    qint64 value;
};

AppliedProfile applied(const Reach& reach)
{
    services::Origin origin;
    origin.profileId = reach.profile;
    origin.profileName = QStringLiteral("p%1").arg(reach.profile);
    origin.kind = reach.kind;
    origin.assignmentId = 100 + reach.profile;
    if (reach.level > 0) {
        origin.folderId = 10 + reach.level;
        origin.folderPath = QStringLiteral("/f%1").arg(reach.level);
    }
    origin.level = std::max(reach.level, 0);
    if (reach.level == InView) {
        origin.viewId = 50 + reach.profile;
        origin.viewName = QStringLiteral("v%1").arg(50 + reach.profile);
    }
    return {origin, db::ParameterValues{{Key, QJsonValue(reach.value)}}};
}

constexpr auto Standard = db::ProfileKind::Standard;
constexpr auto Priority = db::ProfileKind::Priority;

struct Case {
    const char* rule;
    std::vector<Reach> profiles;
    std::optional<qint64> local;
    qint64 expected;
    ValueSource source;
    std::optional<qint64> winningProfile;
};

const services::EffectiveValue& valueOf(const std::vector<services::EffectiveValue>& values)
{
    return *std::find_if(values.begin(), values.end(),
                         [](const auto& v) { return v.parameter->key == Key; });
}

} // namespace

TEST_CASE("effective configuration follows the precedence rules, whatever the input order",
          "[unit][settings][precedence]")
{
    const Case cases[] = {
        {"defaults when nothing is set", {}, std::nullopt, 30, ValueSource::Default, std::nullopt},
        {"a local value beats the default", {}, 60, 60, ValueSource::Local, std::nullopt},
        {"a profile beats a local value", {{1, Standard, 2, 90}}, 60, 90, ValueSource::Profile, 1},
        {"a direct assignment beats a folder",
         {{1, Standard, 1, 90}, {2, Standard, 0, 120}},
         std::nullopt,
         120,
         ValueSource::Profile,
         2},
        {"a direct assignment beats a folder even with a lower id",
         {{9, Standard, 1, 90}, {2, Standard, 0, 120}},
         std::nullopt,
         120,
         ValueSource::Profile,
         2},
        {"a nearer folder beats a farther one",
         {{5, Standard, 3, 90}, {1, Standard, 1, 45}},
         std::nullopt,
         45,
         ValueSource::Profile,
         1},
        {"on the same level the higher id wins",
         {{3, Standard, 1, 90}, {7, Standard, 1, 45}},
         std::nullopt,
         45,
         ValueSource::Profile,
         7},
        {"same level, direct: the higher id wins",
         {{8, Standard, 0, 90}, {4, Standard, 0, 45}},
         std::nullopt,
         90,
         ValueSource::Profile,
         8},
        {"a priority profile beats a direct assignment",
         {{1, Priority, 3, 200}, {9, Standard, 0, 45}},
         60,
         200,
         ValueSource::PriorityProfile,
         1},
        {"between priority profiles the nearer wins",
         {{1, Priority, 3, 200}, {2, Priority, 1, 250}},
         std::nullopt,
         250,
         ValueSource::PriorityProfile,
         2},
        {"between priority profiles on one level the higher id wins",
         {{6, Priority, 0, 200}, {2, Priority, 0, 250}},
         std::nullopt,
         200,
         ValueSource::PriorityProfile,
         6},
        {"a direct assignment beats a view's, even with a lower id",
         {{9, Standard, InView, 90}, {2, Standard, 0, 120}},
         std::nullopt,
         120,
         ValueSource::Profile,
         2},
        {"a view's assignment beats the device's own folder, even with a lower id",
         {{9, Standard, 1, 90}, {2, Standard, InView, 120}},
         std::nullopt,
         120,
         ValueSource::Profile,
         2},
        {"between two views the higher profile id wins",
         {{3, Standard, InView, 90}, {7, Standard, InView, 45}},
         std::nullopt,
         45,
         ValueSource::Profile,
         7},
        {"a priority profile on a far folder beats a standard one on a view",
         {{1, Priority, 4, 200}, {9, Standard, InView, 45}},
         std::nullopt,
         200,
         ValueSource::PriorityProfile,
         1},
        {"between priority profiles a view beats a folder",
         {{1, Priority, InView, 200}, {9, Priority, 1, 250}},
         std::nullopt,
         200,
         ValueSource::PriorityProfile,
         1},
        {"a view's profile beats a local value",
         {{4, Standard, InView, 90}},
         60,
         90,
         ValueSource::Profile,
         4},
        {"an invalid stored value never wins",
         {{9, Standard, 0, 1000}, {2, Standard, 1, 50}},
         std::nullopt,
         50,
         ValueSource::Profile,
         2},
        {"an invalid value falls through to the default",
         {{9, Priority, 0, 1}},
         std::nullopt,
         30,
         ValueSource::Default,
         std::nullopt},
    };
    const auto& registry = settings::ParameterRegistry::standard();
    std::mt19937 shuffle(42);
    for (const auto& c : cases) {
        INFO(c.rule);
        std::vector<AppliedProfile> profiles;
        for (const auto& reach : c.profiles) {
            profiles.push_back(applied(reach));
        }
        db::ParameterValues local;
        if (c.local) {
            local.insert(Key, QJsonValue(*c.local));
        }
        for (int order = 0; order < 4; ++order) {
            std::shuffle(profiles.begin(), profiles.end(), shuffle);
            const auto values = services::computeEffectiveConfig(registry, profiles, local);
            REQUIRE(values.size() == registry.parameters().size());
            const auto& value = valueOf(values);
            CHECK(value.winner.value.toInteger() == c.expected);
            CHECK(value.winner.source == c.source);
            CHECK(value.winner.origin.has_value() == c.winningProfile.has_value());
            if (c.winningProfile && value.winner.origin) {
                CHECK(value.winner.origin->profileId == *c.winningProfile);
            }
            // Everything else is listed as overridden, and the default always comes last.
            CHECK(value.overridden.size() == c.profiles.size() + (c.local ? 1 : 0));
            if (c.source != ValueSource::Default) {
                CHECK(value.overridden.back().source == ValueSource::Default);
            }
        }
    }
}

TEST_CASE("provenance names the profile, the assignment path and what was overridden",
          "[unit][settings][precedence]")
{
    const auto values = services::computeEffectiveConfig(settings::ParameterRegistry::standard(),
                                                         {applied({4, Standard, 2, 90}),
                                                          applied({7, Priority, 1, 120}),
                                                          applied({9, Standard, 0, 1000})},
                                                         {{Key, QJsonValue(60)}});
    const QJsonObject json = services::effectiveValueJson(valueOf(values));
    CHECK(json[QStringLiteral("key")] == Key);
    CHECK(json[QStringLiteral("value")] == 120);
    CHECK(json[QStringLiteral("source")] == QStringLiteral("priority-profile"));
    CHECK(json[QStringLiteral("profile")][QStringLiteral("id")] == 7);
    CHECK(json[QStringLiteral("profile")][QStringLiteral("kind")] == QStringLiteral("priority"));
    CHECK(json[QStringLiteral("assignment")][QStringLiteral("via")] == QStringLiteral("folder"));
    CHECK(json[QStringLiteral("assignment")][QStringLiteral("path")] == QStringLiteral("/f1"));
    CHECK(json[QStringLiteral("reason")]
          == QStringLiteral("priority profile \"p7\" (id 7) assigned to folder /f1 (1 level up)"));
    const QJsonArray overrode = json[QStringLiteral("overrode")].toArray();
    REQUIRE(overrode.size() == 4);
    // The direct one would rank first among standard profiles but its value is out of range.
    CHECK(overrode[0][QStringLiteral("profile")][QStringLiteral("id")] == 9);
    CHECK(overrode[0][QStringLiteral("ignored")].toString().contains(
        QStringLiteral("must be from 5 to 300")));
    CHECK(overrode[1][QStringLiteral("profile")][QStringLiteral("id")] == 4);
    CHECK(
        overrode[1][QStringLiteral("reason")].toString().contains(QStringLiteral("(2 levels up)")));
    CHECK(overrode[2][QStringLiteral("source")] == QStringLiteral("local"));
    CHECK(overrode[3][QStringLiteral("source")] == QStringLiteral("default"));
    CHECK(overrode[3][QStringLiteral("value")] == 30);
}

TEST_CASE("provenance names the view a profile reaches the device through",
          "[unit][settings][precedence][views]")
{
    const auto values = services::computeEffectiveConfig(
        settings::ParameterRegistry::standard(),
        {applied({4, Standard, 1, 90}), applied({3, Standard, InView, 120})}, {});
    const QJsonObject json = services::effectiveValueJson(valueOf(values));
    CHECK(json[QStringLiteral("value")] == 120);
    CHECK(json[QStringLiteral("profile")][QStringLiteral("id")] == 3);
    const QJsonObject assignment = json[QStringLiteral("assignment")].toObject();
    CHECK(assignment[QStringLiteral("via")] == QStringLiteral("view"));
    CHECK(assignment[QStringLiteral("view")] == 53);
    CHECK(assignment[QStringLiteral("name")] == QStringLiteral("v53"));
    CHECK_FALSE(assignment.contains(QStringLiteral("folder")));
    CHECK(json[QStringLiteral("reason")]
          == QStringLiteral("profile \"p3\" (id 3) assigned to view \"v53\" (id 53), which the "
                            "device belongs to"));
    const QJsonArray overrode = json[QStringLiteral("overrode")].toArray();
    REQUIRE(overrode.size() == 2);
    CHECK(overrode[0][QStringLiteral("assignment")][QStringLiteral("via")]
          == QStringLiteral("folder"));
}

TEST_CASE("the configuration version depends on the values only", "[unit][settings]")
{
    const auto& registry = settings::ParameterRegistry::standard();
    const auto defaults = services::computeEffectiveConfig(registry, {}, {});
    const auto sameViaProfile =
        services::computeEffectiveConfig(registry, {applied({3, Standard, 1, 30})}, {});
    const auto changed = services::computeEffectiveConfig(registry, {}, {{Key, QJsonValue(31)}});
    CHECK(services::configurationVersion(defaults).size() == 64);
    CHECK(services::configurationVersion(defaults)
          == services::configurationVersion(sameViaProfile));
    CHECK(services::configurationVersion(defaults) != services::configurationVersion(changed));
}
