// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/JobRepository.h"

#include "server/db/Database.h"
#include "server/db/Transaction.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace steward::server::db {
namespace {

const QString JobColumns = QStringLiteral("id, name, kind, args, target, run_at, ttl, state, "
                                          "created_by, created_at, started_at, finished_at");
const QString DeviceColumns =
    QStringLiteral("job_id, device_id, device_name, state, command_id, message, updated_at");

std::optional<qint64> optionalValue(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

Job readJob(const QSqlQuery& query)
{
    Job job;
    job.id = query.value(0).toLongLong();
    job.name = query.value(1).toString();
    job.kind = query.value(2).toString();
    job.args = query.value(3).toString();
    job.target = query.value(4).toString();
    job.runAt = query.value(5).toLongLong();
    job.ttl = query.value(6).toLongLong();
    job.state = query.value(7).toString();
    job.createdBy = query.value(8).toString();
    job.createdAt = query.value(9).toLongLong();
    job.startedAt = optionalValue(query.value(10));
    job.finishedAt = optionalValue(query.value(11));
    return job;
}

JobDevice readDevice(const QSqlQuery& query, int first = 0)
{
    JobDevice device;
    device.jobId = query.value(first).toLongLong();
    device.deviceId = query.value(first + 1).toLongLong();
    device.deviceName = query.value(first + 2).toString();
    device.state = query.value(first + 3).toString();
    device.commandId = optionalValue(query.value(first + 4));
    device.message = query.value(first + 5).toString();
    device.updatedAt = query.value(first + 6).toLongLong();
    return device;
}

// ":prefix0, :prefix1, …" bound to \a values in \a bindings.
QString placeholders(const QString& prefix, const QStringList& values, QVariantMap& bindings)
{
    QStringList names;
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QString name = QStringLiteral(":%1%2").arg(prefix).arg(i);
        names.append(name);
        bindings.insert(name, values.at(i));
    }
    return names.join(QStringLiteral(", "));
}

Result<QSqlQuery> run(const Database& db, const QString& sql, const QVariantMap& values,
                      const QString& what)
{
    auto query = db.prepare(sql);
    if (!query) {
        return query.error();
    }
    for (auto it = values.begin(); it != values.end(); ++it) {
        query->bindValue(it.key(), it.value());
    }
    if (auto r = Database::exec(*query, what); !r) {
        return r.error();
    }
    return std::move(*query);
}

} // namespace

JobRepository::JobRepository(Database& db) : m_db(db) {}

Result<qint64> JobRepository::insert(const Job& job, const std::vector<JobDevice>& devices)
{
    return inTransaction<qint64>(m_db, [&]() -> Result<qint64> {
        auto inserted =
            run(m_db,
                QStringLiteral(
                    "INSERT INTO jobs (name, kind, args, target, run_at, ttl, state, "
                    "created_by, created_at, started_at) VALUES (:name, :kind, :args, :target, "
                    ":run, :ttl, :state, :by, :created, :started) RETURNING id"),
                {{QStringLiteral(":name"), Database::text(job.name)},
                 {QStringLiteral(":kind"), job.kind},
                 {QStringLiteral(":args"), job.args},
                 {QStringLiteral(":target"), job.target},
                 {QStringLiteral(":run"), job.runAt},
                 {QStringLiteral(":ttl"), job.ttl},
                 {QStringLiteral(":state"), job.state},
                 {QStringLiteral(":by"), Database::text(job.createdBy)},
                 {QStringLiteral(":created"), job.createdAt},
                 {QStringLiteral(":started"), Database::nullable(job.startedAt)}},
                QStringLiteral("storing a job"));
        if (!inserted) {
            return inserted.error();
        }
        if (!inserted->next()) {
            return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the new job"));
        }
        const qint64 id = inserted->value(0).toLongLong();
        auto query = m_db.prepare(QStringLiteral(
            "INSERT INTO job_devices (job_id, device_id, device_name, state, message, updated_at) "
            "VALUES (:job, :device, :name, :state, :message, :at)"));
        if (!query) {
            return query.error();
        }
        for (const auto& device : devices) {
            query->bindValue(QStringLiteral(":job"), id);
            query->bindValue(QStringLiteral(":device"), device.deviceId);
            query->bindValue(QStringLiteral(":name"), Database::text(device.deviceName));
            query->bindValue(QStringLiteral(":state"), device.state);
            query->bindValue(QStringLiteral(":message"), Database::text(device.message));
            query->bindValue(QStringLiteral(":at"), device.updatedAt);
            if (auto r = Database::exec(*query, QStringLiteral("storing a job's device")); !r) {
                return r.error();
            }
        }
        return id;
    });
}

Result<std::vector<Job>> JobRepository::selectJobs(const QString& where,
                                                   const QVariantMap& values) const
{
    auto query = run(m_db, QStringLiteral("SELECT %1 FROM jobs WHERE %2").arg(JobColumns, where),
                     values, QStringLiteral("reading jobs"));
    if (!query) {
        return query.error();
    }
    std::vector<Job> jobs;
    while (query->next()) {
        jobs.push_back(readJob(*query));
    }
    return jobs;
}

Result<std::vector<JobDevice>> JobRepository::selectDevices(const QString& where,
                                                            const QVariantMap& values) const
{
    auto query =
        run(m_db, QStringLiteral("SELECT %1 FROM job_devices WHERE %2").arg(DeviceColumns, where),
            values, QStringLiteral("reading a job's devices"));
    if (!query) {
        return query.error();
    }
    std::vector<JobDevice> devices;
    while (query->next()) {
        devices.push_back(readDevice(*query));
    }
    return devices;
}

Result<std::optional<Job>> JobRepository::findById(qint64 id) const
{
    auto found = selectJobs(QStringLiteral("id = :id"), {{QStringLiteral(":id"), id}});
    if (!found) {
        return found.error();
    }
    return found->empty() ? std::optional<Job>{} : std::optional<Job>{found->front()};
}

Result<Page<Job>> JobRepository::list(qint64 offset, qint64 limit, const QString& createdBy) const
{
    const QString where =
        createdBy.isEmpty() ? QStringLiteral("1 = 1") : QStringLiteral("created_by = :by");
    QVariantMap values;
    if (!createdBy.isEmpty()) {
        values.insert(QStringLiteral(":by"), createdBy);
    }
    auto count = run(m_db, QStringLiteral("SELECT COUNT(*) FROM jobs WHERE ") + where, values,
                     QStringLiteral("counting jobs"));
    if (!count) {
        return count.error();
    }
    count->next();
    values.insert(QStringLiteral(":limit"), limit);
    values.insert(QStringLiteral(":offset"), offset);
    auto found =
        selectJobs(where + QStringLiteral(" ORDER BY id DESC LIMIT :limit OFFSET :offset"), values);
    if (!found) {
        return found.error();
    }
    return Page<Job>{std::move(*found), count->value(0).toLongLong()};
}

Result<JobCounts> JobRepository::counts(qint64 jobId) const
{
    auto query = run(m_db,
                     QStringLiteral("SELECT state, COUNT(*) FROM job_devices WHERE job_id = :job "
                                    "GROUP BY state"),
                     {{QStringLiteral(":job"), jobId}}, QStringLiteral("counting a job's devices"));
    if (!query) {
        return query.error();
    }
    JobCounts counts;
    while (query->next()) {
        const QString state = query->value(0).toString();
        const qint64 n = query->value(1).toLongLong();
        if (state == JobDeviceState::Queued) {
            counts.queued = n;
        } else if (state == JobDeviceState::Sent) {
            counts.sent = n;
        } else if (state == JobDeviceState::Done) {
            counts.done = n;
        } else if (state == JobDeviceState::Failed) {
            counts.failed = n;
        } else if (state == JobDeviceState::Cancelled) {
            counts.cancelled = n;
        }
    }
    return counts;
}

Result<std::vector<JobDevice>> JobRepository::devices(qint64 jobId) const
{
    return selectDevices(QStringLiteral("job_id = :job ORDER BY device_id"),
                         {{QStringLiteral(":job"), jobId}});
}

Result<std::vector<JobDevice>> JobRepository::undispatched(qint64 jobId, qint64 limit) const
{
    return selectDevices(QStringLiteral("job_id = :job AND state = :queued AND command_id IS NULL "
                                        "ORDER BY device_id LIMIT :limit"),
                         {{QStringLiteral(":job"), jobId},
                          {QStringLiteral(":queued"), JobDeviceState::Queued},
                          {QStringLiteral(":limit"), limit}});
}

Result<std::optional<JobDevice>> JobRepository::findByCommand(qint64 commandId) const
{
    auto found = selectDevices(QStringLiteral("command_id = :command"),
                               {{QStringLiteral(":command"), commandId}});
    if (!found) {
        return found.error();
    }
    return found->empty() ? std::optional<JobDevice>{} : std::optional<JobDevice>{found->front()};
}

Result<std::vector<Job>> JobRepository::due(qint64 now) const
{
    return selectJobs(
        QStringLiteral("state = :scheduled AND run_at <= :now ORDER BY run_at, id"),
        {{QStringLiteral(":scheduled"), JobState::Scheduled}, {QStringLiteral(":now"), now}});
}

Result<std::vector<Job>> JobRepository::withState(const QString& state) const
{
    return selectJobs(QStringLiteral("state = :state ORDER BY id"),
                      {{QStringLiteral(":state"), state}});
}

Result<std::vector<OpenJobCommand>> JobRepository::openCommands() const
{
    auto query = run(m_db,
                     QStringLiteral("SELECT j.job_id, j.device_id, j.device_name, j.state, "
                                    "j.command_id, j.message, j.updated_at, c.state, c.message "
                                    "FROM job_devices j JOIN device_commands c ON c.id = "
                                    "j.command_id WHERE j.state IN (:queued, :sent) "
                                    "ORDER BY j.job_id, j.device_id"),
                     {{QStringLiteral(":queued"), JobDeviceState::Queued},
                      {QStringLiteral(":sent"), JobDeviceState::Sent}},
                     QStringLiteral("reading the open commands of jobs"));
    if (!query) {
        return query.error();
    }
    std::vector<OpenJobCommand> open;
    while (query->next()) {
        open.push_back(
            {readDevice(*query), query->value(7).toString(), query->value(8).toString()});
    }
    return open;
}

Result<bool> JobRepository::setState(qint64 jobId, const QStringList& from, const QString& to,
                                     std::optional<qint64> startedAt,
                                     std::optional<qint64> finishedAt)
{
    QVariantMap values{{QStringLiteral(":id"), jobId}, {QStringLiteral(":to"), to}};
    QString sets = QStringLiteral("state = :to");
    if (startedAt) {
        sets += QStringLiteral(", started_at = :started");
        values.insert(QStringLiteral(":started"), *startedAt);
    }
    if (finishedAt) {
        sets += QStringLiteral(", finished_at = :finished");
        values.insert(QStringLiteral(":finished"), *finishedAt);
    }
    const QString in = placeholders(QStringLiteral("from"), from, values);
    auto query = run(
        m_db, QStringLiteral("UPDATE jobs SET %1 WHERE id = :id AND state IN (%2)").arg(sets, in),
        values, QStringLiteral("changing a job's state"));
    if (!query) {
        return query.error();
    }
    return query->numRowsAffected() > 0;
}

Result<bool> JobRepository::setDeviceState(qint64 jobId, qint64 deviceId, const QStringList& from,
                                           const QString& state, std::optional<qint64> commandId,
                                           const QString& message, qint64 at)
{
    QVariantMap values{{QStringLiteral(":job"), jobId},
                       {QStringLiteral(":device"), deviceId},
                       {QStringLiteral(":state"), state},
                       {QStringLiteral(":message"), Database::text(message)},
                       {QStringLiteral(":at"), at}};
    QString sets = QStringLiteral("state = :state, message = :message, updated_at = :at");
    if (commandId) {
        sets += QStringLiteral(", command_id = :command");
        values.insert(QStringLiteral(":command"), *commandId);
    }
    const QString in = placeholders(QStringLiteral("from"), from, values);
    auto query = run(m_db,
                     QStringLiteral("UPDATE job_devices SET %1 WHERE job_id = :job AND "
                                    "device_id = :device AND state IN (%2)")
                         .arg(sets, in),
                     values, QStringLiteral("changing a job device's state"));
    if (!query) {
        return query.error();
    }
    return query->numRowsAffected() > 0;
}

Result<std::vector<qint64>> JobRepository::cancelQueued(qint64 jobId, qint64 at,
                                                        const QString& message)
{
    return inTransaction<std::vector<qint64>>(m_db, [&]() -> Result<std::vector<qint64>> {
        auto queued = selectDevices(
            QStringLiteral("job_id = :job AND state = :queued AND command_id IS NOT NULL"),
            {{QStringLiteral(":job"), jobId}, {QStringLiteral(":queued"), JobDeviceState::Queued}});
        if (!queued) {
            return queued.error();
        }
        std::vector<qint64> cancelled;
        for (const auto& device : *queued) {
            auto command = run(m_db,
                               QStringLiteral("UPDATE device_commands SET state = :cancelled, "
                                              "finished_at = :at, message = :message WHERE id = "
                                              ":id AND state = :queued"),
                               {{QStringLiteral(":cancelled"), JobDeviceState::Cancelled},
                                {QStringLiteral(":at"), at},
                                {QStringLiteral(":message"), message},
                                {QStringLiteral(":id"), *device.commandId},
                                {QStringLiteral(":queued"), JobDeviceState::Queued}},
                               QStringLiteral("cancelling a device command"));
            if (!command) {
                return command.error();
            }
            if (command->numRowsAffected() > 0) {
                cancelled.push_back(*device.commandId);
            } else {
                // Sent meanwhile: the device has it; its result still counts.
                auto sent = setDeviceState(jobId, device.deviceId, {JobDeviceState::Queued},
                                           JobDeviceState::Sent, std::nullopt, {}, at);
                if (!sent) {
                    return sent.error();
                }
            }
        }
        auto rest = run(m_db,
                        QStringLiteral("UPDATE job_devices SET state = :cancelled, message = "
                                       ":message, updated_at = :at WHERE job_id = :job AND "
                                       "state = :queued"),
                        {{QStringLiteral(":cancelled"), JobDeviceState::Cancelled},
                         {QStringLiteral(":message"), message},
                         {QStringLiteral(":at"), at},
                         {QStringLiteral(":job"), jobId},
                         {QStringLiteral(":queued"), JobDeviceState::Queued}},
                        QStringLiteral("cancelling a job's devices"));
        if (!rest) {
            return rest.error();
        }
        return cancelled;
    });
}

Result<void> JobRepository::remove(qint64 jobId)
{
    auto query = run(m_db, QStringLiteral("DELETE FROM jobs WHERE id = :id"),
                     {{QStringLiteral(":id"), jobId}}, QStringLiteral("deleting a job"));
    if (!query) {
        return query.error();
    }
    if (query->numRowsAffected() == 0) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no job %1").arg(jobId));
    }
    return {};
}

} // namespace steward::server::db
