// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/DeviceConfigRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

#include <span>

namespace steward::server::db {
namespace {

// Bound parameters per statement: far below SQLite's and PostgreSQL's limits.
constexpr std::size_t MaxBound = 500;

const QString Columns = QStringLiteral(
    "device_id, revision, desired_version, desired_values, changed_at, push_mode,"
    " delivered_version, delivered_at, applied_version, reported_at, state, failures,"
    " not_applied, reboot_required");

std::optional<qint64> optionalInt(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

DeviceConfig readRow(const QSqlQuery& query)
{
    DeviceConfig config;
    config.deviceId = query.value(0).toLongLong();
    config.revision = query.value(1).toLongLong();
    config.desiredVersion = query.value(2).toString();
    config.desiredValues = query.value(3).toString();
    config.changedAt = query.value(4).toLongLong();
    config.pushMode = pushModeFromName(query.value(5).toString()).value_or(PushMode::Now);
    config.deliveredVersion = query.value(6).toString();
    config.deliveredAt = optionalInt(query.value(7));
    config.appliedVersion = query.value(8).toString();
    config.reportedAt = optionalInt(query.value(9));
    config.state = configStateFromName(query.value(10).toString()).value_or(ConfigState::Pending);
    config.failures = query.value(11).toString();
    config.notApplied = query.value(12).toString();
    config.rebootRequired = query.value(13).toLongLong() != 0;
    return config;
}

QString placeholders(std::size_t count)
{
    QStringList marks;
    for (std::size_t i = 0; i < count; ++i) {
        marks.append(QStringLiteral("?"));
    }
    return marks.join(QLatin1Char(','));
}

Result<std::vector<qint64>> readIds(QSqlQuery& query, const QString& what)
{
    if (auto r = Database::exec(query, what); !r) {
        return r.error();
    }
    std::vector<qint64> ids;
    while (query.next()) {
        ids.push_back(query.value(0).toLongLong());
    }
    return ids;
}

} // namespace

QString configStateName(ConfigState state)
{
    switch (state) {
    case ConfigState::Pending:
        return QStringLiteral("pending");
    case ConfigState::Applied:
        return QStringLiteral("applied");
    case ConfigState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

std::optional<ConfigState> configStateFromName(const QString& name)
{
    for (const auto state : {ConfigState::Pending, ConfigState::Applied, ConfigState::Failed}) {
        if (configStateName(state) == name) {
            return state;
        }
    }
    return std::nullopt;
}

QString pushModeName(PushMode mode)
{
    return mode == PushMode::Now ? QStringLiteral("now") : QStringLiteral("next-connect");
}

std::optional<PushMode> pushModeFromName(const QString& name)
{
    if (name == QLatin1String("now")) {
        return PushMode::Now;
    }
    if (name == QLatin1String("next-connect")) {
        return PushMode::NextConnect;
    }
    return std::nullopt;
}

DeviceConfigRepository::DeviceConfigRepository(Database& db) : m_db(db) {}

Result<std::optional<DeviceConfig>> DeviceConfigRepository::find(qint64 deviceId) const
{
    auto query = m_db.prepare(
        QStringLiteral("SELECT %1 FROM device_config WHERE device_id = ?").arg(Columns));
    if (!query) {
        return query.error();
    }
    query->addBindValue(deviceId);
    if (auto r = Database::exec(*query, QStringLiteral("reading a device's configuration state"));
        !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<DeviceConfig>();
    }
    return std::optional<DeviceConfig>(readRow(*query));
}

Result<QHash<qint64, DesiredVersion>>
DeviceConfigRepository::desiredVersions(const std::vector<qint64>& deviceIds) const
{
    QHash<qint64, DesiredVersion> versions;
    for (std::size_t start = 0; start < deviceIds.size(); start += MaxBound) {
        const auto chunk =
            std::span(deviceIds).subspan(start, std::min(MaxBound, deviceIds.size() - start));
        auto query = m_db.prepare(
            QStringLiteral("SELECT device_id, desired_version, revision, delivered_version,"
                           " applied_version FROM device_config "
                           "WHERE device_id IN (%1)")
                .arg(placeholders(chunk.size())));
        if (!query) {
            return query.error();
        }
        for (const qint64 id : chunk) {
            query->addBindValue(id);
        }
        if (auto r = Database::exec(*query, QStringLiteral("reading desired configuration "
                                                           "versions"));
            !r) {
            return r.error();
        }
        while (query->next()) {
            versions.insert(query->value(0).toLongLong(),
                            {query->value(1).toString(), query->value(2).toLongLong(),
                             query->value(3).toString(), query->value(4).toString()});
        }
    }
    return versions;
}

Result<void> DeviceConfigRepository::storeDesired(const DeviceConfig& config)
{
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO device_config (device_id, revision, desired_version, desired_values,"
        " changed_at, push_mode, state) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id) DO"
        " UPDATE SET revision = excluded.revision, desired_version = excluded.desired_version,"
        " desired_values = excluded.desired_values, changed_at = excluded.changed_at,"
        " push_mode = excluded.push_mode, state = excluded.state"));
    if (!query) {
        return query.error();
    }
    query->addBindValue(config.deviceId);
    query->addBindValue(config.revision);
    query->addBindValue(Database::text(config.desiredVersion));
    query->addBindValue(Database::text(config.desiredValues));
    query->addBindValue(config.changedAt);
    query->addBindValue(pushModeName(config.pushMode));
    query->addBindValue(configStateName(config.state));
    return Database::exec(*query, QStringLiteral("storing a device's desired configuration"));
}

Result<void> DeviceConfigRepository::markDelivered(qint64 deviceId, const QString& version,
                                                   qint64 at)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE device_config SET delivered_version = ?, delivered_at = ? WHERE device_id = ?"));
    if (!query) {
        return query.error();
    }
    query->addBindValue(Database::text(version));
    query->addBindValue(at);
    query->addBindValue(deviceId);
    return Database::exec(*query, QStringLiteral("recording a delivered configuration"));
}

Result<void> DeviceConfigRepository::storeReport(const DeviceConfig& config)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE device_config SET state = ?, applied_version = ?, reported_at = ?, failures = ?,"
        " not_applied = ?, reboot_required = ? WHERE device_id = ?"));
    if (!query) {
        return query.error();
    }
    query->addBindValue(configStateName(config.state));
    query->addBindValue(Database::text(config.appliedVersion));
    query->addBindValue(Database::nullable(config.reportedAt));
    query->addBindValue(Database::text(config.failures));
    query->addBindValue(Database::text(config.notApplied));
    query->addBindValue(config.rebootRequired ? 1 : 0);
    query->addBindValue(config.deviceId);
    return Database::exec(*query, QStringLiteral("storing a device's configuration report"));
}

Result<QHash<QString, qint64>> DeviceConfigRepository::countByState() const
{
    auto query =
        m_db.prepare(QStringLiteral("SELECT state, COUNT(*) FROM device_config GROUP BY state"));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("counting configuration states")); !r) {
        return r.error();
    }
    QHash<QString, qint64> counts;
    while (query->next()) {
        counts.insert(query->value(0).toString(), query->value(1).toLongLong());
    }
    return counts;
}

Result<std::vector<qint64>>
DeviceConfigRepository::devicesInFolders(const std::vector<qint64>& folderIds) const
{
    std::vector<qint64> ids;
    for (std::size_t start = 0; start < folderIds.size(); start += MaxBound) {
        const auto chunk =
            std::span(folderIds).subspan(start, std::min(MaxBound, folderIds.size() - start));
        auto query = m_db.prepare(QStringLiteral("SELECT id FROM devices WHERE released_at IS "
                                                 "NULL AND folder_id IN (%1)")
                                      .arg(placeholders(chunk.size())));
        if (!query) {
            return query.error();
        }
        for (const qint64 id : chunk) {
            query->addBindValue(id);
        }
        auto found = readIds(*query, QStringLiteral("listing the devices of folders"));
        if (!found) {
            return found.error();
        }
        ids.insert(ids.end(), found->begin(), found->end());
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}

Result<std::vector<qint64>> DeviceConfigRepository::allDevices() const
{
    auto query = m_db.prepare(
        QStringLiteral("SELECT id FROM devices WHERE released_at IS NULL ORDER BY id"));
    if (!query) {
        return query.error();
    }
    return readIds(*query, QStringLiteral("listing every device"));
}

} // namespace steward::server::db
