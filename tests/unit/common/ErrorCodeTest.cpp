// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/core/ErrorCode.h"
#include "tests/support/CatchQt.h"

#include <set>
#include <string>

TEST_CASE("every error code has a unique stable name that round-trips", "[unit][core]")
{
    std::set<std::string> seen;
    for (const auto code : steward::allErrorCodes()) {
        const auto name = steward::errorCodeName(code);
        INFO("code " << int(code));
        CHECK(!name.empty());
        CHECK(seen.insert(std::string(name)).second);
        REQUIRE(steward::errorCodeFromName(name).has_value());
        CHECK(*steward::errorCodeFromName(name) == code);
    }
    CHECK(seen.size() == std::size_t(int(steward::ErrorCode::OverwriteRefused) + 1));
}

TEST_CASE("released error code names never change", "[unit][core]")
{
    // These strings are part of the REST and socket contracts.
    CHECK(steward::errorCodeName(steward::ErrorCode::IncompatibleVersion)
          == "incompatible_version");
    CHECK(steward::errorCodeName(steward::ErrorCode::FrameTooLarge) == "frame_too_large");
    CHECK(steward::errorCodeName(steward::ErrorCode::NotAuthorised) == "not_authorised");
    CHECK_FALSE(steward::errorCodeFromName("no_such_code").has_value());
}
