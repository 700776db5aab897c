// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/TrustRepository.h"

#include "server/db/Database.h"
#include "server/db/Transaction.h"

#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {
namespace {

const QString Current = QStringLiteral("released_at IS NULL AND deleted_at IS NULL");

} // namespace

TrustRepository::TrustRepository(Database& db) : m_db(db) {}

Result<void> TrustRepository::recordDefault(const QString& fingerprint, qint64 now,
                                            std::optional<qint64> deviceId)
{
    auto query = m_db.prepare(
        QStringLiteral("INSERT INTO device_trusted_roots (device_id, fingerprint, confirmed_at)"
                       " SELECT id, CAST(:fingerprint AS TEXT), CAST(:now AS BIGINT) FROM devices"
                       " WHERE released_at IS NULL%1 AND NOT EXISTS (SELECT 1 FROM"
                       " device_trusted_roots t WHERE t.device_id = devices.id)")
            .arg(deviceId ? QStringLiteral(" AND id = :id") : QString()));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":fingerprint"), fingerprint);
    query->bindValue(QStringLiteral(":now"), now);
    if (deviceId) {
        query->bindValue(QStringLiteral(":id"), *deviceId);
    }
    return Database::exec(*query, QStringLiteral("recording the enrolment roots"));
}

Result<QStringList> TrustRepository::trusted(qint64 deviceId) const
{
    auto query = m_db.prepare(QStringLiteral("SELECT fingerprint FROM device_trusted_roots"
                                             " WHERE device_id = :id ORDER BY fingerprint"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), deviceId);
    if (auto r = Database::exec(*query, QStringLiteral("reading a device's roots")); !r) {
        return r.error();
    }
    QStringList fingerprints;
    while (query->next()) {
        fingerprints.append(query->value(0).toString());
    }
    return fingerprints;
}

Result<void> TrustRepository::replace(qint64 deviceId, const QStringList& fingerprints, qint64 now)
{
    Transaction transaction(m_db);
    if (!transaction.started()) {
        return transaction.started().error();
    }
    auto removal =
        m_db.prepare(QStringLiteral("DELETE FROM device_trusted_roots WHERE device_id = :id"));
    if (!removal) {
        return removal.error();
    }
    removal->bindValue(QStringLiteral(":id"), deviceId);
    if (auto r = Database::exec(*removal, QStringLiteral("forgetting a device's roots")); !r) {
        return r;
    }
    for (const auto& fingerprint : fingerprints) {
        auto insert = m_db.prepare(
            QStringLiteral("INSERT INTO device_trusted_roots (device_id, fingerprint, confirmed_at)"
                           " VALUES (:id, :fingerprint, :now)"));
        if (!insert) {
            return insert.error();
        }
        insert->bindValue(QStringLiteral(":id"), deviceId);
        insert->bindValue(QStringLiteral(":fingerprint"), fingerprint);
        insert->bindValue(QStringLiteral(":now"), now);
        if (auto r = Database::exec(*insert, QStringLiteral("recording a device's roots")); !r) {
            return r;
        }
    }
    return transaction.commit();
}

Result<std::vector<std::pair<qint64, QString>>>
TrustRepository::notTrusting(const QString& fingerprint) const
{
    auto query = m_db.prepare(
        QStringLiteral("SELECT id, name FROM devices WHERE %1 AND NOT EXISTS (SELECT 1 FROM"
                       " device_trusted_roots t WHERE t.device_id = devices.id"
                       " AND t.fingerprint = :fingerprint) ORDER BY id")
            .arg(Current));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":fingerprint"), fingerprint);
    if (auto r = Database::exec(*query, QStringLiteral("finding devices without a root")); !r) {
        return r.error();
    }
    std::vector<std::pair<qint64, QString>> devices;
    while (query->next()) {
        devices.emplace_back(query->value(0).toLongLong(), query->value(1).toString());
    }
    return devices;
}

Result<std::vector<DeviceClientCertificate>>
TrustRepository::clientCertificates(std::optional<qint64> deviceId) const
{
    auto query =
        m_db.prepare(QStringLiteral("SELECT id, name, cert_pem FROM devices WHERE %1%2 ORDER BY id")
                         .arg(Current, deviceId ? QStringLiteral(" AND id = :id") : QString()));
    if (!query) {
        return query.error();
    }
    if (deviceId) {
        query->bindValue(QStringLiteral(":id"), *deviceId);
    }
    if (auto r = Database::exec(*query, QStringLiteral("reading client certificates")); !r) {
        return r.error();
    }
    std::vector<DeviceClientCertificate> devices;
    while (query->next()) {
        devices.push_back(
            {query->value(0).toLongLong(), query->value(1).toString(), query->value(2).toString()});
    }
    return devices;
}

Result<void> TrustRepository::setNextCertificate(qint64 deviceId, const QString& fingerprint,
                                                 const QString& pem)
{
    auto query = m_db.prepare(QStringLiteral("UPDATE devices SET next_cert_fingerprint ="
                                             " :fingerprint, next_cert_pem = :pem WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":fingerprint"), fingerprint);
    query->bindValue(QStringLiteral(":pem"), pem);
    query->bindValue(QStringLiteral(":id"), deviceId);
    if (auto r = Database::exec(*query, QStringLiteral("keeping a renewed certificate")); !r) {
        return r;
    }
    if (query->numRowsAffected() != 1) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no device %1").arg(deviceId));
    }
    return {};
}

Result<std::optional<qint64>> TrustRepository::promoteNext(const QString& fingerprint)
{
    auto find = m_db.prepare(
        QStringLiteral("SELECT id FROM devices WHERE next_cert_fingerprint = :fingerprint"));
    if (!find) {
        return find.error();
    }
    find->bindValue(QStringLiteral(":fingerprint"), fingerprint);
    if (auto r = Database::exec(*find, QStringLiteral("finding a renewed certificate")); !r) {
        return r.error();
    }
    if (!find->next()) {
        return std::optional<qint64>();
    }
    const qint64 id = find->value(0).toLongLong();
    auto update = m_db.prepare(QStringLiteral(
        "UPDATE devices SET cert_fingerprint = next_cert_fingerprint, cert_pem = next_cert_pem,"
        " next_cert_fingerprint = NULL, next_cert_pem = '', revision = revision + 1"
        " WHERE id = :id"));
    if (!update) {
        return update.error();
    }
    update->bindValue(QStringLiteral(":id"), id);
    if (auto r = Database::exec(*update, QStringLiteral("renewing a client certificate")); !r) {
        return r.error();
    }
    return std::optional<qint64>(id);
}

} // namespace steward::server::db
