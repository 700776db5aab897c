// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/core/Result.h"
#include "tests/support/CatchQt.h"

#include <memory>

using steward::ErrorCode;
using steward::Result;

namespace {

Result<int> parsePositive(int value)
{
    if (value <= 0) {
        return steward::makeError(ErrorCode::InvalidValue, QStringLiteral("not positive"));
    }
    return value;
}

} // namespace

TEST_CASE("a result holds either a value or an error", "[unit][core]")
{
    const auto good = parsePositive(3);
    REQUIRE(good.ok());
    CHECK(*good == 3);
    CHECK(good.valueOr(7) == 3);

    const auto bad = parsePositive(-1);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::InvalidValue);
    CHECK(bad.error().message == QStringLiteral("not positive"));
    CHECK(bad.valueOr(7) == 7);
    CHECK(bad.error().toString() == QStringLiteral("invalid_value: not positive"));
}

TEST_CASE("a result of void reports success or an error", "[unit][core]")
{
    const Result<void> fine;
    CHECK(fine.ok());
    const Result<void> failed = steward::makeError(ErrorCode::IoError, QStringLiteral("disk"));
    CHECK_FALSE(failed.ok());
    CHECK(failed.error().code == ErrorCode::IoError);
}

TEST_CASE("a result can carry a move-only value", "[unit][core]")
{
    Result<std::unique_ptr<int>> owned = std::make_unique<int>(5);
    REQUIRE(owned.ok());
    std::unique_ptr<int> taken = std::move(owned).value();
    CHECK(*taken == 5);
}
