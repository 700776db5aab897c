// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Settings.h"
#include "tests/support/CatchQt.h"

using namespace steward;
using namespace steward::protocol;

namespace {

const QString VersionA(64, QLatin1Char('a'));
const QString VersionB(64, QLatin1Char('b'));

SettingsBundle bundle()
{
    return SettingsBundle{
        7, VersionA, 3,
        QJsonObject{{QStringLiteral("system.timezone"), QStringLiteral("Europe/Berlin")}},
        QByteArray("\x01\x02\xff", 3)};
}

} // namespace

TEST_CASE("settings.bundle and settings.applied round-trip through JSON", "[unit][protocol]")
{
    const auto parsed = settingsBundleFromJson(toJson(bundle()));
    REQUIRE(parsed.ok());
    CHECK(*parsed == bundle());
    SettingsApplied failed{VersionA,
                           false,
                           VersionB,
                           {{QStringLiteral("system.timezone"), QStringLiteral("no such zone")}},
                           {QStringLiteral("desktop.wallpaper")},
                           false};
    const auto back = settingsAppliedFromJson(toJson(failed));
    REQUIRE(back.ok());
    CHECK(*back == failed);
    const SettingsApplied first{VersionA, false, QString(), {}, {}, false};
    CHECK(settingsAppliedFromJson(toJson(first)).ok());
}

TEST_CASE("settings.bundle refuses a bad device, version, values or signature by name",
          "[unit][protocol]")
{
    QJsonObject body = toJson(bundle());
    const auto refusedAt = [&](const char* key, const QJsonValue& value) {
        QJsonObject changed = body;
        changed.insert(QLatin1String(key), value);
        const auto parsed = settingsBundleFromJson(changed);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.") + QLatin1String(key)));
    };
    refusedAt("device", 0);
    refusedAt("version", QStringLiteral("ABC"));
    refusedAt("version", QString(64, QLatin1Char('A')));
    refusedAt("revision", -1);
    refusedAt("values", QStringLiteral("not an object"));
    refusedAt("values", QJsonObject{{QStringLiteral("x"), QString(300 * 1024, QLatin1Char('x'))}});
    refusedAt("signature", QStringLiteral("not*base64!"));
    refusedAt("signature", QString());
    body.remove(QStringLiteral("signature"));
    const auto unsigned_ = settingsBundleFromJson(body);
    REQUIRE_FALSE(unsigned_.ok());
    CHECK(unsigned_.error().code == ErrorCode::MissingField);
}

TEST_CASE("settings.applied refuses contradictions and oversized reports", "[unit][protocol]")
{
    SettingsApplied applied{VersionA, true, VersionA, {}, {}, true};
    REQUIRE(settingsAppliedFromJson(toJson(applied)).ok());
    SECTION("applied with failures")
    {
        applied.failures.insert(QStringLiteral("screen.lock_timeout"), QStringLiteral("no"));
        const auto parsed = settingsAppliedFromJson(toJson(applied));
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.failures")));
    }
    SECTION("applied but another version in effect")
    {
        applied.version = VersionB;
        const auto parsed = settingsAppliedFromJson(toJson(applied));
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.version")));
    }
    SECTION("a failure text that is not a string")
    {
        QJsonObject body = toJson(applied);
        body.insert(QStringLiteral("applied"), false);
        body.insert(QStringLiteral("failures"), QJsonObject{{QStringLiteral("x"), 5}});
        const auto parsed = settingsAppliedFromJson(body);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.failures")));
    }
    SECTION("too many failures")
    {
        applied.applied = false;
        for (int i = 0; i < 201; ++i) {
            applied.failures.insert(QStringLiteral("p%1").arg(i), QStringLiteral("bad"));
        }
        const auto parsed = settingsAppliedFromJson(toJson(applied));
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.failures")));
    }
}

TEST_CASE("the settings signing payload binds values, version and revision to one device",
          "[unit][protocol]")
{
    const SettingsBundle signedBundle = bundle();
    CHECK(settingsSigningPayload(signedBundle)
          == QByteArray(R"({"device":7,"revision":3,"values":{"system.timezone":"Europe/Berlin"},)"
                        R"("version":")")
                 + VersionA.toLatin1() + "\"}");
    SettingsBundle other = signedBundle;
    other.device = 8;
    CHECK(settingsSigningPayload(other) != settingsSigningPayload(signedBundle));
    other = signedBundle;
    other.revision = 4;
    CHECK(settingsSigningPayload(other) != settingsSigningPayload(signedBundle));
}
