// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/DeviceCommandRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {
namespace {

const QString Columns = QStringLiteral("id, device_id, kind, args, state, created_by, created_at, "
                                       "expires_at, finished_at, message");

DeviceCommand readCommand(const QSqlQuery& query)
{
    DeviceCommand command;
    command.id = query.value(0).toLongLong();
    command.deviceId = query.value(1).toLongLong();
    command.kind = query.value(2).toString();
    command.args = query.value(3).toString();
    command.state = query.value(4).toString();
    command.createdBy = query.value(5).toString();
    command.createdAt = query.value(6).toLongLong();
    command.expiresAt = query.value(7).toLongLong();
    if (!query.value(8).isNull()) {
        command.finishedAt = query.value(8).toLongLong();
    }
    command.message = query.value(9).toString();
    return command;
}

} // namespace

DeviceCommandRepository::DeviceCommandRepository(Database& db) : m_db(db) {}

Result<qint64> DeviceCommandRepository::insert(const DeviceCommand& command)
{
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO device_commands (device_id, kind, args, state, created_by, created_at, "
        "expires_at, finished_at, message) VALUES (:device, :kind, :args, :state, :by, :created, "
        ":expires, :finished, :message) RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":device"), command.deviceId);
    query->bindValue(QStringLiteral(":kind"), command.kind);
    query->bindValue(QStringLiteral(":args"), command.args);
    query->bindValue(QStringLiteral(":state"), command.state);
    query->bindValue(QStringLiteral(":by"), Database::text(command.createdBy));
    query->bindValue(QStringLiteral(":created"), command.createdAt);
    query->bindValue(QStringLiteral(":expires"), command.expiresAt);
    query->bindValue(QStringLiteral(":finished"), Database::nullable(command.finishedAt));
    query->bindValue(QStringLiteral(":message"), Database::text(command.message));
    if (auto r = Database::exec(*query, QStringLiteral("queueing a device command")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the new command"));
    }
    return query->value(0).toLongLong();
}

Result<std::vector<DeviceCommand>> DeviceCommandRepository::select(const QString& where,
                                                                   const QVariantMap& values) const
{
    auto query = m_db.prepare(QStringLiteral("SELECT ") + Columns
                              + QStringLiteral(" FROM device_commands WHERE ") + where);
    if (!query) {
        return query.error();
    }
    for (auto it = values.begin(); it != values.end(); ++it) {
        query->bindValue(it.key(), it.value());
    }
    if (auto r = Database::exec(*query, QStringLiteral("reading device commands")); !r) {
        return r.error();
    }
    std::vector<DeviceCommand> commands;
    while (query->next()) {
        commands.push_back(readCommand(*query));
    }
    return commands;
}

Result<std::optional<DeviceCommand>> DeviceCommandRepository::findById(qint64 id) const
{
    auto found = select(QStringLiteral("id = :id"), {{QStringLiteral(":id"), id}});
    if (!found) {
        return found.error();
    }
    if (found->empty()) {
        return std::optional<DeviceCommand>{};
    }
    return std::optional<DeviceCommand>{found->front()};
}

Result<Page<DeviceCommand>> DeviceCommandRepository::listForDevice(qint64 deviceId, qint64 offset,
                                                                   qint64 limit) const
{
    auto count = m_db.prepare(
        QStringLiteral("SELECT COUNT(*) FROM device_commands WHERE device_id = :device"));
    if (!count) {
        return count.error();
    }
    count->bindValue(QStringLiteral(":device"), deviceId);
    if (auto r = Database::exec(*count, QStringLiteral("counting device commands")); !r) {
        return r.error();
    }
    count->next();
    auto found = select(QStringLiteral("device_id = :device ORDER BY id DESC LIMIT :limit "
                                       "OFFSET :offset"),
                        {{QStringLiteral(":device"), deviceId},
                         {QStringLiteral(":limit"), limit},
                         {QStringLiteral(":offset"), offset}});
    if (!found) {
        return found.error();
    }
    return Page<DeviceCommand>{std::move(*found), count->value(0).toLongLong()};
}

Result<std::vector<DeviceCommand>> DeviceCommandRepository::pendingFor(qint64 deviceId,
                                                                       qint64 now) const
{
    return select(
        QStringLiteral("device_id = :device AND state = :state AND expires_at > :now ORDER BY id"),
        {{QStringLiteral(":device"), deviceId},
         {QStringLiteral(":state"), CommandState::Queued},
         {QStringLiteral(":now"), now}});
}

Result<bool> DeviceCommandRepository::markSent(qint64 id)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE device_commands SET state = :sent WHERE id = :id AND state = :queued"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":sent"), CommandState::Sent);
    query->bindValue(QStringLiteral(":queued"), CommandState::Queued);
    query->bindValue(QStringLiteral(":id"), id);
    if (auto r = Database::exec(*query, QStringLiteral("marking a command sent")); !r) {
        return r.error();
    }
    return query->numRowsAffected() > 0;
}

Result<bool> DeviceCommandRepository::finish(qint64 id, qint64 deviceId, const QString& state,
                                             qint64 at, const QString& message)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE device_commands SET state = :state, finished_at = :at, message = :message "
        "WHERE id = :id AND device_id = :device AND state IN (:queued, :sent)"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":state"), state);
    query->bindValue(QStringLiteral(":at"), at);
    query->bindValue(QStringLiteral(":message"), Database::text(message));
    query->bindValue(QStringLiteral(":id"), id);
    query->bindValue(QStringLiteral(":device"), deviceId);
    query->bindValue(QStringLiteral(":queued"), CommandState::Queued);
    query->bindValue(QStringLiteral(":sent"), CommandState::Sent);
    if (auto r = Database::exec(*query, QStringLiteral("finishing a device command")); !r) {
        return r.error();
    }
    return query->numRowsAffected() > 0;
}

Result<std::vector<DeviceCommand>> DeviceCommandRepository::due(qint64 now) const
{
    return select(QStringLiteral("state IN (:queued, :sent) AND expires_at <= :now ORDER BY id"),
                  {{QStringLiteral(":queued"), CommandState::Queued},
                   {QStringLiteral(":sent"), CommandState::Sent},
                   {QStringLiteral(":now"), now}});
}

} // namespace steward::server::db
