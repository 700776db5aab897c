// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Devices.h"
#include "tests/support/CatchQt.h"

#include <QJsonArray>

using namespace steward;
using namespace steward::protocol;

namespace {

DeviceInventory sample()
{
    DeviceInventory inventory;
    inventory.hostname = QStringLiteral("thin-client-7");
    inventory.os = QStringLiteral("Debian GNU/Linux 12 (bookworm)");
    inventory.kernel = QStringLiteral("6.1.0-18-amd64");
    inventory.agentVersion = QStringLiteral("0.1.0");
    inventory.interfaces.push_back({QStringLiteral("eth0"),
                                    QStringLiteral("00:11:22:AA:BB:CC"),
                                    {QStringLiteral("192.0.2.17")}});
    return inventory;
}

} // namespace

TEST_CASE("a device inventory round-trips through JSON", "[unit][protocol]")
{
    const auto parsed = deviceInventoryFromJson(toJson(sample()));
    REQUIRE(parsed.ok());
    CHECK(*parsed == sample());
}

TEST_CASE("a device inventory refuses missing, mistyped and oversized fields by name",
          "[unit][protocol]")
{
    auto body = toJson(sample());
    SECTION("missing host name")
    {
        body.remove(QStringLiteral("hostname"));
        const auto parsed = deviceInventoryFromJson(body);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == ErrorCode::MissingField);
        CHECK(parsed.error().message.contains(QStringLiteral("body.hostname")));
    }
    SECTION("an interface that is not an object")
    {
        body.insert(QStringLiteral("interfaces"), QJsonArray{42});
        const auto parsed = deviceInventoryFromJson(body);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == ErrorCode::WrongFieldType);
    }
    SECTION("an overlong kernel string")
    {
        body.insert(QStringLiteral("kernel"), QString(256, QLatin1Char('k')));
        const auto parsed = deviceInventoryFromJson(body);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.kernel")));
    }
    SECTION("too many interfaces")
    {
        QJsonArray many;
        for (int i = 0; i < 65; ++i) {
            many.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("eth%1").arg(i)},
                                    {QStringLiteral("mac"), QString()},
                                    {QStringLiteral("addresses"), QJsonArray()}});
        }
        body.insert(QStringLiteral("interfaces"), many);
        CHECK_FALSE(deviceInventoryFromJson(body).ok());
    }
}

TEST_CASE("a device inventory without the later hardware fields reads them as empty",
          "[unit][protocol]")
{
    auto body = toJson(sample());
    for (const char* key : {"cpuModel", "cpuCores", "memoryBytes", "disks", "bootTime"}) {
        body.remove(QLatin1String(key));
    }
    const auto parsed = deviceInventoryFromJson(body);
    REQUIRE(parsed.ok());
    CHECK(parsed->disks.empty());
    CHECK(parsed->bootTime == 0);
    auto withDisk = toJson(sample());
    withDisk.insert(QStringLiteral("disks"),
                    QJsonArray{QJsonObject{{QStringLiteral("mount"), QString()}}});
    const auto refused = deviceInventoryFromJson(withDisk);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.contains(QStringLiteral("body.disks[0]")));
}
