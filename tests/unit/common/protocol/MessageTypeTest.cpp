// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/MessageType.h"
#include "tests/support/CatchQt.h"

#include <set>
#include <string>

using namespace steward::protocol;

TEST_CASE("every message type has a unique wire name that round-trips", "[unit][protocol]")
{
    std::set<std::string> seen;
    for (const auto type : allMessageTypes()) {
        INFO("type " << int(type));
        const auto name = messageTypeName(type);
        CHECK(!name.empty());
        CHECK(seen.insert(std::string(name)).second);
        const auto back = messageTypeFromName(messageTypeWireName(type));
        REQUIRE(back.has_value());
        CHECK(*back == type);
    }
    // The catalog lists every enum value, in order: a forgotten table row fails here.
    const auto all = allMessageTypes();
    REQUIRE(all.size() == std::size_t(int(MessageType::ClientConfirm) + 1));
    for (std::size_t i = 0; i < all.size(); ++i) {
        CHECK(int(all[i]) == int(i));
    }
}

TEST_CASE("released message type wire names never change", "[unit][protocol]")
{
    CHECK(messageTypeName(MessageType::Hello) == "hello");
    CHECK(messageTypeName(MessageType::HelloAck) == "hello.ack");
    CHECK(messageTypeName(MessageType::Error) == "error");
    CHECK(messageTypeName(MessageType::ObjectEvent) == "object.event");
    CHECK(messageTypeName(MessageType::AttributeSnapshot) == "attribute.snapshot");
    CHECK(messageTypeName(MessageType::AttributeSync) == "attribute.sync");
    CHECK(messageTypeName(MessageType::AttributeSet) == "attribute.set");
    CHECK(messageTypeName(MessageType::AttributeReset) == "attribute.reset");
}

TEST_CASE("wire names this build does not know map to no message type", "[unit][protocol]")
{
    CHECK_FALSE(messageTypeFromName(u"device.list").has_value());
    CHECK_FALSE(messageTypeFromName(u"").has_value());
    CHECK_FALSE(messageTypeFromName(u"HELLO").has_value());
    CHECK_FALSE(messageTypeFromName(u"hello ").has_value());
}
