// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/CertificateRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {
namespace {

const QString Columns =
    QStringLiteral("id, alias, position, active, key_spec, signature_algorithm, fingerprint, "
                   "cert_pem, key_file, created_at, created_by");

DeviceCertificate readRow(const QSqlQuery& query)
{
    DeviceCertificate row;
    row.id = query.value(0).toLongLong();
    row.alias = query.value(1).toString();
    row.position = query.value(2).toLongLong();
    row.active = query.value(3).toInt() != 0;
    row.keySpec = query.value(4).toString();
    row.signatureAlgorithm = query.value(5).toString();
    row.fingerprint = query.value(6).toString();
    row.certificatePem = query.value(7).toString();
    row.keyFile = query.value(8).toString();
    row.createdAt = query.value(9).toLongLong();
    row.createdBy = query.value(10).toString();
    return row;
}

Result<std::optional<DeviceCertificate>> findOne(Database& db, const QString& where,
                                                 const QVariant& value)
{
    auto query = db.prepare(
        QStringLiteral("SELECT %1 FROM device_certificates WHERE %2").arg(Columns, where));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":value"), value);
    if (auto r = Database::exec(*query, QStringLiteral("reading a certificate")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<DeviceCertificate>();
    }
    return std::optional<DeviceCertificate>(readRow(*query));
}

Result<void> changeOne(QSqlQuery& query, const QString& what, qint64 id)
{
    if (auto r = Database::exec(query, what); !r) {
        return r;
    }
    if (query.numRowsAffected() != 1) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no certificate %1").arg(id));
    }
    return {};
}

Result<std::optional<qint64>> readDeviceCertificate(Database& db, const QString& column,
                                                    qint64 deviceId)
{
    auto query = db.prepare(QStringLiteral("SELECT %1 FROM devices WHERE id = :id").arg(column));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), deviceId);
    if (auto r = Database::exec(*query, QStringLiteral("reading a device's certificate")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no device %1").arg(deviceId));
    }
    if (query->value(0).isNull()) {
        return std::optional<qint64>();
    }
    return std::optional<qint64>(query->value(0).toLongLong());
}

} // namespace

CertificateRepository::CertificateRepository(Database& db) : m_db(db) {}

Result<std::vector<DeviceCertificate>> CertificateRepository::list() const
{
    auto query = m_db.prepare(
        QStringLiteral("SELECT %1 FROM device_certificates ORDER BY position, id").arg(Columns));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("listing certificates")); !r) {
        return r.error();
    }
    std::vector<DeviceCertificate> rows;
    while (query->next()) {
        rows.push_back(readRow(*query));
    }
    return rows;
}

Result<std::optional<DeviceCertificate>> CertificateRepository::find(qint64 id) const
{
    return findOne(m_db, QStringLiteral("id = :value"), id);
}

Result<std::optional<DeviceCertificate>>
CertificateRepository::findByAlias(const QString& alias) const
{
    return findOne(m_db, QStringLiteral("LOWER(alias) = LOWER(:value)"), alias);
}

Result<qint64> CertificateRepository::insert(const DeviceCertificate& certificate)
{
    auto sameAlias = findByAlias(certificate.alias);
    if (!sameAlias) {
        return sameAlias.error();
    }
    if (sameAlias->has_value()) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("a certificate with the alias \"%1\" already exists")
                             .arg((*sameAlias)->alias));
    }
    auto same = findOne(m_db, QStringLiteral("fingerprint = :value"), certificate.fingerprint);
    if (!same) {
        return same.error();
    }
    if (same->has_value()) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("this certificate is already in the store as \"%1\"")
                             .arg((*same)->alias));
    }
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO device_certificates (alias, position, active, key_spec, signature_algorithm,"
        " fingerprint, cert_pem, key_file, created_at, created_by) VALUES (:alias,"
        " (SELECT COALESCE(MAX(position), 0) + 1 FROM device_certificates), :active, :spec,"
        " :algorithm, :fingerprint, :pem, :key, :at, :by) RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":alias"), certificate.alias);
    query->bindValue(QStringLiteral(":active"), certificate.active ? 1 : 0);
    query->bindValue(QStringLiteral(":spec"), certificate.keySpec);
    query->bindValue(QStringLiteral(":algorithm"), certificate.signatureAlgorithm);
    query->bindValue(QStringLiteral(":fingerprint"), certificate.fingerprint);
    query->bindValue(QStringLiteral(":pem"), certificate.certificatePem);
    query->bindValue(QStringLiteral(":key"), Database::text(certificate.keyFile));
    query->bindValue(QStringLiteral(":at"), certificate.createdAt);
    query->bindValue(QStringLiteral(":by"), Database::text(certificate.createdBy));
    if (auto r = Database::exec(*query, QStringLiteral("storing a certificate")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the new certificate"));
    }
    return query->value(0).toLongLong();
}

Result<void> CertificateRepository::remove(qint64 id)
{
    auto query = m_db.prepare(QStringLiteral("DELETE FROM device_certificates WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), id);
    return changeOne(*query, QStringLiteral("deleting a certificate"), id);
}

Result<void> CertificateRepository::setActive(qint64 id, bool active)
{
    auto query = m_db.prepare(
        QStringLiteral("UPDATE device_certificates SET active = :active WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":active"), active ? 1 : 0);
    query->bindValue(QStringLiteral(":id"), id);
    return changeOne(*query, QStringLiteral("activating a certificate"), id);
}

Result<void> CertificateRepository::setPosition(qint64 id, qint64 position)
{
    auto query = m_db.prepare(
        QStringLiteral("UPDATE device_certificates SET position = :position WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":position"), position);
    query->bindValue(QStringLiteral(":id"), id);
    return changeOne(*query, QStringLiteral("moving a certificate"), id);
}

Result<QHash<qint64, qint64>> CertificateRepository::deviceCounts() const
{
    auto query = m_db.prepare(
        QStringLiteral("SELECT certificate_id, COUNT(*) FROM devices WHERE certificate_id IS NOT"
                       " NULL AND released_at IS NULL GROUP BY certificate_id"));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("counting devices per certificate")); !r) {
        return r.error();
    }
    QHash<qint64, qint64> counts;
    while (query->next()) {
        counts.insert(query->value(0).toLongLong(), query->value(1).toLongLong());
    }
    return counts;
}

Result<qint64> CertificateRepository::deviceCount(qint64 id) const
{
    auto counts = deviceCounts();
    if (!counts) {
        return counts.error();
    }
    return counts->value(id, 0);
}

Result<std::vector<std::pair<qint64, QString>>> CertificateRepository::devicesUsing(qint64 id) const
{
    auto query = m_db.prepare(
        QStringLiteral("SELECT id, name FROM devices WHERE certificate_id = :id AND released_at"
                       " IS NULL ORDER BY name, id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), id);
    if (auto r = Database::exec(*query, QStringLiteral("listing a certificate's devices")); !r) {
        return r.error();
    }
    std::vector<std::pair<qint64, QString>> devices;
    while (query->next()) {
        devices.emplace_back(query->value(0).toLongLong(), query->value(1).toString());
    }
    return devices;
}

Result<void> CertificateRepository::setDeviceCertificate(qint64 deviceId, qint64 certificateId)
{
    auto query = m_db.prepare(
        QStringLiteral("UPDATE devices SET certificate_id = :certificate WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":certificate"), certificateId);
    query->bindValue(QStringLiteral(":id"), deviceId);
    if (auto r = Database::exec(*query, QStringLiteral("recording a device's certificate")); !r) {
        return r;
    }
    if (query->numRowsAffected() != 1) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no device %1").arg(deviceId));
    }
    return {};
}

Result<void> CertificateRepository::setDeviceSupport(qint64 deviceId, const QString& supportJson)
{
    auto query = m_db.prepare(
        QStringLiteral("UPDATE devices SET certificate_support = :support WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":support"), supportJson);
    query->bindValue(QStringLiteral(":id"), deviceId);
    if (auto r = Database::exec(*query, QStringLiteral("recording a device's certificate support"));
        !r) {
        return r;
    }
    if (query->numRowsAffected() != 1) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no device %1").arg(deviceId));
    }
    return {};
}

Result<std::optional<qint64>> CertificateRepository::deviceCertificate(qint64 deviceId) const
{
    return readDeviceCertificate(m_db, QStringLiteral("certificate_id"), deviceId);
}

Result<std::optional<qint64>> CertificateRepository::signingCertificate(qint64 deviceId) const
{
    return readDeviceCertificate(
        m_db, QStringLiteral("COALESCE(certificate_pending_id, certificate_id)"), deviceId);
}

Result<int> CertificateRepository::adoptDevices(qint64 id)
{
    auto query = m_db.prepare(
        QStringLiteral("UPDATE devices SET certificate_id = :id WHERE certificate_id IS NULL"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), id);
    if (auto r = Database::exec(*query, QStringLiteral("recording the devices' certificate")); !r) {
        return r.error();
    }
    return query->numRowsAffected();
}

} // namespace steward::server::db
