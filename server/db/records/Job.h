// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Job - a device command run on a set of devices, now or at a time, as stored (docs/jobs.md).
#pragma once

#include <QString>

#include <optional>

namespace steward::server::db {

namespace JobState {
inline const QString Scheduled = QStringLiteral("scheduled");
inline const QString Running = QStringLiteral("running");
inline const QString Finished = QStringLiteral("finished");
inline const QString Cancelled = QStringLiteral("cancelled");
} // namespace JobState

/** Where one device of a job stands. */
namespace JobDeviceState {
inline const QString Queued = QStringLiteral("queued"); // not yet reached
inline const QString Sent = QStringLiteral("sent");     // the device has it, no answer yet
inline const QString Done = QStringLiteral("done");
inline const QString Failed = QStringLiteral("failed");
inline const QString Cancelled = QStringLiteral("cancelled");
} // namespace JobDeviceState

struct Job {
    qint64 id = 0;
    QString name;
    QString kind;                        // reboot, shutdown, push-settings or wake
    QString args = QStringLiteral("{}"); // compact JSON object
    QString target;   // compact JSON: {"devices":[…]}, {"folder":…}, {"view":…}
    qint64 runAt = 0; // when it starts (the creation time for "now")
    qint64 ttl = 0;   // seconds each device command may wait
    QString state;
    QString createdBy;
    qint64 createdAt = 0;
    std::optional<qint64> startedAt;
    std::optional<qint64> finishedAt;
};

struct JobDevice {
    qint64 jobId = 0;
    qint64 deviceId = 0;
    QString deviceName; // as when the job was created
    QString state;
    std::optional<qint64> commandId;
    QString message;
    qint64 updatedAt = 0;
};

/** How many devices of a job are in each state. */
struct JobCounts {
    qint64 queued = 0;
    qint64 sent = 0;
    qint64 done = 0;
    qint64 failed = 0;
    qint64 cancelled = 0;
    [[nodiscard]] qint64 total() const { return queued + sent + done + failed + cancelled; }
    [[nodiscard]] qint64 open() const { return queued + sent; }
};

} // namespace steward::server::db
