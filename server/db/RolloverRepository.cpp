// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/RolloverRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {
namespace {

const QString Columns =
    QStringLiteral("id, certificate_id, certificate_pending_id, certificate_support");

std::optional<qint64> optionalInteger(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

DeviceCertificateState readState(const QSqlQuery& query)
{
    return DeviceCertificateState{query.value(0).toLongLong(), optionalInteger(query.value(1)),
                                  optionalInteger(query.value(2)), query.value(3).toString()};
}

Result<void> updateOne(Database& db, const QString& set, qint64 deviceId,
                       const QList<std::pair<QString, QVariant>>& values, const QString& what)
{
    auto query = db.prepare(QStringLiteral("UPDATE devices SET %1 WHERE id = :id").arg(set));
    if (!query) {
        return query.error();
    }
    for (const auto& [name, value] : values) {
        query->bindValue(name, value);
    }
    query->bindValue(QStringLiteral(":id"), deviceId);
    if (auto r = Database::exec(*query, what); !r) {
        return r;
    }
    if (query->numRowsAffected() != 1) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no device %1").arg(deviceId));
    }
    return {};
}

QVariant nullable(std::optional<qint64> value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace

RolloverRepository::RolloverRepository(Database& db) : m_db(db) {}

Result<DeviceCertificateState> RolloverRepository::state(qint64 deviceId) const
{
    auto query = m_db.prepare(QStringLiteral("SELECT %1 FROM devices WHERE id = :id").arg(Columns));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), deviceId);
    if (auto r = Database::exec(*query, QStringLiteral("reading a device's certificates")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no device %1").arg(deviceId));
    }
    return readState(*query);
}

Result<QHash<qint64, DeviceCertificateState>> RolloverRepository::states() const
{
    auto query = m_db.prepare(
        QStringLiteral("SELECT %1 FROM devices WHERE released_at IS NULL").arg(Columns));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("reading the devices' certificates")); !r) {
        return r.error();
    }
    QHash<qint64, DeviceCertificateState> states;
    while (query->next()) {
        auto state = readState(*query);
        states.insert(state.deviceId, std::move(state));
    }
    return states;
}

Result<void> RolloverRepository::setPending(qint64 deviceId, std::optional<qint64> certificateId)
{
    return updateOne(m_db, QStringLiteral("certificate_pending_id = :pending"), deviceId,
                     {{QStringLiteral(":pending"), nullable(certificateId)}},
                     QStringLiteral("recording a certificate rollover in flight"));
}

Result<void> RolloverRepository::confirm(qint64 deviceId, qint64 certificateId)
{
    return updateOne(m_db,
                     QStringLiteral("certificate_id = :certificate, certificate_pending_id = NULL"),
                     deviceId, {{QStringLiteral(":certificate"), certificateId}},
                     QStringLiteral("recording a confirmed certificate rollover"));
}

} // namespace steward::server::db
