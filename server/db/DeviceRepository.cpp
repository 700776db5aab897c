// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/DeviceRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {
namespace {

const QString Columns = QStringLiteral(
    "id, name, unit_id, hostname, cert_fingerprint, cert_pem, enrolled_at, last_contact_at, "
    "last_ip, released_at, revision, inventory, folder_id, last_boot_at, online_since, "
    "operating_seconds, certificate_id, "
    "(SELECT fingerprint FROM device_certificates WHERE device_certificates.id = "
    "devices.certificate_id), deleted_at, deleted_by");

std::optional<qint64> optionalInteger(const QVariant& value)
{
    return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
}

Device readDevice(const QSqlQuery& query)
{
    Device device;
    device.id = query.value(0).toLongLong();
    device.name = query.value(1).toString();
    device.unitId = query.value(2).toString();
    device.hostname = query.value(3).toString();
    device.certFingerprint = query.value(4).toString();
    device.certPem = query.value(5).toString();
    device.enrolledAt = query.value(6).toLongLong();
    device.lastContactAt = optionalInteger(query.value(7));
    device.lastIp = query.value(8).toString();
    device.releasedAt = optionalInteger(query.value(9));
    device.revision = query.value(10).toLongLong();
    device.inventory = query.value(11).toString();
    device.folderId = optionalInteger(query.value(12));
    device.lastBootAt = optionalInteger(query.value(13));
    device.onlineSince = optionalInteger(query.value(14));
    device.operatingSeconds = query.value(15).toLongLong();
    device.certificateId = optionalInteger(query.value(16));
    device.certificateFingerprint = query.value(17).toString();
    device.deletedAt = optionalInteger(query.value(18));
    device.deletedBy = query.value(19).toString();
    return device;
}

Result<std::optional<Device>> findOne(Database& db, const QString& where, const QVariant& value)
{
    auto query = db.prepare(QStringLiteral("SELECT ") + Columns
                            + QStringLiteral(" FROM devices WHERE ") + where);
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":key"), value);
    if (auto r = Database::exec(*query, QStringLiteral("reading a device")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<Device>{};
    }
    return std::optional<Device>{readDevice(*query)};
}

} // namespace

DeviceRepository::DeviceRepository(Database& db) : m_db(db) {}

Result<qint64> DeviceRepository::insert(const Device& device)
{
    auto existing = findByFingerprint(device.certFingerprint);
    if (!existing) {
        return existing.error();
    }
    if (existing->has_value()) {
        return makeError(
            ErrorCode::AlreadyExists,
            QStringLiteral("device %1 already holds this certificate").arg((*existing)->id));
    }
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO devices (name, unit_id, hostname, cert_fingerprint, cert_pem, enrolled_at, "
        "folder_id) VALUES (:name, :unit, :host, :fingerprint, :pem, :enrolled, :folder) "
        "RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":name"), device.name);
    query->bindValue(QStringLiteral(":unit"), Database::text(device.unitId));
    query->bindValue(QStringLiteral(":host"), Database::text(device.hostname));
    query->bindValue(QStringLiteral(":fingerprint"), device.certFingerprint);
    query->bindValue(QStringLiteral(":pem"), device.certPem);
    query->bindValue(QStringLiteral(":enrolled"), device.enrolledAt);
    query->bindValue(QStringLiteral(":folder"), Database::nullable(device.folderId));
    if (auto r = Database::exec(*query, QStringLiteral("creating a device")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the new device"));
    }
    return query->value(0).toLongLong();
}

Result<std::optional<Device>> DeviceRepository::findById(qint64 id) const
{
    return findOne(m_db, QStringLiteral("id = :key"), id);
}

Result<Device> DeviceRepository::get(qint64 id) const
{
    auto found = findById(id);
    if (!found) {
        return found.error();
    }
    if (!found->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no device %1").arg(id));
    }
    return **found;
}

Result<std::optional<Device>> DeviceRepository::findByFingerprint(const QString& fingerprint) const
{
    return findOne(m_db, QStringLiteral("cert_fingerprint = :key"), fingerprint);
}

Result<Page<Device>> DeviceRepository::list(qint64 offset, qint64 limit) const
{
    return listWhere(QStringLiteral(" WHERE deleted_at IS NULL"), std::nullopt, offset, limit);
}

Result<Page<Device>> DeviceRepository::listInFolder(std::optional<qint64> folder, qint64 offset,
                                                    qint64 limit) const
{
    return folder ? listWhere(QStringLiteral(" WHERE folder_id = :folder AND deleted_at IS NULL"),
                              folder, offset, limit)
                  : listWhere(QStringLiteral(" WHERE folder_id IS NULL AND deleted_at IS NULL"),
                              std::nullopt, offset, limit);
}

Result<Page<Device>> DeviceRepository::listBinned(qint64 offset, qint64 limit) const
{
    return listWhere(QStringLiteral(" WHERE deleted_at IS NOT NULL"), std::nullopt, offset, limit);
}

Result<Page<Device>> DeviceRepository::listWithBinned(qint64 offset, qint64 limit) const
{
    return listWhere(QString(), std::nullopt, offset, limit);
}

Result<Device> DeviceRepository::getInUse(qint64 id) const
{
    auto device = get(id);
    if (device && device->deletedAt) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("device %1 (%2) is in the recycle bin; restore it first")
                             .arg(id)
                             .arg(device->name));
    }
    return device;
}

Result<Page<Device>> DeviceRepository::listWhere(const QString& where, std::optional<qint64> folder,
                                                 qint64 offset, qint64 limit) const
{
    // \a where is one of the fixed clauses above, never built from input.
    auto count = m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM devices") + where);
    if (!count) {
        return count.error();
    }
    if (folder) {
        count->bindValue(QStringLiteral(":folder"), *folder);
    }
    if (auto r = Database::exec(*count, QStringLiteral("counting devices")); !r) {
        return r.error();
    }
    count->next();
    auto query = m_db.prepare(QStringLiteral("SELECT ") + Columns + QStringLiteral(" FROM devices")
                              + where + QStringLiteral(" ORDER BY id LIMIT :limit OFFSET :offset"));
    if (!query) {
        return query.error();
    }
    if (folder) {
        query->bindValue(QStringLiteral(":folder"), *folder);
    }
    query->bindValue(QStringLiteral(":limit"), limit);
    query->bindValue(QStringLiteral(":offset"), offset);
    if (auto r = Database::exec(*query, QStringLiteral("listing devices")); !r) {
        return r.error();
    }
    Page<Device> page;
    page.total = count->value(0).toLongLong();
    while (query->next()) {
        page.items.push_back(readDevice(*query));
    }
    return page;
}

Result<void> DeviceRepository::setOnline(qint64 id, qint64 at, const QString& ip)
{
    auto query = m_db.prepare(
        QStringLiteral("UPDATE devices SET last_contact_at = :at, last_ip = :ip, "
                       "online_since = COALESCE(online_since, :since) WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":at"), at);
    query->bindValue(QStringLiteral(":since"), at);
    query->bindValue(QStringLiteral(":ip"), Database::text(ip));
    query->bindValue(QStringLiteral(":id"), id);
    return Database::exec(*query, QStringLiteral("recording a device online"));
}

Result<void> DeviceRepository::setOffline(qint64 id, qint64 at)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE devices SET last_contact_at = :at, operating_seconds = operating_seconds + "
        "CASE WHEN online_since IS NULL OR online_since > :now THEN 0 ELSE :end - online_since "
        "END, online_since = NULL WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":at"), at);
    query->bindValue(QStringLiteral(":now"), at);
    query->bindValue(QStringLiteral(":end"), at);
    query->bindValue(QStringLiteral(":id"), id);
    return Database::exec(*query, QStringLiteral("recording a device offline"));
}

Result<void> DeviceRepository::closeOnlinePeriods()
{
    // After a stop without goodbyes (crash, kill) the last contact is the best end we know.
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE devices SET operating_seconds = operating_seconds + "
        "CASE WHEN last_contact_at > online_since THEN last_contact_at - online_since ELSE 0 END, "
        "online_since = NULL WHERE online_since IS NOT NULL"));
    if (!query) {
        return query.error();
    }
    return Database::exec(*query, QStringLiteral("closing the online periods of devices"));
}

Result<void> DeviceRepository::setReleased(qint64 id, qint64 at)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE devices SET released_at = :at, revision = revision + 1 WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":at"), at);
    query->bindValue(QStringLiteral(":id"), id);
    return Database::exec(*query, QStringLiteral("releasing a device"));
}

Result<void> DeviceRepository::setInventory(qint64 id, const QString& hostname,
                                            const QString& inventoryJson,
                                            std::optional<qint64> bootAt)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE devices SET hostname = :host, inventory = :inventory, last_boot_at = :boot, "
        "revision = revision + 1 WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":host"), Database::text(hostname));
    query->bindValue(QStringLiteral(":boot"), Database::nullable(bootAt));
    query->bindValue(QStringLiteral(":inventory"), Database::text(inventoryJson));
    query->bindValue(QStringLiteral(":id"), id);
    return Database::exec(*query, QStringLiteral("storing a device's inventory"));
}

Result<void> DeviceRepository::setPlacement(qint64 id, const QString& name,
                                            std::optional<qint64> folderId)
{
    auto query =
        m_db.prepare(QStringLiteral("UPDATE devices SET name = :name, folder_id = :folder, "
                                    "revision = revision + 1 WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":name"), name);
    query->bindValue(QStringLiteral(":folder"), Database::nullable(folderId));
    query->bindValue(QStringLiteral(":id"), id);
    if (auto r = Database::exec(*query, QStringLiteral("renaming or moving a device")); !r) {
        return r;
    }
    if (query->numRowsAffected() == 0) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no device %1").arg(id));
    }
    return {};
}

Result<void> DeviceRepository::setBinned(qint64 id, qint64 at, const QString& by)
{
    auto query = m_db.prepare(
        QStringLiteral("UPDATE devices SET deleted_at = :at, deleted_by = :by, revision = "
                       "revision + 1 WHERE id = :id AND deleted_at IS NULL"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":at"), at);
    query->bindValue(QStringLiteral(":by"), by);
    query->bindValue(QStringLiteral(":id"), id);
    if (auto r = Database::exec(*query, QStringLiteral("moving a device to the recycle bin")); !r) {
        return r;
    }
    if (query->numRowsAffected() == 0) {
        return makeError(
            ErrorCode::Conflict,
            QStringLiteral("device %1 is not there or already in the recycle bin").arg(id));
    }
    return {};
}

Result<void> DeviceRepository::setRestored(qint64 id)
{
    auto query = m_db.prepare(
        QStringLiteral("UPDATE devices SET deleted_at = NULL, deleted_by = '', revision = "
                       "revision + 1 WHERE id = :id AND deleted_at IS NOT NULL"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), id);
    if (auto r = Database::exec(*query, QStringLiteral("restoring a device")); !r) {
        return r;
    }
    if (query->numRowsAffected() == 0) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("device %1 is not in the recycle bin").arg(id));
    }
    return {};
}

Result<void> DeviceRepository::purge(qint64 id)
{
    // Every table that references devices does so ON DELETE CASCADE (commands, attributes,
    // shadow, profiles' assignments and local values, configuration); permission entries name
    // tree nodes without a foreign key, so the device's own entries go here.
    auto entries = m_db.prepare(QStringLiteral(
        "DELETE FROM permissions WHERE node_kind = 'device' AND node_id = :id AND EXISTS "
        "(SELECT 1 FROM devices WHERE id = :device AND deleted_at IS NOT NULL)"));
    if (!entries) {
        return entries.error();
    }
    entries->bindValue(QStringLiteral(":id"), id);
    entries->bindValue(QStringLiteral(":device"), id);
    if (auto r = Database::exec(*entries, QStringLiteral("deleting a device's permissions")); !r) {
        return r;
    }
    auto query = m_db.prepare(
        QStringLiteral("DELETE FROM devices WHERE id = :id AND deleted_at IS NOT NULL"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), id);
    if (auto r = Database::exec(*query, QStringLiteral("purging a device")); !r) {
        return r;
    }
    if (query->numRowsAffected() == 0) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("device %1 is not in the recycle bin").arg(id));
    }
    return {};
}

} // namespace steward::server::db
