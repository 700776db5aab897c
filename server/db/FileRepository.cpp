// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/FileRepository.h"

#include "server/db/Database.h"
#include "server/db/Transaction.h"

#include <QSqlQuery>

namespace steward::server::db {
namespace {

const QString Columns = QStringLiteral("id, name, sha256, size, created_at, created_by");

StoredFile readFile(const QSqlQuery& query)
{
    StoredFile file;
    file.id = query.value(0).toLongLong();
    file.name = query.value(1).toString();
    file.sha256 = query.value(2).toString();
    file.size = query.value(3).toLongLong();
    file.createdAt = query.value(4).toLongLong();
    file.createdBy = query.value(5).toString();
    return file;
}

} // namespace

FileRepository::FileRepository(Database& db) : m_db(db) {}

Result<std::vector<StoredFile>> FileRepository::list() const
{
    auto query = m_db.prepare(QStringLiteral("SELECT ") + Columns
                              + QStringLiteral(" FROM files ORDER BY name"));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("listing files")); !r) {
        return r.error();
    }
    std::vector<StoredFile> files;
    while (query->next()) {
        files.push_back(readFile(*query));
    }
    return files;
}

Result<std::optional<StoredFile>> FileRepository::find(const QString& name) const
{
    auto query = m_db.prepare(QStringLiteral("SELECT ") + Columns
                              + QStringLiteral(" FROM files WHERE name = :name"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":name"), name);
    if (auto r = Database::exec(*query, QStringLiteral("reading a file")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<StoredFile>{};
    }
    return std::optional<StoredFile>{readFile(*query)};
}

Result<std::optional<QByteArray>> FileRepository::content(const QString& name) const
{
    auto query = m_db.prepare(QStringLiteral("SELECT content FROM files WHERE name = :name"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":name"), name);
    if (auto r = Database::exec(*query, QStringLiteral("reading a file's content")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<QByteArray>{};
    }
    return std::optional<QByteArray>{query->value(0).toByteArray()};
}

Result<qint64> FileRepository::put(const StoredFile& file, const QByteArray& content)
{
    Transaction transaction(m_db);
    if (!transaction.started()) {
        return transaction.started().error();
    }
    auto removed = m_db.prepare(QStringLiteral("DELETE FROM files WHERE name = :name"));
    if (!removed) {
        return removed.error();
    }
    removed->bindValue(QStringLiteral(":name"), file.name);
    if (auto r = Database::exec(*removed, QStringLiteral("replacing a file")); !r) {
        return r.error();
    }
    auto query = m_db.prepare(
        QStringLiteral("INSERT INTO files (name, sha256, size, content, created_at, created_by) "
                       "VALUES (:name, :sha256, :size, :content, :created, :by) RETURNING id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":name"), file.name);
    query->bindValue(QStringLiteral(":sha256"), file.sha256);
    query->bindValue(QStringLiteral(":size"), file.size);
    query->bindValue(QStringLiteral(":content"), content);
    query->bindValue(QStringLiteral(":created"), file.createdAt);
    query->bindValue(QStringLiteral(":by"), Database::text(file.createdBy));
    if (auto r = Database::exec(*query, QStringLiteral("storing a file")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the new file"));
    }
    const qint64 id = query->value(0).toLongLong();
    query->finish();
    if (auto committed = transaction.commit(); !committed) {
        return committed.error();
    }
    return id;
}

Result<void> FileRepository::remove(const QString& name)
{
    auto query = m_db.prepare(QStringLiteral("DELETE FROM files WHERE name = :name"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":name"), name);
    if (auto r = Database::exec(*query, QStringLiteral("deleting a file")); !r) {
        return r;
    }
    if (query->numRowsAffected() == 0) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no file \"%1\"").arg(name));
    }
    return {};
}

Result<qint64> FileRepository::profilesUsing(const QString& name) const
{
    // Values are stored as their JSON text: the name in double quotes (it needs no escaping).
    auto query =
        m_db.prepare(QStringLiteral("SELECT COUNT(DISTINCT profile_id) FROM profile_values "
                                    "WHERE parameter = 'desktop.wallpaper' AND value = :value"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":value"), QString(QLatin1Char('"') + name + QLatin1Char('"')));
    if (auto r = Database::exec(*query, QStringLiteral("counting a file's profiles")); !r) {
        return r.error();
    }
    return query->next() ? query->value(0).toLongLong() : 0;
}

} // namespace steward::server::db
