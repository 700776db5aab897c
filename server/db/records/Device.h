// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Device - an enrolled device and a one-time enrolment token, as stored.
#pragma once

#include <QString>
#include <optional>

namespace steward::server::db {

struct Device {
    qint64 id = 0;
    QString name;
    QString unitId; // primary MAC, "00:11:22:33:44:55"; may be empty
    QString hostname;
    QString certFingerprint; // SHA-256 of the client certificate's DER, lower-case hex
    QString certPem;
    qint64 enrolledAt = 0;
    std::optional<qint64> lastContactAt;
    QString lastIp;
    std::optional<qint64> releasedAt;
    qint64 revision = 1;
    QString inventory; // the last device.inventory body as compact JSON; empty before one
    std::optional<qint64> folderId;    // absent: the root "Devices"
    std::optional<qint64> lastBootAt;  // as last reported by the agent
    std::optional<qint64> onlineSince; // start of the current online period; null when offline
    qint64 operatingSeconds = 0;       // online time of every finished online period
    // Read only (kept by CertificateRepository): the device-communication certificate it pins.
    std::optional<qint64> certificateId;
    QString certificateFingerprint;  // its SHA-256, lower-case hex; empty when not known
    std::optional<qint64> deletedAt; // set while the device is in the recycle bin
    QString deletedBy;               // who moved it there
};

/** A queued or finished device command (table device_commands). */
struct DeviceCommand {
    qint64 id = 0;
    qint64 deviceId = 0;
    QString kind;
    QString args = QStringLiteral("{}"); // compact JSON object
    QString state;                       // queued, sent, succeeded, failed or expired
    QString createdBy;
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
    std::optional<qint64> finishedAt;
    QString message;
};

struct EnrollmentToken {
    qint64 id = 0;
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
    std::optional<qint64> usedAt;
    QString folder; // the folder's path when the token was made, for display
    QString createdBy;
    std::optional<qint64> folderId; // where the device goes; cleared if the folder is deleted
};

} // namespace steward::server::db
