// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Attributes.h"
#include "tests/support/CatchQt.h"

#include <QJsonArray>

using namespace steward;
using namespace steward::protocol;

namespace {

const QString Name = QStringLiteral("location");

QString valueError(const AttributeShape& shape, const QString& value)
{
    const auto checked = checkAttributeValue(Name, shape, value);
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().code == ErrorCode::InvalidValue);
    return checked.error().message;
}

} // namespace

TEST_CASE("attribute names follow the naming rule", "[unit][protocol]")
{
    CHECK(checkAttributeName(QStringLiteral("location")).ok());
    CHECK(checkAttributeName(QStringLiteral("asset.tag-2_b")).ok());
    CHECK(checkAttributeName(QStringLiteral("a").repeated(64)).ok());
    CHECK(checkAttributeName(QString()).error().message.contains(QStringLiteral("empty")));
    CHECK(checkAttributeName(QStringLiteral("a").repeated(65))
              .error()
              .message.contains(QStringLiteral("more than 64")));
    CHECK(checkAttributeName(QStringLiteral("1st"))
              .error()
              .message.contains(QStringLiteral("start with a letter")));
    CHECK_FALSE(checkAttributeName(QStringLiteral("room 12")).ok());
    CHECK_FALSE(checkAttributeName(QStringLiteral("ort/raum")).ok());
}

TEST_CASE("attribute values are checked against their type", "[unit][protocol]")
{
    const AttributeShape text{AttributeType::String, {}};
    const AttributeShape number{AttributeType::Number, {}};
    const AttributeShape date{AttributeType::Date, {}};
    const AttributeShape list{AttributeType::List,
                              {QStringLiteral("Berlin"), QStringLiteral("Paris")}};

    CHECK(checkAttributeValue(Name, text, QStringLiteral("anything at all")).ok());
    CHECK(checkAttributeValue(Name, text, QStringLiteral("x").repeated(100)).ok());
    CHECK(valueError(text, QStringLiteral("x").repeated(101))
              .contains(QStringLiteral("101 characters; at most 100")));
    CHECK(valueError(text, QString()).contains(QStringLiteral("reset")));

    CHECK(checkAttributeValue(Name, number, QStringLiteral("42")).ok());
    CHECK(checkAttributeValue(Name, number, QStringLiteral("-3.25")).ok());
    CHECK(valueError(number, QStringLiteral("4e2")).contains(QStringLiteral("not a decimal")));
    CHECK_FALSE(checkAttributeValue(Name, number, QStringLiteral("12.")).ok());
    CHECK_FALSE(checkAttributeValue(Name, number, QStringLiteral("twelve")).ok());

    CHECK(checkAttributeValue(Name, date, QStringLiteral("2026-02-28")).ok());
    CHECK(valueError(date, QStringLiteral("2026-02-30")).contains(QStringLiteral("YYYY-MM-DD")));
    CHECK_FALSE(checkAttributeValue(Name, date, QStringLiteral("28.02.2026")).ok());
    CHECK_FALSE(checkAttributeValue(Name, date, QStringLiteral("2026-02-28T10:00:00")).ok());

    CHECK(checkAttributeValue(Name, list, QStringLiteral("Paris")).ok());
    CHECK(valueError(list, QStringLiteral("paris")).contains(QStringLiteral("Berlin, Paris")));
}

TEST_CASE("attribute definitions: list attributes and only they have allowed values",
          "[unit][protocol]")
{
    CHECK(checkAttributeShape({AttributeType::String, {}}).ok());
    CHECK_FALSE(checkAttributeShape({AttributeType::String, {QStringLiteral("a")}}).ok());
    CHECK(checkAttributeShape({AttributeType::List, {QStringLiteral("a")}}).ok());
    CHECK_FALSE(checkAttributeShape({AttributeType::List, {}}).ok());
    CHECK(checkAttributeShape({AttributeType::List, {QStringLiteral("a"), QStringLiteral("a")}})
              .error()
              .message.contains(QStringLiteral("twice")));
    CHECK_FALSE(
        checkAttributeShape({AttributeType::List, {QStringLiteral("x").repeated(101)}}).ok());
}

TEST_CASE("the overwrite rule decides who may write", "[unit][protocol]")
{
    CHECK(mayWrite(OverwriteRule::Both, AttributeWriter::Device));
    CHECK(mayWrite(OverwriteRule::Both, AttributeWriter::Server));
    CHECK(mayWrite(OverwriteRule::Server, AttributeWriter::Server));
    CHECK_FALSE(mayWrite(OverwriteRule::Server, AttributeWriter::Device));
    CHECK(mayWrite(OverwriteRule::Device, AttributeWriter::Device));
    CHECK_FALSE(mayWrite(OverwriteRule::Device, AttributeWriter::Server));
    const auto refused = checkOverwrite(Name, OverwriteRule::Server, AttributeWriter::Device);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::OverwriteRefused);
    CHECK(refused.error().message.contains(QStringLiteral("only an administrator")));
}

TEST_CASE("attribute messages round-trip and refuse bad fields by name", "[unit][protocol]")
{
    AttributeSnapshot snapshot;
    AttributeEntry entry;
    entry.name = Name;
    entry.type = AttributeType::List;
    entry.rule = OverwriteRule::Both;
    entry.allowedValues = {QStringLiteral("Berlin")};
    entry.value = QStringLiteral("Berlin");
    entry.setBy = AttributeWriter::Device;
    entry.updatedAt = 1700000000;
    snapshot.attributes.push_back(entry);
    AttributeEntry unset;
    unset.name = QStringLiteral("room");
    snapshot.attributes.push_back(unset);
    const auto parsed = attributeSnapshotFromJson(toJson(snapshot));
    REQUIRE(parsed.ok());
    CHECK(*parsed == snapshot);

    auto body = toJson(snapshot);
    auto attributes = body[QStringLiteral("attributes")].toArray();
    auto first = attributes[0].toObject();
    first[QStringLiteral("overwriteRule")] = QStringLiteral("anyone");
    attributes[0] = first;
    body[QStringLiteral("attributes")] = attributes;
    const auto bad = attributeSnapshotFromJson(body);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.contains(QStringLiteral("body.attributes[0].overwriteRule")));
    CHECK(bad.error().message.contains(QStringLiteral("server, device, both")));

    const auto set = attributeSetFromJson(QJsonObject{{QStringLiteral("name"), Name}});
    REQUIRE_FALSE(set.ok());
    CHECK(set.error().code == ErrorCode::MissingField);
    CHECK(attributeResetFromJson(QJsonObject{{QStringLiteral("name"), Name}})->name == Name);
}
