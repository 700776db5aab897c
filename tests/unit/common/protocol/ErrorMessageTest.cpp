// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/ErrorMessage.h"
#include "tests/support/CatchQt.h"

using namespace steward;
using namespace steward::protocol;

TEST_CASE("an error message carries the stable code name of an error", "[unit][protocol]")
{
    const ErrorMessage message =
        makeErrorMessage(makeError(ErrorCode::MissingField, QStringLiteral("body.x is missing")));
    CHECK(message.code == QStringLiteral("missing_field"));
    CHECK(message.message == QStringLiteral("body.x is missing"));
    CHECK(*errorMessageFromJson(toJson(message)) == message);
    CHECK(errorCode(message) == ErrorCode::MissingField);
    CHECK(toError(message).code == ErrorCode::MissingField);
}

TEST_CASE("an unknown error code from a newer peer is kept and read as internal",
          "[unit][protocol]")
{
    const auto message =
        errorMessageFromJson(QJsonObject{{QStringLiteral("code"), QStringLiteral("quota_exceeded")},
                                         {QStringLiteral("message"), QStringLiteral("too many")}});
    REQUIRE(message.ok());
    CHECK(message->code == QStringLiteral("quota_exceeded"));
    CHECK(errorCode(*message) == ErrorCode::Internal);
    CHECK(toError(*message).message == QStringLiteral("too many"));
    CHECK(toJson(*message).value(QStringLiteral("code")).toString()
          == QStringLiteral("quota_exceeded"));
}

TEST_CASE("an error message with bad fields is refused", "[unit][protocol]")
{
    const auto missing =
        errorMessageFromJson(QJsonObject{{QStringLiteral("code"), QStringLiteral("x")}});
    CHECK(missing.error().code == ErrorCode::MissingField);
    CHECK(missing.error().message == QStringLiteral("body.message is missing"));
    const auto wrong = errorMessageFromJson(
        QJsonObject{{QStringLiteral("code"), 4}, {QStringLiteral("message"), QString()}});
    CHECK(wrong.error().code == ErrorCode::WrongFieldType);
    for (const auto* code : {"", "Not Snake", "a-b", "é"}) {
        INFO(code);
        const auto bad =
            errorMessageFromJson(QJsonObject{{QStringLiteral("code"), QString::fromUtf8(code)},
                                             {QStringLiteral("message"), QString()}});
        CHECK(bad.error().code == ErrorCode::InvalidValue);
    }
    CHECK(errorMessageFromJson(QJsonObject{{QStringLiteral("code"), QString(65, u'a')},
                                           {QStringLiteral("message"), QString()}})
              .error()
              .code
          == ErrorCode::InvalidValue);
}
