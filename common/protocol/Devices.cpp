// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Devices.h"

#include "common/protocol/JsonReader.h"

#include <QJsonArray>

namespace steward::protocol {
namespace {

constexpr qsizetype MaxText = 255;
constexpr qsizetype MaxInterfaces = 64;
constexpr qsizetype MaxAddresses = 32;
constexpr qsizetype MaxDisks = 64;
constexpr qint64 MaxNumber = qint64(1) << 53; // exact in a JSON double

void checkLength(JsonReader& reader, QStringView key, const QString& value)
{
    if (reader.ok() && value.size() > MaxText) {
        reader.invalid(key, QStringLiteral("has more than %1 characters").arg(MaxText));
    }
}

} // namespace

QJsonObject toJson(const DeviceInventory& inventory)
{
    QJsonArray interfaces;
    for (const auto& interface : inventory.interfaces) {
        interfaces.append(QJsonObject{
            {QLatin1String("name"), interface.name},
            {QLatin1String("mac"), interface.mac},
            {QLatin1String("addresses"), QJsonArray::fromStringList(interface.addresses)}});
    }
    QJsonArray disks;
    for (const auto& disk : inventory.disks) {
        disks.append(QJsonObject{{QLatin1String("mount"), disk.mount},
                                 {QLatin1String("sizeBytes"), disk.sizeBytes}});
    }
    return QJsonObject{{QLatin1String("hostname"), inventory.hostname},
                       {QLatin1String("os"), inventory.os},
                       {QLatin1String("kernel"), inventory.kernel},
                       {QLatin1String("agentVersion"), inventory.agentVersion},
                       {QLatin1String("interfaces"), interfaces},
                       {QLatin1String("cpuModel"), inventory.cpuModel},
                       {QLatin1String("cpuCores"), inventory.cpuCores},
                       {QLatin1String("memoryBytes"), inventory.memoryBytes},
                       {QLatin1String("disks"), disks},
                       {QLatin1String("bootTime"), inventory.bootTime}};
}

Result<DeviceInventory> deviceInventoryFromJson(const QJsonObject& body)
{
    JsonReader reader(body);
    DeviceInventory inventory;
    inventory.hostname = reader.requireString(u"hostname", JsonReader::Text::NonEmpty);
    checkLength(reader, u"hostname", inventory.hostname);
    inventory.os = reader.requireString(u"os");
    checkLength(reader, u"os", inventory.os);
    inventory.kernel = reader.requireString(u"kernel");
    checkLength(reader, u"kernel", inventory.kernel);
    inventory.agentVersion = reader.requireString(u"agentVersion");
    checkLength(reader, u"agentVersion", inventory.agentVersion);
    if (reader.ok() && body.value(QLatin1String("interfaces")).toArray().size() > MaxInterfaces) {
        reader.invalid(u"interfaces",
                       QStringLiteral("has more than %1 entries").arg(MaxInterfaces));
    }
    reader.readObjectList(u"interfaces", [&](JsonReader& element) {
        NetworkInterfaceInfo interface;
        interface.name = element.requireString(u"name", JsonReader::Text::NonEmpty);
        checkLength(element, u"name", interface.name);
        interface.mac = element.requireString(u"mac");
        checkLength(element, u"mac", interface.mac);
        interface.addresses = element.requireStringList(u"addresses");
        if (element.ok() && interface.addresses.size() > MaxAddresses) {
            element.invalid(u"addresses",
                            QStringLiteral("has more than %1 entries").arg(MaxAddresses));
        }
        for (const auto& address : interface.addresses) {
            checkLength(element, u"addresses", address);
        }
        inventory.interfaces.push_back(std::move(interface));
    });
    inventory.cpuModel = reader.optionalString(u"cpuModel").value_or(QString());
    checkLength(reader, u"cpuModel", inventory.cpuModel);
    inventory.cpuCores = int(reader.optionalInt(u"cpuCores", 0, 65536).value_or(0));
    inventory.memoryBytes = reader.optionalInt(u"memoryBytes", 0, MaxNumber).value_or(0);
    inventory.bootTime = reader.optionalInt(u"bootTime", 0, MaxNumber).value_or(0);
    if (reader.ok() && body.value(QLatin1String("disks")).toArray().size() > MaxDisks) {
        reader.invalid(u"disks", QStringLiteral("has more than %1 entries").arg(MaxDisks));
    }
    reader.readObjectList(
        u"disks",
        [&](JsonReader& element) {
            DiskInfo disk;
            disk.mount = element.requireString(u"mount", JsonReader::Text::NonEmpty);
            checkLength(element, u"mount", disk.mount);
            disk.sizeBytes = element.requireInt(u"sizeBytes", 0, MaxNumber);
            inventory.disks.push_back(std::move(disk));
        },
        false);
    return reader.finish(std::move(inventory));
}

} // namespace steward::protocol
