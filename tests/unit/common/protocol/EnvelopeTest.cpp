// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Envelope.h"
#include "tests/support/CatchQt.h"

using namespace steward;
using namespace steward::protocol;

namespace {

ErrorCode codeOf(const QByteArray& frame)
{
    const auto envelope = parseEnvelope(frame);
    return envelope.ok() ? ErrorCode::Internal : envelope.error().code;
}

} // namespace

TEST_CASE("a valid envelope is parsed with all its fields", "[unit][protocol]")
{
    const auto envelope = parseEnvelope(R"({"type":"hello","id":7,"re":3,"body":{"a":1}})");
    REQUIRE(envelope.ok());
    CHECK(envelope->type == QStringLiteral("hello"));
    CHECK(envelope->id == std::optional<MessageId>(7));
    CHECK(envelope->re == std::optional<MessageId>(3));
    CHECK(envelope->body.value(QStringLiteral("a")).toInt() == 1);
}

TEST_CASE("an envelope serialises compactly with sorted keys and parses back", "[unit][protocol]")
{
    const Envelope envelope{QStringLiteral("x.y"), 5, std::nullopt, QJsonObject{}};
    const QByteArray bytes = serialize(envelope);
    CHECK(bytes == QByteArray(R"({"body":{},"id":5,"type":"x.y"})"));
    const auto back = parseEnvelope(bytes);
    REQUIRE(back.ok());
    CHECK(*back == envelope);
}

TEST_CASE("a reply may omit its id but a frame needs id or re", "[unit][protocol]")
{
    const auto reply = parseEnvelope(R"({"type":"error","re":4,"body":{}})");
    REQUIRE(reply.ok());
    CHECK_FALSE(reply->id.has_value());
    const auto neither = parseEnvelope(R"({"type":"hello","body":{}})");
    REQUIRE_FALSE(neither.ok());
    CHECK(neither.error().code == ErrorCode::MissingField);
    CHECK(neither.error().message.startsWith(QStringLiteral("id is missing")));
}

TEST_CASE("envelope fields that are missing are named", "[unit][protocol]")
{
    const auto noType = parseEnvelope(R"({"id":1,"body":{}})");
    CHECK(noType.error().code == ErrorCode::MissingField);
    CHECK(noType.error().message == QStringLiteral("type is missing"));
    const auto noBody = parseEnvelope(R"({"type":"hello","id":1})");
    CHECK(noBody.error().code == ErrorCode::MissingField);
    CHECK(noBody.error().message == QStringLiteral("body is missing"));
}

TEST_CASE("envelope fields of the wrong type are refused", "[unit][protocol]")
{
    CHECK(codeOf(R"({"type":1,"id":1,"body":{}})") == ErrorCode::WrongFieldType);
    CHECK(codeOf(R"({"type":null,"id":1,"body":{}})") == ErrorCode::WrongFieldType);
    CHECK(codeOf(R"({"type":"hello","id":"1","body":{}})") == ErrorCode::WrongFieldType);
    CHECK(codeOf(R"({"type":"hello","id":1,"re":true,"body":{}})") == ErrorCode::WrongFieldType);
    CHECK(codeOf(R"({"type":"hello","id":1,"body":[]})") == ErrorCode::WrongFieldType);
    CHECK(codeOf(R"({"type":"hello","id":1,"body":"x"})") == ErrorCode::WrongFieldType);
    CHECK(codeOf(R"({"type":"hello","id":1,"body":null})") == ErrorCode::WrongFieldType);
    CHECK(codeOf(R"({"type":"","id":1,"body":{}})") == ErrorCode::InvalidValue);
}

TEST_CASE("ids must be positive integers no larger than 2^53", "[unit][protocol]")
{
    CHECK(codeOf(R"({"type":"a","id":0,"body":{}})") == ErrorCode::InvalidValue);
    CHECK(codeOf(R"({"type":"a","id":-1,"body":{}})") == ErrorCode::InvalidValue);
    CHECK(codeOf(R"({"type":"a","id":1.5,"body":{}})") == ErrorCode::WrongFieldType);
    CHECK(codeOf(R"({"type":"a","id":9007199254740993,"body":{}})") == ErrorCode::InvalidValue);
    CHECK(codeOf(R"({"type":"a","id":1e300,"body":{}})") == ErrorCode::InvalidValue);
    CHECK(codeOf(R"({"type":"a","id":1,"re":0,"body":{}})") == ErrorCode::InvalidValue);
    const auto largest = parseEnvelope(R"({"type":"a","id":9007199254740992,"body":{}})");
    REQUIRE(largest.ok());
    CHECK(largest->id == std::optional<MessageId>(MaxMessageId));
}

TEST_CASE("unknown top-level keys make the envelope malformed", "[unit][protocol]")
{
    const auto envelope = parseEnvelope(R"({"type":"a","id":1,"body":{},"extra":1})");
    REQUIRE_FALSE(envelope.ok());
    CHECK(envelope.error().code == ErrorCode::MalformedMessage);
    CHECK(envelope.error().message.contains(QStringLiteral("\"extra\"")));
}

TEST_CASE("the frame size is checked before parsing", "[unit][protocol]")
{
    const QByteArray head = R"({"type":"a","id":1,"body":{"pad":")";
    const QByteArray tail = R"("}})";
    const QByteArray atLimit =
        head + QByteArray(MaxMessageBytes - head.size() - tail.size(), 'x') + tail;
    REQUIRE(atLimit.size() == MaxMessageBytes);
    CHECK(parseEnvelope(atLimit).ok());

    // One byte over fails even though the extra byte would break the JSON: it is never parsed.
    const auto over = parseEnvelope(atLimit + '}');
    REQUIRE_FALSE(over.ok());
    CHECK(over.error().code == ErrorCode::FrameTooLarge);
    CHECK(parseEnvelope(QByteArray(MaxMessageBytes + 1, '{')).error().code
          == ErrorCode::FrameTooLarge);
    CHECK(parseEnvelope(R"({"type":"a","id":1,"body":{}})", 10).error().code
          == ErrorCode::FrameTooLarge);
}

TEST_CASE("an id recovered from a bad envelope must itself be valid", "[unit][protocol]")
{
    CHECK(recoverId(QJsonObject{{QStringLiteral("id"), 9}}) == std::optional<MessageId>(9));
    CHECK_FALSE(recoverId(QJsonObject{{QStringLiteral("id"), -9}}).has_value());
    CHECK_FALSE(recoverId(QJsonObject{{QStringLiteral("id"), QStringLiteral("9")}}).has_value());
    CHECK_FALSE(recoverId(QJsonObject{}).has_value());
}
