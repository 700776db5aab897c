// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Attribute - an administrator-defined device attribute and one device's value of it.
#pragma once

#include "common/protocol/Attributes.h"

#include <QString>
#include <QStringList>

namespace steward::server::db {

struct AttributeDefinition {
    qint64 id = 0;
    QString name; // unique; protocol::checkAttributeName
    QString displayName;
    protocol::AttributeType type = protocol::AttributeType::String;
    protocol::OverwriteRule rule = protocol::OverwriteRule::Server;
    QStringList allowedValues; // list attributes only
    qint64 position = 0;       // listing order, then the name
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct DeviceAttributeValue {
    qint64 deviceId = 0;
    qint64 attributeId = 0;
    QString value;
    protocol::AttributeWriter setBy = protocol::AttributeWriter::Server;
    qint64 updatedAt = 0;
};

} // namespace steward::server::db
