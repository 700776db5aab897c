// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/AttributeRepository.h"
#include "server/db/Database.h"
#include "server/db/DeviceRepository.h"
#include "server/db/Migrator.h"
#include "tests/support/CatchQt.h"
#include "tests/support/server/TempDatabase.h"

using namespace steward;
using namespace steward::server::db;
using steward::protocol::AttributeType;
using steward::protocol::AttributeWriter;
using steward::protocol::OverwriteRule;
using steward::test::TempDatabase;

namespace {

struct AttributeDatabase {
    explicit AttributeDatabase(DatabaseKind kind) : temp(kind), db(temp.config())
    {
        REQUIRE(temp.setupError().isEmpty());
        REQUIRE(db.open().ok());
        REQUIRE(Migrator(db).apply().ok());
    }

    qint64 addDevice(const QString& fingerprint)
    {
        Device device;
        device.name = QStringLiteral("TC-") + fingerprint;
        device.certFingerprint = fingerprint;
        device.certPem = QStringLiteral("pem");
        device.enrolledAt = 1;
        auto id = DeviceRepository(db).insert(device);
        REQUIRE(id.ok());
        return *id;
    }

    TempDatabase temp;
    Database db;
    AttributeRepository attributes{db};
};

AttributeDefinition definition(const QString& name, AttributeType type, qint64 position = 0)
{
    AttributeDefinition d;
    d.name = name;
    d.type = type;
    d.rule = OverwriteRule::Both;
    d.position = position;
    d.createdAt = d.updatedAt = 100;
    if (type == AttributeType::List) {
        d.allowedValues = {QStringLiteral("Berlin"), QStringLiteral("Paris")};
    }
    return d;
}

DatabaseKind anyKind()
{
    return GENERATE(
        from_range(std::begin(test::AllDatabaseKinds), std::end(test::AllDatabaseKinds)));
}

} // namespace

TEST_CASE("attribute definitions are stored, ordered, renamed and unique by name",
          "[integration][db]")
{
    AttributeDatabase m(anyKind());
    const auto room =
        m.attributes.insertDefinition(definition(QStringLiteral("room"), AttributeType::String, 2));
    REQUIRE(room.ok());
    const auto city =
        m.attributes.insertDefinition(definition(QStringLiteral("city"), AttributeType::List, 1));
    REQUIRE(city.ok());
    const auto duplicate =
        m.attributes.insertDefinition(definition(QStringLiteral("room"), AttributeType::Date));
    REQUIRE_FALSE(duplicate.ok());
    CHECK(duplicate.error().code == ErrorCode::AlreadyExists);

    const auto all = m.attributes.definitions();
    REQUIRE(all.ok());
    REQUIRE(all->size() == 2);
    CHECK((*all)[0].name == QStringLiteral("city")); // position 1 before 2
    CHECK((*all)[0].type == AttributeType::List);
    CHECK((*all)[0].rule == OverwriteRule::Both);
    CHECK((*all)[0].allowedValues
          == QStringList{QStringLiteral("Berlin"), QStringLiteral("Paris")});

    auto renamed = definition(QStringLiteral("office"), AttributeType::Number);
    renamed.id = *room;
    REQUIRE(m.attributes.updateDefinition(renamed).ok());
    CHECK((*m.attributes.findDefinitionByName(QStringLiteral("office")))->id == *room);
    CHECK_FALSE(m.attributes.findDefinitionByName(QStringLiteral("room"))->has_value());
    renamed.name = QStringLiteral("city");
    CHECK(m.attributes.updateDefinition(renamed).error().code == ErrorCode::AlreadyExists);
    renamed.id = 9999;
    renamed.name = QStringLiteral("nowhere");
    CHECK(m.attributes.updateDefinition(renamed).error().code == ErrorCode::NotFound);
}

TEST_CASE("device attribute values are set, replaced, counted, cleared and removed with their "
          "definition",
          "[integration][db]")
{
    AttributeDatabase m(anyKind());
    const qint64 first = m.addDevice(QStringLiteral("aa"));
    const qint64 second = m.addDevice(QStringLiteral("bb"));
    const qint64 city =
        *m.attributes.insertDefinition(definition(QStringLiteral("city"), AttributeType::List));

    REQUIRE(
        m.attributes.setValue({first, city, QStringLiteral("Berlin"), AttributeWriter::Device, 5})
            .ok());
    REQUIRE(
        m.attributes.setValue({second, city, QStringLiteral("Paris"), AttributeWriter::Server, 6})
            .ok());
    REQUIRE(
        m.attributes.setValue({first, city, QStringLiteral("Paris"), AttributeWriter::Server, 7})
            .ok()); // last writer wins: replaces, never duplicates
    CHECK(*m.attributes.usageCount(city) == 2);

    const auto values = m.attributes.values(first);
    REQUIRE(values.ok());
    REQUIRE(values->size() == 1);
    CHECK((*values)[0].value == QStringLiteral("Paris"));
    CHECK((*values)[0].setBy == AttributeWriter::Server);
    CHECK((*values)[0].updatedAt == 7);
    CHECK(m.attributes.valuesOf(city)->size() == 2);

    CHECK(*m.attributes.clearValue(first, city));
    CHECK_FALSE(*m.attributes.clearValue(first, city));
    CHECK(*m.attributes.usageCount(city) == 1);

    REQUIRE(m.attributes.removeDefinition(city).ok());
    CHECK(m.attributes.values(second)->empty());
    CHECK_FALSE(m.attributes.findDefinition(city)->has_value());
}
