// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// JobRepository - jobs and their devices (tables jobs and job_devices, docs/jobs.md).
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Admin.h"
#include "server/db/records/Job.h"

#include <vector>

namespace steward::server::db {

class Database;

/** A job device whose command is still open, with the command's current state. */
struct OpenJobCommand {
    JobDevice device;
    QString commandState;
    QString commandMessage;
};

/**
 * A job moves scheduled → running → finished, or to cancelled from either; a job device moves
 * queued → sent → done | failed, or from queued to cancelled. Transitions are guarded by the
 * state they leave, so a late event cannot revive a cancelled device.
 */
class JobRepository {
public:
    explicit JobRepository(Database& db);

    /** Stores the job and its devices in one transaction; returns the new id. */
    [[nodiscard]] Result<qint64> insert(const Job& job, const std::vector<JobDevice>& devices);
    [[nodiscard]] Result<std::optional<Job>> findById(qint64 id) const;
    /** Newest first; \a createdBy non-empty: only that administrator's jobs. */
    [[nodiscard]] Result<Page<Job>> list(qint64 offset, qint64 limit,
                                         const QString& createdBy = {}) const;
    [[nodiscard]] Result<JobCounts> counts(qint64 jobId) const;
    /** Ordered by device id. */
    [[nodiscard]] Result<std::vector<JobDevice>> devices(qint64 jobId) const;
    /** Queued devices that have no command yet, by device id, at most \a limit. */
    [[nodiscard]] Result<std::vector<JobDevice>> undispatched(qint64 jobId, qint64 limit) const;
    [[nodiscard]] Result<std::optional<JobDevice>> findByCommand(qint64 commandId) const;
    /** Scheduled jobs whose time has come, oldest first. */
    [[nodiscard]] Result<std::vector<Job>> due(qint64 now) const;
    [[nodiscard]] Result<std::vector<Job>> withState(const QString& state) const;
    /** Devices of running or cancelled jobs whose command is neither finished nor known to be. */
    [[nodiscard]] Result<std::vector<OpenJobCommand>> openCommands() const;

    /** \a from → \a to, setting started_at or finished_at when given; false if not in \a from. */
    [[nodiscard]] Result<bool> setState(qint64 jobId, const QStringList& from, const QString& to,
                                        std::optional<qint64> startedAt,
                                        std::optional<qint64> finishedAt);
    /**
     * Moves a device that is in one of \a from to \a state (with the command when given);
     * false when it was not in \a from.
     */
    [[nodiscard]] Result<bool> setDeviceState(qint64 jobId, qint64 deviceId,
                                              const QStringList& from, const QString& state,
                                              std::optional<qint64> commandId,
                                              const QString& message, qint64 at);
    /**
     * Cancels every queued device of the job, and its device command when that is still queued
     * (state "cancelled"); a device whose command was sent meanwhile becomes sent instead.
     * Returns the ids of the device commands cancelled. One transaction.
     */
    [[nodiscard]] Result<std::vector<qint64>> cancelQueued(qint64 jobId, qint64 at,
                                                           const QString& message);
    [[nodiscard]] Result<void> remove(qint64 jobId);

    /** For a caller that groups several changes into one transaction. */
    [[nodiscard]] Database& database() { return m_db; }

private:
    [[nodiscard]] Result<std::vector<Job>> selectJobs(const QString& where,
                                                      const QVariantMap& values) const;
    [[nodiscard]] Result<std::vector<JobDevice>> selectDevices(const QString& where,
                                                               const QVariantMap& values) const;

    Database& m_db;
};

} // namespace steward::server::db
