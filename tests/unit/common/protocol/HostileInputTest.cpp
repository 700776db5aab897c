// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Decoder.h"
#include "common/protocol/StrictJson.h"
#include "tests/support/CatchQt.h"

using namespace steward;
using namespace steward::protocol;

namespace {

const QByteArray ValidHello =
    R"({"type":"hello","id":1,"body":{"protocolVersion":1,"programName":"steward-agent",)"
    R"("programVersion":"0.1.0","capabilities":["shadow","é"]}})";

ErrorCode failureCode(const QByteArray& frame)
{
    const auto decoded = decodeFrame(frame);
    return decoded.ok() ? ErrorCode::Internal : decoded.failure().error.code;
}

} // namespace

TEST_CASE("every proper prefix of a valid frame is malformed and closes", "[unit][protocol]")
{
    REQUIRE(decodeFrame(ValidHello).ok());
    for (qsizetype length = 0; length < ValidHello.size(); ++length) {
        INFO("prefix length " << length);
        const auto decoded = decodeFrame(ValidHello.left(length));
        REQUIRE_FALSE(decoded.ok());
        CHECK(decoded.failure().error.code == ErrorCode::MalformedMessage);
        CHECK(decoded.failure().closeSession);
        CHECK_FALSE(decoded.failure().requestId.has_value());
    }
}

TEST_CASE("a frame that splits a UTF-8 sequence is malformed", "[unit][protocol]")
{
    const QByteArray frame = R"({"type":"a","id":1,"body":{"s":"é€😀"}})";
    const qsizetype start = frame.indexOf("é");
    // é is 2 bytes, € 3 and 😀 4: these offsets all fall inside a sequence.
    for (const qsizetype offset : {1, 3, 4, 6, 7, 8}) {
        const qsizetype cut = start + offset;
        INFO("cut at " << cut);
        // Cut mid-sequence and close the JSON again, so only the UTF-8 is broken.
        CHECK(failureCode(frame.left(cut) + R"("}})") == ErrorCode::MalformedMessage);
    }
}

TEST_CASE("invalid UTF-8 and raw NUL bytes are malformed", "[unit][protocol]")
{
    CHECK(failureCode("{\"type\":\"a\",\"id\":1,\"body\":{\"s\":\"\xff\"}}")
          == ErrorCode::MalformedMessage);
    CHECK(failureCode("{\"type\":\"a\",\"id\":1,\"body\":{\"s\":\"\xc0\xaf\"}}")
          == ErrorCode::MalformedMessage);
    CHECK(failureCode("{\"type\":\"a\",\"id\":1,\"body\":{\"s\":\"\xed\xa0\x80\"}}")
          == ErrorCode::MalformedMessage);
    CHECK(failureCode(QByteArray("{\"type\":\"a\",\"id\":1,\"body\":{\"s\":\"a\0b\"}}", 36))
          == ErrorCode::MalformedMessage);
    CHECK(failureCode(QByteArray("{\"type\":\"a\",\"id\":1,\"body\":{}}\0", 30))
          == ErrorCode::MalformedMessage);
    CHECK(failureCode(QByteArray(1, '\0')) == ErrorCode::MalformedMessage);
    CHECK(failureCode("{\"type\":\"a\",\"id\":1,\"body\":{\"s\":\"tab\there\"}}")
          == ErrorCode::MalformedMessage);
}

TEST_CASE("unpaired surrogate escapes are malformed, paired ones pass", "[unit][protocol]")
{
    CHECK(failureCode(R"({"type":"a","id":1,"body":{"s":"\ud800"}})")
          == ErrorCode::MalformedMessage);
    CHECK(failureCode(R"({"type":"a","id":1,"body":{"s":"\udc00\ud800"}})")
          == ErrorCode::MalformedMessage);
    CHECK(failureCode(R"({"type":"a","id":1,"body":{"s":"\ud800\u0041"}})")
          == ErrorCode::MalformedMessage);
    CHECK(parseStrictJsonObject(R"({"s":"\ud83d\ude00 \u00e9 \n\"\\"})").ok());
}

TEST_CASE("empty, blank and non-object frames are malformed", "[unit][protocol]")
{
    CHECK(failureCode({}) == ErrorCode::MalformedMessage);
    CHECK(failureCode("   ") == ErrorCode::MalformedMessage);
    CHECK(failureCode(R"([{"type":"a","id":1,"body":{}}])") == ErrorCode::MalformedMessage);
    CHECK(failureCode("[]") == ErrorCode::MalformedMessage);
    CHECK(failureCode("42") == ErrorCode::MalformedMessage);
    CHECK(failureCode(R"("hello")") == ErrorCode::MalformedMessage);
    CHECK(failureCode("null") == ErrorCode::MalformedMessage);
    CHECK(failureCode("\xef\xbb\xbf{\"type\":\"a\",\"id\":1,\"body\":{}}")
          == ErrorCode::MalformedMessage);
}

TEST_CASE("trailing garbage and a second object are malformed", "[unit][protocol]")
{
    CHECK(failureCode(R"({"type":"a","id":1,"body":{}} x)") == ErrorCode::MalformedMessage);
    CHECK(failureCode(R"({"type":"a","id":1,"body":{}}{"type":"a","id":2,"body":{}})")
          == ErrorCode::MalformedMessage);
    // Surrounding JSON whitespace is fine.
    CHECK(failureCode(" {\"type\":\"a\",\"id\":1,\"body\":{}}\r\n")
          == ErrorCode::UnknownMessageType);
}

TEST_CASE("duplicate keys anywhere make the frame malformed", "[unit][protocol]")
{
    CHECK(failureCode(R"({"type":"a","type":"hello","id":1,"body":{}})")
          == ErrorCode::MalformedMessage);
    CHECK(failureCode(R"({"type":"a","id":1,"id":2,"body":{}})") == ErrorCode::MalformedMessage);
    CHECK(failureCode(R"({"type":"a","id":1,"body":{"x":1,"x":2}})")
          == ErrorCode::MalformedMessage);
    CHECK(failureCode(R"({"type":"a","id":1,"body":{"l":[{"x":1,"\u0078":2}]}})")
          == ErrorCode::MalformedMessage);
    // The same key in sibling objects is not a duplicate.
    CHECK(parseStrictJsonObject(R"({"a":{"x":1},"b":{"x":2},"c":[{"x":1},{"x":2}]})").ok());
}

TEST_CASE("deeply nested JSON is refused without crashing", "[unit][protocol]")
{
    for (const int depth : {100, 1000, 5000, 100000}) {
        INFO("depth " << depth);
        const QByteArray nested = QByteArray(depth, '[') + QByteArray(depth, ']');
        const auto code = failureCode(R"({"type":"a","id":1,"body":{"n":)" + nested + "}}");
        if (depth <= 1000) {                              // Qt allows 1024 levels
            CHECK(code == ErrorCode::UnknownMessageType); // deep but legal
        } else {
            CHECK(code == ErrorCode::MalformedMessage);
        }
        CHECK(failureCode(QByteArray(depth, '{')) == ErrorCode::MalformedMessage);
    }
}

TEST_CASE("huge, negative and fractional ids close the session", "[unit][protocol]")
{
    for (const char* id : {"0", "-1", "1.5", "1e300", "9007199254740993", "18446744073709551616",
                           "\"1\"", "null", "[1]"}) {
        INFO("id " << id);
        const auto decoded =
            decodeFrame(QByteArray(R"({"type":"hello","id":)") + id + R"(,"body":{}})");
        REQUIRE_FALSE(decoded.ok());
        CHECK(decoded.failure().closeSession);
        CHECK_FALSE(decoded.failure().requestId.has_value());
        CHECK((decoded.failure().error.code == ErrorCode::InvalidValue
               || decoded.failure().error.code == ErrorCode::WrongFieldType));
    }
}

TEST_CASE("escapes other than those of RFC 8259 are malformed", "[unit][protocol]")
{
    for (const char* escape :
         {R"(\q)", R"(\2)", R"(\U0041)", R"(\x41)", R"(\')", R"(\u12)", R"(\u12G4)"}) {
        INFO(escape);
        CHECK(failureCode(QByteArray(R"({"type":"a","id":1,"body":{"s":"x)") + escape + R"("}})")
              == ErrorCode::MalformedMessage);
    }
    CHECK(parseStrictJsonObject(R"({"s":"\"\\\/\b\f\n\r\t\u0041"})").ok());
}

TEST_CASE("a string starting with a byte-order mark is malformed", "[unit][protocol]")
{
    // Found by fuzz_envelope: Qt dropped a leading U+FEFF from some strings and kept it in
    // others, so the message changed on a round trip.
    CHECK(failureCode("{\"type\":\"a\",\"id\":1,\"body\":{\"s\":\"\xef\xbb\xbfx\\u0041\"}}")
          == ErrorCode::MalformedMessage);
    CHECK(failureCode(R"({"type":"a","id":1,"body":{"s":"\uFEFFx"}})")
          == ErrorCode::MalformedMessage);
    CHECK(failureCode(R"({"type":"a","id":1,"body":{"s":"\ufeff"}})")
          == ErrorCode::MalformedMessage);
    CHECK(failureCode("{\"type\":\"a\",\"id\":1,\"body\":{\"\xef\xbb\xbfk\":1}}")
          == ErrorCode::MalformedMessage);
    // Elsewhere in a string it survives unchanged.
    const auto kept = decodeFrame(
        R"({"type":"hello","id":1,"body":{"protocolVersion":1,"programName":"a\ufeffb",)"
        R"("programVersion":"1","capabilities":["x\ufeff\u0041"]}})");
    REQUIRE(kept.ok());
    CHECK(std::get<Hello>(kept.message().message).programName == QStringLiteral("a\uFEFFb"));
}

TEST_CASE("decoded messages with unusual strings survive re-encoding", "[unit][protocol]")
{
    for (const char* name : {R"(\u00e9\ud83d\ude00)", "\xc3\xa9\xf0\x9f\x98\x80", R"(\u0001\u001f)",
                             R"(\u2028\u2029\u007f)", R"(tab\there\/\"\\)", R"(x\ufeff)"}) {
        INFO(name);
        const QByteArray frame = QByteArray(R"({"type":"hello","id":2,"re":1,"body":{)")
                                 + R"("protocolVersion":1,"programVersion":"1","programName":")"
                                 + name + R"("}})";
        const auto decoded = decodeFrame(frame);
        REQUIRE(decoded.ok());
        const IncomingMessage& incoming = decoded.message();
        const QByteArray encoded = encodeMessage(incoming.message, incoming.id, incoming.re);
        const auto again = decodeFrame(encoded);
        REQUIRE(again.ok());
        CHECK(again.message() == incoming);
        CHECK(encodeMessage(again.message().message, incoming.id, incoming.re) == encoded);
    }
}
