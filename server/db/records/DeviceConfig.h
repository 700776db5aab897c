// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceConfig - one device's desired and applied configuration (table device_config).
#pragma once

#include <QString>

#include <optional>

namespace steward::server::db {

enum class ConfigState { Pending, Applied, Failed };
enum class PushMode { Now, NextConnect };

/** "pending", "applied", "failed" */
[[nodiscard]] QString configStateName(ConfigState state);
[[nodiscard]] std::optional<ConfigState> configStateFromName(const QString& name);
/** "now", "next-connect" */
[[nodiscard]] QString pushModeName(PushMode mode);
[[nodiscard]] std::optional<PushMode> pushModeFromName(const QString& name);

struct DeviceConfig {
    qint64 deviceId = 0;
    qint64 revision = 0;    // 1 for the first computed configuration, +1 per real change
    QString desiredVersion; // SHA-256 hex of desiredValues
    QString desiredValues;  // compact JSON object, every parameter
    qint64 changedAt = 0;   // when the desired version last changed
    PushMode pushMode = PushMode::Now;
    QString deliveredVersion; // the last bundle sent to the device
    std::optional<qint64> deliveredAt;
    QString appliedVersion; // what the agent reported in effect ("" for nothing yet)
    std::optional<qint64> reportedAt;
    ConfigState state = ConfigState::Pending;
    QString failures = QStringLiteral("{}");   // JSON object parameter → text
    QString notApplied = QStringLiteral("[]"); // JSON array of parameters
    bool rebootRequired = false;
};

} // namespace steward::server::db
