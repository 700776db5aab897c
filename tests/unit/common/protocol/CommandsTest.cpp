// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Commands.h"
#include "tests/support/CatchQt.h"

using namespace steward;
using namespace steward::protocol;

TEST_CASE("command.run and command.result round-trip through JSON", "[unit][protocol]")
{
    CommandRun run{42, CommandKind::Rename,
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("kiosk-1")},
                               {QStringLiteral("network"), true}},
                   QByteArray("\x01\x02\xff", 3)};
    const auto parsed = commandRunFromJson(toJson(run));
    REQUIRE(parsed.ok());
    CHECK(*parsed == run);
    const CommandResult result{42, false, QStringLiteral("no rename hook is configured")};
    const auto back = commandResultFromJson(toJson(result));
    REQUIRE(back.ok());
    CHECK(*back == result);
}

TEST_CASE("command.run refuses bad ids, kinds, args and signatures by name", "[unit][protocol]")
{
    QJsonObject body = toJson(CommandRun{7, CommandKind::Reboot, {}, {}});
    SECTION("id zero")
    {
        body.insert(QStringLiteral("id"), 0);
        const auto parsed = commandRunFromJson(body);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.id")));
    }
    SECTION("overlong kind")
    {
        body.insert(QStringLiteral("kind"), QString(65, QLatin1Char('k')));
        const auto parsed = commandRunFromJson(body);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.kind")));
    }
    SECTION("oversized args")
    {
        body.insert(QStringLiteral("args"),
                    QJsonObject{{QStringLiteral("x"), QString(5000, QLatin1Char('x'))}});
        const auto parsed = commandRunFromJson(body);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.args")));
    }
    SECTION("a signature that is not base64")
    {
        body.insert(QStringLiteral("signature"), QStringLiteral("not*base64!"));
        const auto parsed = commandRunFromJson(body);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.signature")));
    }
    SECTION("an overlong result message")
    {
        const auto parsed =
            commandResultFromJson(toJson(CommandResult{7, true, QString(1001, QLatin1Char('m'))}));
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.message")));
    }
}

TEST_CASE("the signing payload binds the command to one device, id, kind and args",
          "[unit][protocol]")
{
    const CommandRun release{9, CommandKind::Release, {}, {}};
    CHECK(commandSigningPayload(release, 3) == R"({"args":{},"device":3,"id":9,"kind":"release"})");
    CHECK(commandSigningPayload(release, 3) != commandSigningPayload(release, 4));
    CHECK(commandNeedsSignature(CommandKind::Release));
    CHECK_FALSE(commandNeedsSignature(CommandKind::Reboot));
}
