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
    return QJsonObject{{QLatin1String("hostname"), inventory.hostname},
                       {QLatin1String("os"), inventory.os},
                       {QLatin1String("kernel"), inventory.kernel},
                       {QLatin1String("agentVersion"), inventory.agentVersion},
                       {QLatin1String("interfaces"), interfaces}};
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
    return reader.finish(std::move(inventory));
}

} // namespace steward::protocol
