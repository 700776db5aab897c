// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/AdminRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {
namespace {

const QString Columns = QStringLiteral(
    "id, name, password_hash, superuser, created_at, updated_at, revision, failed_logins, "
    "locked_until");

Admin readAdmin(const QSqlQuery& query)
{
    Admin admin;
    admin.id = query.value(0).toLongLong();
    admin.name = query.value(1).toString();
    admin.passwordHash = query.value(2).toString();
    admin.superuser = query.value(3).toInt() != 0;
    admin.createdAt = query.value(4).toLongLong();
    admin.updatedAt = query.value(5).toLongLong();
    admin.revision = query.value(6).toLongLong();
    admin.failedLogins = query.value(7).toInt();
    if (!query.value(8).isNull()) {
        admin.lockedUntil = query.value(8).toLongLong();
    }
    return admin;
}

Result<std::optional<Admin>> findOne(Database& db, const QString& where, const QString& key,
                                     const QVariant& value)
{
    auto query = db.prepare(QStringLiteral("SELECT ") + Columns
                            + QStringLiteral(" FROM admins WHERE ") + where);
    if (!query) {
        return query.error();
    }
    query->bindValue(key, value);
    if (auto r = Database::exec(*query, QStringLiteral("reading an administrator")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<Admin>{};
    }
    return std::optional<Admin>{readAdmin(*query)};
}

} // namespace

AdminRepository::AdminRepository(Database& db) : m_db(db) {}

Result<qint64> AdminRepository::insert(const QString& name, const QString& passwordHash,
                                       bool superuser, qint64 now)
{
    auto existing = findByName(name);
    if (!existing) {
        return existing.error();
    }
    if (existing->has_value()) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("an administrator named \"%1\" already exists").arg(name));
    }
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO admins (name, password_hash, superuser, created_at, updated_at) "
        "VALUES (:name, :hash, :superuser, :now, :now2) RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":name"), name);
    query->bindValue(QStringLiteral(":hash"), passwordHash);
    query->bindValue(QStringLiteral(":superuser"), int(superuser));
    query->bindValue(QStringLiteral(":now"), now);
    query->bindValue(QStringLiteral(":now2"), now);
    if (auto r = Database::exec(*query, QStringLiteral("creating an administrator")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError,
                         QStringLiteral("no id for the new administrator"));
    }
    return query->value(0).toLongLong();
}

Result<std::optional<Admin>> AdminRepository::findByName(const QString& name) const
{
    return findOne(m_db, QStringLiteral("name = :name"), QStringLiteral(":name"), name);
}

Result<std::optional<Admin>> AdminRepository::findById(qint64 id) const
{
    return findOne(m_db, QStringLiteral("id = :id"), QStringLiteral(":id"), id);
}

Result<qint64> AdminRepository::count() const
{
    auto query = m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM admins"));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("counting administrators")); !r) {
        return r.error();
    }
    query->next();
    return query->value(0).toLongLong();
}

Result<Page<Admin>> AdminRepository::list(qint64 offset, qint64 limit) const
{
    auto total = count();
    if (!total) {
        return total.error();
    }
    auto query =
        m_db.prepare(QStringLiteral("SELECT ") + Columns
                     + QStringLiteral(" FROM admins ORDER BY id LIMIT :limit OFFSET :offset"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":limit"), limit);
    query->bindValue(QStringLiteral(":offset"), offset);
    if (auto r = Database::exec(*query, QStringLiteral("listing administrators")); !r) {
        return r.error();
    }
    Page<Admin> page;
    page.total = *total;
    while (query->next()) {
        page.items.push_back(readAdmin(*query));
    }
    return page;
}

Result<void> AdminRepository::setPassword(qint64 id, const QString& passwordHash,
                                          qint64 expectedRevision, qint64 now)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE admins SET password_hash = :hash, updated_at = :now, revision = revision + 1, "
        "failed_logins = 0, locked_until = NULL WHERE id = :id AND revision = :revision"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":hash"), passwordHash);
    query->bindValue(QStringLiteral(":now"), now);
    query->bindValue(QStringLiteral(":id"), id);
    query->bindValue(QStringLiteral(":revision"), expectedRevision);
    if (auto r = Database::exec(*query, QStringLiteral("changing a password")); !r) {
        return r;
    }
    if (query->numRowsAffected() == 1) {
        return {};
    }
    auto current = findById(id);
    if (current && !current->has_value()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("administrator %1 does not exist").arg(id));
    }
    return makeError(ErrorCode::Conflict,
                     QStringLiteral("administrator %1 was changed by someone else; reload and "
                                    "try again")
                         .arg(id));
}

Result<void> AdminRepository::setLoginState(qint64 id, int failedLogins,
                                            std::optional<qint64> lockedUntil)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE admins SET failed_logins = :failed, locked_until = :until WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":failed"), failedLogins);
    query->bindValue(QStringLiteral(":until"), lockedUntil
                                                   ? QVariant(*lockedUntil)
                                                   : QVariant(QMetaType::fromType<qint64>()));
    query->bindValue(QStringLiteral(":id"), id);
    return Database::exec(*query, QStringLiteral("recording a login attempt"));
}

} // namespace steward::server::db
