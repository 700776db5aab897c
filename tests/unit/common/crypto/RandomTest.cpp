// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/Random.h"
#include "common/crypto/SecureFile.h"
#include "tests/support/CatchQt.h"

#include <QTemporaryDir>

using steward::ErrorCode;

TEST_CASE("random bytes have the asked length and differ each time", "[unit][crypto]")
{
    auto first = steward::crypto::randomBytes(32);
    auto second = steward::crypto::randomBytes(32);
    REQUIRE(first.ok());
    REQUIRE(second.ok());
    CHECK(first->size() == 32);
    CHECK(*first != *second);
    CHECK(steward::crypto::randomBytes(0).value().isEmpty());
    CHECK(steward::crypto::randomBytes(-1).error().code == ErrorCode::InvalidArgument);
    CHECK(steward::crypto::randomBytes(qsizetype(1) << 30).error().code
          == ErrorCode::InvalidArgument);
}

TEST_CASE("a private file in a missing folder is an IO error", "[unit][crypto]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    auto result =
        steward::crypto::writePrivateFile(dir.filePath(QStringLiteral("missing/key.pem")), "x");
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::IoError);
    CHECK(result.error().message.contains(QStringLiteral("missing")));
}
