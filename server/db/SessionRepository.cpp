// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/SessionRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {

SessionRepository::SessionRepository(Database& db) : m_db(db) {}

Result<qint64> SessionRepository::insert(const QByteArray& tokenHash, const Session& session)
{
    auto query = m_db.prepare(
        QStringLiteral("INSERT INTO sessions (token_hash, admin_id, created_at, expires_at, peer) "
                       "VALUES (:hash, :admin, :created, :expires, :peer) RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":hash"), QString::fromLatin1(tokenHash.toHex()));
    query->bindValue(QStringLiteral(":admin"), session.adminId);
    query->bindValue(QStringLiteral(":created"), session.createdAt);
    query->bindValue(QStringLiteral(":expires"), session.expiresAt);
    query->bindValue(QStringLiteral(":peer"), Database::text(session.peer));
    if (auto r = Database::exec(*query, QStringLiteral("creating a session")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the new session"));
    }
    return query->value(0).toLongLong();
}

Result<std::optional<Session>> SessionRepository::find(const QByteArray& tokenHash) const
{
    auto query = m_db.prepare(QStringLiteral("SELECT id, admin_id, created_at, expires_at, peer "
                                             "FROM sessions WHERE token_hash = :hash"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":hash"), QString::fromLatin1(tokenHash.toHex()));
    if (auto r = Database::exec(*query, QStringLiteral("reading a session")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<Session>{};
    }
    Session session;
    session.id = query->value(0).toLongLong();
    session.adminId = query->value(1).toLongLong();
    session.createdAt = query->value(2).toLongLong();
    session.expiresAt = query->value(3).toLongLong();
    session.peer = query->value(4).toString();
    return std::optional<Session>{session};
}

Result<void> SessionRepository::extend(qint64 id, qint64 expiresAt)
{
    auto query =
        m_db.prepare(QStringLiteral("UPDATE sessions SET expires_at = :expires WHERE id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":expires"), expiresAt);
    query->bindValue(QStringLiteral(":id"), id);
    return Database::exec(*query, QStringLiteral("extending a session"));
}

Result<void> SessionRepository::remove(const QByteArray& tokenHash)
{
    auto query = m_db.prepare(QStringLiteral("DELETE FROM sessions WHERE token_hash = :hash"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":hash"), QString::fromLatin1(tokenHash.toHex()));
    return Database::exec(*query, QStringLiteral("ending a session"));
}

Result<void> SessionRepository::removeForAdmin(qint64 adminId)
{
    auto query = m_db.prepare(QStringLiteral("DELETE FROM sessions WHERE admin_id = :admin"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":admin"), adminId);
    return Database::exec(*query, QStringLiteral("ending an administrator's sessions"));
}

Result<qint64> SessionRepository::removeExpired(qint64 now)
{
    auto query = m_db.prepare(QStringLiteral("DELETE FROM sessions WHERE expires_at <= :now"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":now"), now);
    if (auto r = Database::exec(*query, QStringLiteral("removing expired sessions")); !r) {
        return r.error();
    }
    return qint64(query->numRowsAffected());
}

} // namespace steward::server::db
