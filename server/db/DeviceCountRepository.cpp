// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/DeviceCountRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace steward::server::db {

DeviceCountRepository::DeviceCountRepository(Database& db) : m_db(db) {}

Result<void> DeviceCountRepository::record(const DeviceCount& sample)
{
    // ON CONFLICT … DO UPDATE is the same on SQLite (3.24+) and PostgreSQL.
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO device_counts (at, total, online) VALUES (:at, :total, :online)"
        " ON CONFLICT (at) DO UPDATE SET total = excluded.total, online = excluded.online"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":at"), sample.at);
    query->bindValue(QStringLiteral(":total"), sample.total);
    query->bindValue(QStringLiteral(":online"), sample.online);
    return Database::exec(*query, QStringLiteral("recording the device counts"));
}

Result<std::vector<DeviceCount>> DeviceCountRepository::since(qint64 from, qint64 limit) const
{
    auto query = m_db.prepare(QStringLiteral("SELECT at, total, online FROM device_counts"
                                             " WHERE at >= :from ORDER BY at DESC LIMIT :limit"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":from"), from);
    query->bindValue(QStringLiteral(":limit"), limit);
    if (auto r = Database::exec(*query, QStringLiteral("reading the device counts")); !r) {
        return r.error();
    }
    std::vector<DeviceCount> samples;
    while (query->next()) {
        samples.push_back({query->value(0).toLongLong(), query->value(1).toLongLong(),
                           query->value(2).toLongLong()});
    }
    std::reverse(samples.begin(), samples.end());
    return samples;
}

Result<qint64> DeviceCountRepository::pruneBefore(qint64 before)
{
    auto query = m_db.prepare(QStringLiteral("DELETE FROM device_counts WHERE at < :before"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":before"), before);
    if (auto r = Database::exec(*query, QStringLiteral("pruning the device counts")); !r) {
        return r.error();
    }
    return qint64(query->numRowsAffected());
}

} // namespace steward::server::db
