// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Events - object.event: a change the server pushes to consoles so they never need a refresh.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/MessageType.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace steward::protocol {

/**
 * `object.event`, server → console. `event` is created, changed, deleted, online or offline;
 * `kind` names the object type ("admin", "device", "folder", …); `object` is the new state
 * (absent for deleted).
 */
struct ObjectEvent {
    static constexpr MessageType Type = MessageType::ObjectEvent;
    QString event;
    QString kind;
    qint64 id = 0;
    std::optional<QJsonObject> object;

    bool operator==(const ObjectEvent&) const = default;
};

[[nodiscard]] QJsonObject toJson(const ObjectEvent& event);
[[nodiscard]] Result<ObjectEvent> objectEventFromJson(const QJsonObject& body);

} // namespace steward::protocol
