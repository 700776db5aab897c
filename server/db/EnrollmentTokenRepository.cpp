// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/EnrollmentTokenRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {
namespace {

const QString Columns =
    QStringLiteral("id, created_at, expires_at, used_at, folder, created_by, folder_id");

EnrollmentToken readToken(const QSqlQuery& query)
{
    EnrollmentToken token;
    token.id = query.value(0).toLongLong();
    token.createdAt = query.value(1).toLongLong();
    token.expiresAt = query.value(2).toLongLong();
    if (!query.value(3).isNull()) {
        token.usedAt = query.value(3).toLongLong();
    }
    token.folder = query.value(4).toString();
    token.createdBy = query.value(5).toString();
    if (!query.value(6).isNull()) {
        token.folderId = query.value(6).toLongLong();
    }
    return token;
}

} // namespace

EnrollmentTokenRepository::EnrollmentTokenRepository(Database& db) : m_db(db) {}

Result<qint64> EnrollmentTokenRepository::insert(const QByteArray& tokenHash,
                                                 const EnrollmentToken& token)
{
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO enrollment_tokens (token_hash, created_at, expires_at, "
        "folder, created_by, folder_id) VALUES (:hash, :created, :expires, :folder, :by, "
        ":folder_id) "
        "RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":hash"), QString::fromLatin1(tokenHash.toHex()));
    query->bindValue(QStringLiteral(":created"), token.createdAt);
    query->bindValue(QStringLiteral(":expires"), token.expiresAt);
    query->bindValue(QStringLiteral(":folder"), Database::text(token.folder));
    query->bindValue(QStringLiteral(":by"), Database::text(token.createdBy));
    query->bindValue(QStringLiteral(":folder_id"), Database::nullable(token.folderId));
    if (auto r = Database::exec(*query, QStringLiteral("creating an enrolment token")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError,
                         QStringLiteral("no id for the new enrolment token"));
    }
    return query->value(0).toLongLong();
}

Result<std::optional<EnrollmentToken>>
EnrollmentTokenRepository::findByHash(const QByteArray& tokenHash) const
{
    auto query = m_db.prepare(QStringLiteral("SELECT ") + Columns
                              + QStringLiteral(" FROM enrollment_tokens WHERE token_hash = :hash"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":hash"), QString::fromLatin1(tokenHash.toHex()));
    if (auto r = Database::exec(*query, QStringLiteral("reading an enrolment token")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<EnrollmentToken>{};
    }
    return std::optional<EnrollmentToken>{readToken(*query)};
}

Result<Page<EnrollmentToken>> EnrollmentTokenRepository::list(qint64 offset, qint64 limit) const
{
    auto count = m_db.prepare(QStringLiteral("SELECT COUNT(*) FROM enrollment_tokens"));
    if (!count) {
        return count.error();
    }
    if (auto r = Database::exec(*count, QStringLiteral("counting enrolment tokens")); !r) {
        return r.error();
    }
    count->next();
    auto query = m_db.prepare(
        QStringLiteral("SELECT ") + Columns
        + QStringLiteral(" FROM enrollment_tokens ORDER BY id DESC LIMIT :limit OFFSET :offset"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":limit"), limit);
    query->bindValue(QStringLiteral(":offset"), offset);
    if (auto r = Database::exec(*query, QStringLiteral("listing enrolment tokens")); !r) {
        return r.error();
    }
    Page<EnrollmentToken> page;
    page.total = count->value(0).toLongLong();
    while (query->next()) {
        page.items.push_back(readToken(*query));
    }
    return page;
}

Result<void> EnrollmentTokenRepository::markUsed(qint64 id, qint64 now)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE enrollment_tokens SET used_at = :now WHERE id = :id AND used_at IS NULL"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":now"), now);
    query->bindValue(QStringLiteral(":id"), id);
    if (auto r = Database::exec(*query, QStringLiteral("spending an enrolment token")); !r) {
        return r;
    }
    if (query->numRowsAffected() != 1) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("enrolment token %1 was used meanwhile").arg(id));
    }
    return {};
}

} // namespace steward::server::db
