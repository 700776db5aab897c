// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Events.h"
#include "common/protocol/Decoder.h"
#include "common/protocol/Message.h"
#include "tests/support/CatchQt.h"

using namespace steward;
using namespace steward::protocol;

TEST_CASE("an object event round-trips with and without its object", "[unit][protocol]")
{
    ObjectEvent created{QStringLiteral("created"), QStringLiteral("admin"), 3,
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")}}};
    auto parsed = objectEventFromJson(toJson(created));
    REQUIRE(parsed.ok());
    CHECK(*parsed == created);

    ObjectEvent deleted{QStringLiteral("deleted"), QStringLiteral("device"), 9, std::nullopt};
    const auto body = toJson(deleted);
    CHECK_FALSE(body.contains(QStringLiteral("object")));
    CHECK(*objectEventFromJson(body) == deleted);
}

TEST_CASE("an object event with an unknown event name or bad field is refused", "[unit][protocol]")
{
    const auto unknown =
        objectEventFromJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("exploded")},
                                        {QStringLiteral("kind"), QStringLiteral("admin")},
                                        {QStringLiteral("id"), 1}});
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == ErrorCode::InvalidValue);
    CHECK(unknown.error().message.contains(QStringLiteral("body.event")));

    const auto badObject =
        objectEventFromJson(QJsonObject{{QStringLiteral("event"), QStringLiteral("changed")},
                                        {QStringLiteral("kind"), QStringLiteral("admin")},
                                        {QStringLiteral("id"), 1},
                                        {QStringLiteral("object"), 5}});
    REQUIRE_FALSE(badObject.ok());
    CHECK(badObject.error().code == ErrorCode::WrongFieldType);

    const auto decoded =
        decodeFrame(R"({"type":"object.event","id":4,"body":{"event":"created","kind":"admin"}})");
    REQUIRE_FALSE(decoded.ok());
    CHECK_FALSE(decoded.failure().closeSession);
    CHECK(decoded.failure().error.code == ErrorCode::MissingField);
}
