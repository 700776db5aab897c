// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/JobService.h"

#include "server/app/Logging.h"
#include "server/db/DeviceCommandRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/db/JobRepository.h"
#include "server/db/Transaction.h"
#include "server/services/AuditLog.h"
#include "server/services/CommandService.h"
#include "server/services/EventHub.h"

namespace steward::server::services {
namespace {

using namespace db::JobDeviceState;

const QString Ok = QStringLiteral("ok");
const QString JobKind = QStringLiteral("job");

QString jobObject(qint64 id)
{
    return QStringLiteral("job:%1").arg(id);
}

} // namespace

QString jobDeviceStateOf(const QString& commandState)
{
    if (commandState == db::CommandState::Queued) {
        return Queued;
    }
    if (commandState == db::CommandState::Sent) {
        return Sent;
    }
    if (commandState == db::CommandState::Succeeded) {
        return Done;
    }
    if (commandState == Cancelled) {
        return Cancelled;
    }
    return Failed; // failed, expired
}

JobService::JobService(db::JobRepository& jobs, db::DeviceRepository& devices,
                       db::DeviceCommandRepository& commands, AuditLog& audit, EventHub& events,
                       Clock clock, JobDependencies dependencies, std::chrono::seconds defaultTtl,
                       std::chrono::milliseconds sweepInterval, QObject* parent)
    : QObject(parent), m_jobs(jobs), m_devices(devices), m_commands(commands), m_audit(audit),
      m_events(events), m_clock(std::move(clock)), m_deps(std::move(dependencies)),
      m_defaultTtl(defaultTtl)
{
    m_sweep.setInterval(sweepInterval);
    connect(&m_sweep, &QTimer::timeout, this, &JobService::runDue);
    m_turn.setSingleShot(true);
    m_turn.setInterval(0);
    connect(&m_turn, &QTimer::timeout, this, &JobService::processTurn);
    m_publish.setSingleShot(true);
    m_publish.setInterval(std::chrono::milliseconds(200));
    connect(&m_publish, &QTimer::timeout, this, &JobService::publishDirty);
    connect(&m_events, &EventHub::published, this, &JobService::handleEvent);
}

JobService::~JobService() = default;

void JobService::setPublishInterval(std::chrono::milliseconds interval)
{
    m_publish.setInterval(interval);
}

void JobService::start()
{
    // Results that arrived while no job followed them (or before a restart) catch up first.
    if (auto open = m_jobs.openCommands(); open) {
        for (const auto& command : *open) {
            follow(command.device, command.commandState, command.commandMessage);
        }
    } else {
        qCWarning(lcServerApp).noquote() << open.error().message;
    }
    if (auto running = m_jobs.withState(db::JobState::Running); running) {
        for (const auto& job : *running) {
            qCInfo(lcServerApp).noquote() << QStringLiteral("job resumed id=%1").arg(job.id);
            begin(job.id);
            checkFinished(job.id);
        }
    } else {
        qCWarning(lcServerApp).noquote() << running.error().message;
    }
    runDue();
    m_sweep.start();
}

void JobService::runDue()
{
    const qint64 now = m_clock();
    auto due = m_jobs.due(now);
    if (!due) {
        qCWarning(lcServerApp).noquote() << due.error().message;
        return;
    }
    for (const auto& job : *due) {
        auto started =
            m_jobs.setState(job.id, {db::JobState::Scheduled}, db::JobState::Running, now, {});
        if (!started || !*started) {
            continue;
        }
        m_audit.record(QStringLiteral("server"), QStringLiteral("job.start"), jobObject(job.id), {},
                       Ok,
                       QStringLiteral("%1, scheduled for %2 by %3")
                           .arg(job.kind)
                           .arg(job.runAt)
                           .arg(job.createdBy));
        qCInfo(lcServerApp).noquote() << QStringLiteral("job started id=%1").arg(job.id);
        markDirty(job.id);
        begin(job.id);
    }
}

void JobService::begin(qint64 jobId)
{
    if (std::find(m_active.begin(), m_active.end(), jobId) == m_active.end()) {
        m_active.push_back(jobId);
    }
    m_turn.start();
}

void JobService::dispatchAll()
{
    while (!m_active.empty()) {
        processTurn();
    }
    m_turn.stop();
}

void JobService::processTurn()
{
    if (m_active.empty()) {
        return;
    }
    const qint64 jobId = m_active.front();
    m_active.pop_front();
    if (dispatchChunk(jobId)) {
        m_active.push_back(jobId); // more to do: other jobs take their turn first
    }
    checkFinished(jobId);
    if (!m_active.empty()) {
        m_turn.start();
    }
}

bool JobService::dispatchChunk(qint64 jobId)
{
    auto job = m_jobs.findById(jobId);
    if (!job || !job->has_value() || (*job)->state != db::JobState::Running) {
        return false;
    }
    auto devices = m_jobs.undispatched(jobId, m_chunkSize);
    if (!devices) {
        qCWarning(lcServerApp).noquote() << devices.error().message;
        return false;
    }
    // One transaction per chunk: one disk sync for its commands, not several per device.
    db::Transaction transaction(m_jobs.database());
    for (const auto& device : *devices) {
        dispatch(**job, device);
    }
    if (transaction.started()) {
        if (auto committed = transaction.commit(); !committed) {
            qCWarning(lcServerApp).noquote() << committed.error().message;
        }
    }
    markDirty(jobId);
    return qsizetype(devices->size()) == m_chunkSize;
}

void JobService::dispatch(const db::Job& job, const db::JobDevice& device)
{
    const qint64 now = m_clock();
    const QStringList from{Queued};
    if (job.kind == QLatin1String("wake")) {
        auto found = m_devices.get(device.deviceId);
        Result<QString> woken = found ? m_deps.wake(*found) : Result<QString>(found.error());
        auto stored =
            m_jobs.setDeviceState(job.id, device.deviceId, from, woken ? Done : Failed,
                                  std::nullopt, woken ? *woken : woken.error().message, now);
        if (!stored) {
            qCWarning(lcServerApp).noquote() << stored.error().message;
        }
        return;
    }
    auto command = m_deps.command(device.deviceId, job.kind, std::chrono::seconds(job.ttl),
                                  job.createdBy, QStringLiteral("job %1").arg(job.id));
    Result<bool> stored =
        command
            ? m_jobs.setDeviceState(job.id, device.deviceId, from, jobDeviceStateOf(command->state),
                                    command->id, command->message, now)
            : m_jobs.setDeviceState(job.id, device.deviceId, from, Failed, std::nullopt,
                                    command.error().message, now);
    if (!stored) {
        qCWarning(lcServerApp).noquote() << stored.error().message;
    }
}

void JobService::handleEvent(const QJsonObject& event)
{
    if (m_publishingOwn
        || event.value(QLatin1String("kind")).toString() != QLatin1String("command")) {
        return;
    }
    const qint64 commandId = event.value(QLatin1String("id")).toInteger();
    auto device = m_jobs.findByCommand(commandId);
    if (!device || !device->has_value()) {
        return;
    }
    const QJsonObject command = event.value(QLatin1String("object")).toObject();
    follow(**device, command.value(QLatin1String("state")).toString(),
           command.value(QLatin1String("message")).toString());
    checkFinished((*device)->jobId);
}

void JobService::follow(const db::JobDevice& device, const QString& commandState,
                        const QString& message)
{
    const QString state = jobDeviceStateOf(commandState);
    if (state == device.state) {
        return;
    }
    // A job device only moves forward: queued → sent → done/failed/cancelled.
    const QStringList from = state == Sent ? QStringList{Queued} : QStringList{Queued, Sent};
    auto moved = m_jobs.setDeviceState(device.jobId, device.deviceId, from, state, std::nullopt,
                                       message, m_clock());
    if (!moved) {
        qCWarning(lcServerApp).noquote() << moved.error().message;
    } else if (*moved) {
        markDirty(device.jobId);
    }
}

void JobService::checkFinished(qint64 jobId)
{
    auto counts = m_jobs.counts(jobId);
    if (!counts || counts->open() > 0) {
        return;
    }
    auto finished =
        m_jobs.setState(jobId, {db::JobState::Running}, db::JobState::Finished, {}, m_clock());
    if (finished && *finished) {
        qCInfo(lcServerApp).noquote() << QStringLiteral("job finished id=%1 done=%2 failed=%3")
                                             .arg(jobId)
                                             .arg(counts->done)
                                             .arg(counts->failed);
        markDirty(jobId);
    }
}

Result<JobCancel> JobService::cancel(qint64 id, const Requester& requester)
{
    auto job = m_jobs.findById(id);
    if (!job) {
        return job.error();
    }
    if (!job->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no job %1").arg(id));
    }
    if ((*job)->state != db::JobState::Scheduled && (*job)->state != db::JobState::Running) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("job %1 is already %2").arg(id).arg((*job)->state));
    }
    auto before = m_jobs.counts(id);
    if (!before) {
        return before.error();
    }
    const qint64 now = m_clock();
    auto commands = m_jobs.cancelQueued(
        id, now, QStringLiteral("cancelled with job %1 by %2").arg(id).arg(requester.name));
    if (!commands) {
        return commands.error();
    }
    auto cancelled = m_jobs.setState(id, {db::JobState::Scheduled, db::JobState::Running},
                                     db::JobState::Cancelled, {}, now);
    if (!cancelled) {
        return cancelled.error();
    }
    m_publishingOwn = true; // these devices are cancelled already: no need to follow them
    for (const qint64 commandId : *commands) {
        auto command = m_commands.findById(commandId);
        if (command && command->has_value()) {
            m_events.publish(QStringLiteral("changed"), QStringLiteral("command"), commandId,
                             commandJson(**command));
        }
    }
    m_publishingOwn = false;
    auto after = m_jobs.counts(id);
    auto stored = m_jobs.findById(id);
    if (!after || !stored || !stored->has_value()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("job %1 vanished").arg(id));
    }
    JobCancel outcome{**stored, after->cancelled - before->cancelled,
                      after->sent + after->done + after->failed};
    m_audit.record(requester.name, QStringLiteral("job.cancel"), jobObject(id), requester.peer, Ok,
                   QStringLiteral("%1 devices cancelled, %2 already reached")
                       .arg(outcome.cancelled)
                       .arg(outcome.reached));
    markDirty(id);
    publishDirty();
    return outcome;
}

Result<void> JobService::remove(qint64 id, const Requester& requester)
{
    auto job = m_jobs.findById(id);
    if (!job) {
        return job.error();
    }
    if (!job->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no job %1").arg(id));
    }
    if ((*job)->state == db::JobState::Scheduled || (*job)->state == db::JobState::Running) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("job %1 is %2; cancel it before deleting it")
                             .arg(id)
                             .arg((*job)->state));
    }
    if (auto removed = m_jobs.remove(id); !removed) {
        return removed;
    }
    m_audit.record(requester.name, QStringLiteral("job.delete"), jobObject(id), requester.peer, Ok,
                   (*job)->name);
    m_dirty.remove(id);
    m_events.publish(QStringLiteral("deleted"), JobKind, id);
    return {};
}

void JobService::markDirty(qint64 jobId)
{
    m_dirty.insert(jobId);
    if (!m_publish.isActive()) {
        m_publish.start();
    }
}

void JobService::publishDirty()
{
    const auto dirty = m_dirty;
    m_dirty.clear();
    for (const qint64 id : dirty) {
        publish(QStringLiteral("changed"), id);
    }
}

void JobService::publish(const QString& event, qint64 jobId)
{
    auto job = m_jobs.findById(jobId);
    if (!job || !job->has_value()) {
        return;
    }
    auto json = jobJson(**job, false);
    if (json) {
        m_events.publish(event, JobKind, jobId, *json);
    }
}

} // namespace steward::server::services
