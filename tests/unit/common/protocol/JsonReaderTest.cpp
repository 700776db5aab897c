// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/JsonReader.h"
#include "tests/support/CatchQt.h"

#include <QJsonDocument>

using namespace steward;
using namespace steward::protocol;
using Text = JsonReader::Text;

namespace {

QJsonObject object(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

struct Sample {
    QString name;
    qint64 count = 0;
    QStringList tags;
};

Result<Sample> readSample(const QJsonObject& body)
{
    JsonReader reader(body);
    Sample sample;
    sample.name = reader.requireString(u"name", Text::NonEmpty);
    sample.count = reader.requireInt(u"count", 0, 10);
    sample.tags = reader.optionalStringList(u"tags");
    return reader.finish(std::move(sample));
}

} // namespace

TEST_CASE("the json reader returns every field when all are valid", "[unit][protocol]")
{
    const auto sample = readSample(object(R"({"name":"a","count":3,"tags":["x","y"],"new":1})"));
    REQUIRE(sample.ok());
    CHECK(sample->name == QStringLiteral("a"));
    CHECK(sample->count == 3);
    CHECK(sample->tags == QStringList{QStringLiteral("x"), QStringLiteral("y")});
}

TEST_CASE("the json reader names a missing field by its path", "[unit][protocol]")
{
    const auto sample = readSample(object(R"({"count":3})"));
    REQUIRE_FALSE(sample.ok());
    CHECK(sample.error().code == ErrorCode::MissingField);
    CHECK(sample.error().message == QStringLiteral("body.name is missing"));
}

TEST_CASE("the json reader names field and expected type for a wrong type", "[unit][protocol]")
{
    const auto sample = readSample(object(R"({"name":"a","count":"3"})"));
    REQUIRE_FALSE(sample.ok());
    CHECK(sample.error().code == ErrorCode::WrongFieldType);
    CHECK(sample.error().message == QStringLiteral("body.count must be an integer, not string"));

    const auto nulled = readSample(object(R"({"name":null,"count":3})"));
    CHECK(nulled.error().code == ErrorCode::WrongFieldType);
    CHECK(nulled.error().message == QStringLiteral("body.name must be a string, not null"));
}

TEST_CASE("the json reader keeps the first failure only", "[unit][protocol]")
{
    const auto sample = readSample(object(R"({"name":"","count":99,"tags":[1]})"));
    REQUIRE_FALSE(sample.ok());
    CHECK(sample.error().code == ErrorCode::InvalidValue);
    CHECK(sample.error().message == QStringLiteral("body.name must not be empty"));
}

TEST_CASE("the json reader refuses integers out of range and fractions", "[unit][protocol]")
{
    CHECK(readSample(object(R"({"name":"a","count":11})")).error().code == ErrorCode::InvalidValue);
    CHECK(readSample(object(R"({"name":"a","count":-1})")).error().code == ErrorCode::InvalidValue);
    CHECK(readSample(object(R"({"name":"a","count":1e300})")).error().code
          == ErrorCode::InvalidValue);
    const auto fraction = readSample(object(R"({"name":"a","count":2.5})"));
    CHECK(fraction.error().code == ErrorCode::WrongFieldType);
    CHECK(fraction.error().message.contains(QStringLiteral("body.count")));
    CHECK(readSample(object(R"({"name":"a","count":2.0})")).ok());
}

TEST_CASE("the json reader names the bad element of a string list", "[unit][protocol]")
{
    const auto wrong = readSample(object(R"({"name":"a","count":1,"tags":["x",7]})"));
    CHECK(wrong.error().code == ErrorCode::WrongFieldType);
    CHECK(wrong.error().message == QStringLiteral("body.tags[1] must be a string, not integer"));
    const auto empty = readSample(object(R"({"name":"a","count":1,"tags":[""]})"));
    CHECK(empty.error().code == ErrorCode::InvalidValue);
    CHECK(empty.error().message == QStringLiteral("body.tags[0] must not be empty"));
    CHECK(readSample(object(R"({"name":"a","count":1,"tags":"x"})")).error().code
          == ErrorCode::WrongFieldType);
}

TEST_CASE("the json reader extends the path into nested objects", "[unit][protocol]")
{
    JsonReader reader(object(R"({"device":{"id":"x"},"flag":true})"));
    JsonReader device = reader.nested(u"device");
    CHECK(device.requireString(u"id") == QStringLiteral("x"));
    CHECK(device.requireBool(u"online") == false);
    reader.absorb(device);
    CHECK(reader.requireBool(u"flag") == false); // ignored after the first failure
    REQUIRE(reader.error().has_value());
    CHECK(reader.error()->code == ErrorCode::MissingField);
    CHECK(reader.error()->message == QStringLiteral("body.device.online is missing"));
}

TEST_CASE("the json reader reads optional fields as absent or present", "[unit][protocol]")
{
    JsonReader reader(object(R"({"flag":true,"n":4,"s":"t"})"));
    CHECK(reader.optionalBool(u"flag") == std::optional<bool>(true));
    CHECK_FALSE(reader.optionalBool(u"other").has_value());
    CHECK(reader.optionalInt(u"n", 0, 5) == std::optional<qint64>(4));
    CHECK(reader.optionalString(u"s") == std::optional<QString>(QStringLiteral("t")));
    CHECK_FALSE(reader.optionalString(u"none").has_value());
    CHECK(reader.optionalStringList(u"none").isEmpty());
    CHECK(reader.ok());
    reader.invalid(u"n", QStringLiteral("must be even"));
    CHECK(reader.error()->message == QStringLiteral("body.n must be even"));
}

TEST_CASE("the json reader reads a list of objects and names the bad element", "[unit][protocol]")
{
    const auto readNames = [](const char* json) {
        JsonReader reader(object(json));
        QStringList names;
        reader.readObjectList(u"devices", [&names](JsonReader& element) {
            names.append(element.requireString(u"name", Text::NonEmpty));
        });
        return reader.finish(names);
    };
    const auto good = readNames(R"({"devices":[{"name":"a"},{"name":"b","new":1}]})");
    REQUIRE(good.ok());
    CHECK(*good == QStringList{QStringLiteral("a"), QStringLiteral("b")});
    CHECK(readNames(R"({"devices":[]})")->isEmpty());

    const auto missing = readNames(R"({"devices":[{"name":"a"},{}]})");
    CHECK(missing.error().code == ErrorCode::MissingField);
    CHECK(missing.error().message == QStringLiteral("body.devices[1].name is missing"));
    const auto notObject = readNames(R"({"devices":[{"name":"a"},"b"]})");
    CHECK(notObject.error().code == ErrorCode::WrongFieldType);
    CHECK(notObject.error().message
          == QStringLiteral("body.devices[1] must be an object, not string"));
    CHECK(readNames(R"({})").error().message == QStringLiteral("body.devices is missing"));

    JsonReader optional(object(R"({})"));
    int calls = 0;
    optional.readObjectList(
        u"devices", [&calls](JsonReader&) { ++calls; }, false);
    CHECK(optional.ok());
    CHECK(calls == 0);
}
