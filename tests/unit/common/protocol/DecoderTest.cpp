// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Decoder.h"
#include "tests/support/CatchQt.h"

#include <QJsonDocument>

using namespace steward;
using namespace steward::protocol;

namespace {

QJsonObject parse(const QByteArray& frame)
{
    return QJsonDocument::fromJson(frame).object();
}

} // namespace

TEST_CASE("a valid hello decodes to a typed message with its id", "[unit][protocol]")
{
    const auto decoded = decodeFrame(
        R"({"type":"hello","id":7,"body":{"protocolVersion":1,"programName":"steward-agent","programVersion":"0.1.0","future":{"x":1}}})");
    REQUIRE(decoded.ok());
    CHECK(decoded.message().id == std::optional<MessageId>(7));
    CHECK_FALSE(decoded.message().re.has_value());
    const auto* hello = std::get_if<Hello>(&decoded.message().message);
    REQUIRE(hello != nullptr);
    CHECK(hello->programName == QStringLiteral("steward-agent"));
    CHECK(messageType(decoded.message().message) == MessageType::Hello);
}

TEST_CASE("an unknown type gets an error reply and keeps the session", "[unit][protocol]")
{
    const auto decoded = decodeFrame(R"({"type":"device.reboot","id":12,"body":{}})");
    REQUIRE_FALSE(decoded.ok());
    const DecodeFailure& failure = decoded.failure();
    CHECK(failure.error.code == ErrorCode::UnknownMessageType);
    CHECK(failure.error.message.contains(QStringLiteral("device.reboot")));
    CHECK_FALSE(failure.closeSession);
    REQUIRE(failure.requestId == std::optional<MessageId>(12));
    const auto reply = errorReplyFrame(failure);
    REQUIRE(reply.has_value());
    CHECK(*reply
          == QByteArray(R"({"body":{"code":"unknown_message_type","message":"unknown message type )"
                        R"(\"device.reboot\""},"re":12,"type":"error"})"));
}

TEST_CASE("a body that fails validation gets an error reply naming the field", "[unit][protocol]")
{
    const auto decoded =
        decodeFrame(R"({"type":"hello","id":3,"body":{"programName":"a","programVersion":"1"}})");
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.failure().error.code == ErrorCode::MissingField);
    CHECK_FALSE(decoded.failure().closeSession);
    const auto reply = errorReplyFrame(decoded.failure());
    REQUIRE(reply.has_value());
    const QJsonObject body = parse(*reply).value(QStringLiteral("body")).toObject();
    CHECK(body.value(QStringLiteral("code")).toString() == QStringLiteral("missing_field"));
    CHECK(body.value(QStringLiteral("message")).toString()
          == QStringLiteral("body.protocolVersion is missing"));
    CHECK(parse(*reply).value(QStringLiteral("re")).toInteger() == 3);
}

TEST_CASE("a bad envelope closes the session but is answered when its id is valid",
          "[unit][protocol]")
{
    const auto noBody = decodeFrame(R"({"type":"hello","id":5})");
    REQUIRE_FALSE(noBody.ok());
    CHECK(noBody.failure().closeSession);
    CHECK(noBody.failure().error.code == ErrorCode::MissingField);
    CHECK(noBody.failure().requestId == std::optional<MessageId>(5));
    CHECK(errorReplyFrame(noBody.failure()).has_value());

    const auto extraKey = decodeFrame(R"({"type":"hello","id":5,"body":{},"x":1})");
    CHECK(extraKey.failure().closeSession);
    CHECK(extraKey.failure().error.code == ErrorCode::MalformedMessage);

    const auto notJson = decodeFrame("{nope");
    CHECK(notJson.failure().closeSession);
    CHECK_FALSE(notJson.failure().requestId.has_value());
    CHECK_FALSE(errorReplyFrame(notJson.failure()).has_value());
}

TEST_CASE("an oversized frame closes the session without a reply", "[unit][protocol]")
{
    const auto decoded = decodeFrame(R"({"type":"hello","id":1,"body":{}})", 8);
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.failure().error.code == ErrorCode::FrameTooLarge);
    CHECK(decoded.failure().closeSession);
    CHECK_FALSE(errorReplyFrame(decoded.failure()).has_value());
}

TEST_CASE("error replies decode as error messages for every protocol code", "[unit][protocol]")
{
    for (const auto code :
         {ErrorCode::UnknownMessageType, ErrorCode::MissingField, ErrorCode::WrongFieldType,
          ErrorCode::FrameTooLarge, ErrorCode::MalformedMessage, ErrorCode::InvalidValue,
          ErrorCode::IncompatibleVersion}) {
        const QByteArray frame = errorReplyFrame(makeError(code, QStringLiteral("why")), 41);
        const auto decoded = decodeFrame(frame);
        REQUIRE(decoded.ok());
        CHECK(decoded.message().re == std::optional<MessageId>(41));
        CHECK_FALSE(decoded.message().id.has_value());
        const auto* error = std::get_if<ErrorMessage>(&decoded.message().message);
        REQUIRE(error != nullptr);
        CHECK(errorCode(*error) == code);
        CHECK(error->message == QStringLiteral("why"));
    }
}

TEST_CASE("encoded messages decode to the same message", "[unit][protocol]")
{
    const Message messages[] = {
        Hello{1, QStringLiteral("steward-console"), QStringLiteral("0.1.0"), {}},
        HelloAck{1, QStringLiteral("steward-server"), QStringLiteral("0.1.0"), std::nullopt},
        ErrorMessage{QStringLiteral("internal"), QStringLiteral("ünïcode ✓")}};
    for (const auto& message : messages) {
        const auto decoded = decodeFrame(encodeMessage(message, 9, 8));
        REQUIRE(decoded.ok());
        CHECK(decoded.message() == IncomingMessage{9, 8, message});
    }
}
