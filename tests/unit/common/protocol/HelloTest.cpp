// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Hello.h"
#include "common/protocol/ProtocolVersion.h"
#include "tests/support/CatchQt.h"

#include <QJsonArray>

using namespace steward;
using namespace steward::protocol;

namespace {

QJsonObject validHelloBody()
{
    return QJsonObject{{QStringLiteral("protocolVersion"), 1},
                       {QStringLiteral("programName"), QStringLiteral("steward-agent")},
                       {QStringLiteral("programVersion"), QStringLiteral("0.1.0")},
                       {QStringLiteral("capabilities"), QJsonArray{QStringLiteral("shadow")}}};
}

} // namespace

TEST_CASE("a hello round-trips through its json body", "[unit][protocol]")
{
    const Hello hello{1,
                      QStringLiteral("steward-agent"),
                      QStringLiteral("0.1.0"),
                      {QStringLiteral("shadow"), QStringLiteral("wake-on-lan")}};
    const auto back = helloFromJson(toJson(hello));
    REQUIRE(back.ok());
    CHECK(*back == hello);
}

TEST_CASE("a hello without capabilities has an empty list", "[unit][protocol]")
{
    QJsonObject body = validHelloBody();
    body.remove(QStringLiteral("capabilities"));
    const auto hello = helloFromJson(body);
    REQUIRE(hello.ok());
    CHECK(hello->capabilities.isEmpty());
    CHECK_FALSE(toJson(*hello).contains(QStringLiteral("capabilities")));
}

TEST_CASE("a hello with a missing field names it", "[unit][protocol]")
{
    for (const auto* field : {"protocolVersion", "programName", "programVersion"}) {
        INFO(field);
        QJsonObject body = validHelloBody();
        body.remove(QLatin1String(field));
        const auto hello = helloFromJson(body);
        REQUIRE_FALSE(hello.ok());
        CHECK(hello.error().code == ErrorCode::MissingField);
        CHECK(hello.error().message
              == QStringLiteral("body.") + QLatin1String(field) + QStringLiteral(" is missing"));
    }
}

TEST_CASE("a hello with a wrong field type names field and type", "[unit][protocol]")
{
    const std::pair<const char*, QJsonValue> cases[] = {{"protocolVersion", QStringLiteral("1")},
                                                        {"protocolVersion", 1.5},
                                                        {"programName", 3},
                                                        {"programVersion", QJsonValue::Null},
                                                        {"capabilities", QStringLiteral("x")},
                                                        {"capabilities", QJsonArray{1}},
                                                        {"capabilities", QJsonObject{}}};
    for (const auto& [field, value] : cases) {
        INFO(field);
        QJsonObject body = validHelloBody();
        body.insert(QLatin1String(field), value);
        const auto hello = helloFromJson(body);
        REQUIRE_FALSE(hello.ok());
        CHECK(hello.error().code == ErrorCode::WrongFieldType);
        CHECK(hello.error().message.startsWith(QStringLiteral("body.") + QLatin1String(field)));
    }
}

TEST_CASE("a hello with a bad value is refused", "[unit][protocol]")
{
    const std::pair<const char*, QJsonValue> cases[] = {
        {"protocolVersion", 0},        {"protocolVersion", -3},
        {"protocolVersion", 70000},    {"programName", QString()},
        {"programVersion", QString()}, {"capabilities", QJsonArray{QString()}}};
    for (const auto& [field, value] : cases) {
        INFO(field);
        QJsonObject body = validHelloBody();
        body.insert(QLatin1String(field), value);
        CHECK(helloFromJson(body).error().code == ErrorCode::InvalidValue);
    }
}

TEST_CASE("a hello ack round-trips with and without a session id", "[unit][protocol]")
{
    HelloAck ack{1, QStringLiteral("steward-server"), QStringLiteral("0.1.0"),
                 QStringLiteral("s1")};
    CHECK(*helloAckFromJson(toJson(ack)) == ack);
    ack.sessionId.reset();
    CHECK(*helloAckFromJson(toJson(ack)) == ack);
    QJsonObject body = toJson(ack);
    body.insert(QStringLiteral("sessionId"), 5);
    CHECK(helloAckFromJson(body).error().code == ErrorCode::WrongFieldType);
    body.insert(QStringLiteral("sessionId"), QString());
    CHECK(helloAckFromJson(body).error().code == ErrorCode::InvalidValue);
    body.remove(QStringLiteral("programName"));
    CHECK(helloAckFromJson(body).error().message == QStringLiteral("body.programName is missing"));
}

TEST_CASE("a peer speaking the current protocol version is accepted", "[unit][protocol]")
{
    const Hello hello{
        CurrentProtocolVersion, QStringLiteral("steward-agent"), QStringLiteral("0.1.0"), {}};
    CHECK(negotiate(hello, QStringLiteral("steward-server"), QStringLiteral("0.1.0")).ok());
}

TEST_CASE("a version mismatch names both programs and both protocol versions", "[unit][protocol]")
{
    const Hello hello{
        CurrentProtocolVersion + 1, QStringLiteral("steward-agent"), QStringLiteral("0.3.0"), {}};
    const auto result = negotiate(hello, QStringLiteral("steward-server"), QStringLiteral("0.1.0"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().code == ErrorCode::IncompatibleVersion);
    CHECK(result.error().message
          == QStringLiteral("peer steward-agent 0.3.0 speaks protocol 2; this steward-server 0.1.0 "
                            "speaks protocol 1 (accepts 1\u20131)"));

    const HelloAck old{OldestAcceptedProtocolVersion - 1, QStringLiteral("steward-server"),
                       QStringLiteral("0.0.1"), std::nullopt};
    const auto client = negotiate(old, QStringLiteral("steward-agent"), QStringLiteral("0.1.0"));
    REQUIRE_FALSE(client.ok());
    CHECK(client.error().code == ErrorCode::IncompatibleVersion);
    CHECK(client.error().message.startsWith(
        QStringLiteral("peer steward-server 0.0.1 speaks protocol 0; this steward-agent 0.1.0")));
}
