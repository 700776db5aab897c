// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// JobService - jobs: one device command run on many devices, now or at a scheduled time.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Device.h"
#include "server/db/records/Job.h"
#include "server/services/Clock.h"
#include "server/services/Requester.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <deque>
#include <functional>
#include <vector>

namespace steward::server::db {
class DeviceCommandRepository;
class DeviceRepository;
class JobRepository;
} // namespace steward::server::db

namespace steward::server::services {

class AuditLog;
class EventHub;

/** A job reaches at most this many devices. */
inline constexpr qint64 MaxJobDevices = 100000;
/** A job starts at most this far ahead. */
inline constexpr qint64 MaxJobDelaySeconds = 366LL * 24 * 3600;

/** What a job needs from the rest of the server; ServerApp wires it, tests fake it. */
struct JobDependencies {
    /** The devices in use in a folder, and below it with \a subfolders; NotFound otherwise. */
    std::function<Result<std::vector<qint64>>(qint64 folderId, bool subfolders)> folderDevices;
    /** The devices of a view; NotFound for an unknown view. */
    std::function<Result<std::vector<qint64>>(qint64 viewId)> viewDevices;
    /** Whether \a adminId holds the Commands right on the device. */
    std::function<bool(qint64 adminId, qint64 deviceId)> mayCommand;
    /** Queues one device command (CommandService::create). */
    std::function<Result<db::DeviceCommand>(qint64 deviceId, const QString& kind,
                                            std::chrono::seconds ttl, const QString& actor,
                                            const QString& peer)>
        command;
    /** Sends Wake-on-LAN packets for the device; returns where they went. */
    std::function<Result<QString>(const db::Device& device)> wake;
};

/** What POST /api/v1/jobs asks for, parsed but not yet checked. */
struct JobRequest {
    QString name;
    QString kind;
    QJsonObject args;
    QJsonObject target;
    std::optional<qint64> runAt; // epoch seconds; absent: now
    std::optional<qint64> ttl;   // seconds; absent: the server's command lifetime
};

/** What a cancel did. */
struct JobCancel {
    db::Job job;
    qint64 cancelled = 0; // devices that were not yet reached, now cancelled
    qint64 reached = 0;   // devices the command had already reached (sent, done or failed)
};

/**
 * create() checks everything first (kind, arguments, target, time, and the Commands right on
 * every target device, naming those refused) and stores the job with the devices its target
 * resolved to; nothing is stored when a check fails. A job due now starts at once, a scheduled
 * one when the sweep finds its time has come (by the injected clock, so tests move time).
 * Running jobs queue one device command per device, chunkSize devices per event-loop turn, as
 * the job's creator; each device follows its command's events (queued, sent, done, failed).
 * A restart resumes: scheduled jobs keep their time, running ones their remaining devices.
 * Changes are published as "job" events, at most one per job per publishInterval.
 */
class JobService : public QObject {
    Q_OBJECT

public:
    JobService(db::JobRepository& jobs, db::DeviceRepository& devices,
               db::DeviceCommandRepository& commands, AuditLog& audit, EventHub& events,
               Clock clock, JobDependencies dependencies, std::chrono::seconds defaultTtl,
               std::chrono::milliseconds sweepInterval, QObject* parent = nullptr);
    ~JobService() override;

    void setChunkSize(int size) { m_chunkSize = size; }
    void setPublishInterval(std::chrono::milliseconds interval);

    /** Resumes what a previous run left (start-up), then starts the sweep. */
    void start();
    [[nodiscard]] Result<db::Job> create(const JobRequest& request, qint64 adminId,
                                         const Requester& requester);
    [[nodiscard]] Result<JobCancel> cancel(qint64 id, const Requester& requester);
    /** Deletes a finished or cancelled job; Conflict for one that is scheduled or running. */
    [[nodiscard]] Result<void> remove(qint64 id, const Requester& requester);
    /** Starts every scheduled job whose time has come; the sweep calls it. */
    void runDue();
    /** Dispatches everything waiting now instead of turn by turn (tests). */
    void dispatchAll();

    /** The job with counts and progress; with \a withDevices, each device's state too. */
    [[nodiscard]] Result<QJsonObject> jobJson(const db::Job& job, bool withDevices) const;

private:
    [[nodiscard]] Result<std::vector<db::Device>> resolve(const QJsonObject& target,
                                                          QJsonObject& normalised) const;
    [[nodiscard]] Result<std::vector<db::Device>> listed(const QJsonArray& ids) const;
    void begin(qint64 jobId);
    void processTurn();
    [[nodiscard]] bool dispatchChunk(qint64 jobId);
    void dispatch(const db::Job& job, const db::JobDevice& device);
    void handleEvent(const QJsonObject& event);
    void follow(const db::JobDevice& device, const QString& commandState, const QString& message);
    void checkFinished(qint64 jobId);
    void markDirty(qint64 jobId);
    void publishDirty();
    void publish(const QString& event, qint64 jobId);

    db::JobRepository& m_jobs;
    db::DeviceRepository& m_devices;
    db::DeviceCommandRepository& m_commands;
    AuditLog& m_audit;
    EventHub& m_events;
    Clock m_clock;
    JobDependencies m_deps;
    std::chrono::seconds m_defaultTtl;
    int m_chunkSize = 200;
    std::deque<qint64> m_active; // running jobs with devices still to dispatch
    QSet<qint64> m_dirty;
    bool m_publishingOwn = false; // cancel() publishes the commands it cancelled
    QTimer m_sweep;
    QTimer m_turn;
    QTimer m_publish;
};

/** "queued"/"sent"/"done"/"failed"/"cancelled" for a device command state. */
[[nodiscard]] QString jobDeviceStateOf(const QString& commandState);

} // namespace steward::server::services
