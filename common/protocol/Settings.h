// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Settings - settings.bundle and settings.applied: the versioned push of a device's configuration.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/MessageType.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace steward::protocol {

/**
 * `settings.bundle`, server → agent: the device's whole effective configuration. `version` is
 * its SHA-256 (64 lower-case hex digits, docs/settings.md), `revision` counts the changes of
 * this device's configuration (1, 2, …), `values` maps every parameter to its value (at most
 * 256 KiB), `signature` (base64, required) signs settingsSigningPayload() with the server's
 * device-communication key: the agent applies only what its pinned certificate verifies.
 */
struct SettingsBundle {
    static constexpr MessageType Type = MessageType::SettingsBundle;
    qint64 device = 0;
    QString version;
    qint64 revision = 0;
    QJsonObject values;
    QByteArray signature; // raw bytes; base64 on the wire

    bool operator==(const SettingsBundle&) const = default;
};

/**
 * `settings.applied`, agent → server: the outcome of the bundle `bundle` (its version).
 * `applied` says whether it is now in effect; `version` is what the agent has in effect after
 * the attempt (the bundle's on success, the previous one, possibly empty, on failure).
 * `failures` maps a parameter (or applier) to why it failed (each at most 1000 characters, at
 * most 200 entries); `notApplied` lists accepted parameters this agent has no applier for;
 * `rebootRequired` says a changed parameter takes effect only after a restart.
 */
struct SettingsApplied {
    static constexpr MessageType Type = MessageType::SettingsApplied;
    QString bundle;
    bool applied = false;
    QString version;
    QMap<QString, QString> failures;
    QStringList notApplied;
    bool rebootRequired = false;

    bool operator==(const SettingsApplied&) const = default;
};

/**
 * The bytes that are signed: compact JSON {"device","revision","values","version"} (keys
 * sorted), so a bundle is bound to one device and cannot be replayed to another.
 */
[[nodiscard]] QByteArray settingsSigningPayload(const SettingsBundle& bundle);

[[nodiscard]] QJsonObject toJson(const SettingsBundle& bundle);
[[nodiscard]] Result<SettingsBundle> settingsBundleFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const SettingsApplied& applied);
[[nodiscard]] Result<SettingsApplied> settingsAppliedFromJson(const QJsonObject& body);

} // namespace steward::protocol
