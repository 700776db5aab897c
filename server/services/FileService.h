// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FileService - the server's file store (desktop.wallpaper): names, size limit, use by profiles,
// the audit log.
#pragma once

#include "server/db/FileRepository.h"
#include "server/services/Clock.h"
#include "server/services/Requester.h"

#include <QJsonObject>

namespace steward::server::services {

class AuditLog;

class FileService {
public:
    /** \a maxBytes: the largest file (the HTTP request limit, http/maxRequestBytes). */
    FileService(db::FileRepository& files, AuditLog& audit, Clock clock, qint64 maxBytes);

    /**
     * InvalidValue for a name desktop.wallpaper cannot hold, FrameTooLarge over the limit,
     * AlreadyExists for a taken name unless \a replace.
     */
    [[nodiscard]] Result<db::StoredFile> upload(const QString& name, const QByteArray& content,
                                                bool replace, const Requester& requester);
    /** Conflict while profiles name the file ("used by 2 profiles"), unless \a force. */
    [[nodiscard]] Result<void> remove(const QString& name, bool force, const Requester& requester);
    [[nodiscard]] Result<std::vector<db::StoredFile>> list() const { return m_files.list(); }
    /** NotFound names the file. */
    [[nodiscard]] Result<db::StoredFile> find(const QString& name) const;
    [[nodiscard]] Result<QByteArray> content(const QString& name) const;
    /** {"name","sha256","size","created","createdBy","profiles"} */
    [[nodiscard]] QJsonObject fileJson(const db::StoredFile& file) const;
    [[nodiscard]] qint64 maxBytes() const { return m_maxBytes; }

private:
    db::FileRepository& m_files;
    AuditLog& m_audit;
    Clock m_clock;
    qint64 m_maxBytes;
};

} // namespace steward::server::services
