// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FileRepository - the files table: the server's file store (wallpapers), contents in the DB.
#pragma once

#include "common/core/Result.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace steward::server::db {

class Database;

struct StoredFile {
    qint64 id = 0;
    QString name;
    QString sha256; // lowercase hex
    qint64 size = 0;
    qint64 createdAt = 0;
    QString createdBy;
};

/** Storage only; FileService checks names and sizes before they come. */
class FileRepository {
public:
    explicit FileRepository(Database& db);

    /** Ordered by name; without contents. */
    [[nodiscard]] Result<std::vector<StoredFile>> list() const;
    [[nodiscard]] Result<std::optional<StoredFile>> find(const QString& name) const;
    [[nodiscard]] Result<std::optional<QByteArray>> content(const QString& name) const;
    /** Inserts, or replaces the row of the same name; the row's id. */
    [[nodiscard]] Result<qint64> put(const StoredFile& file, const QByteArray& content);
    /** NotFound when there is no such file. */
    [[nodiscard]] Result<void> remove(const QString& name);
    /** The profiles whose desktop.wallpaper names \a name. */
    [[nodiscard]] Result<qint64> profilesUsing(const QString& name) const;

private:
    Database& m_db;
};

} // namespace steward::server::db
