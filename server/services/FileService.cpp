// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/FileService.h"

#include "common/settings/ParameterRegistry.h"
#include "server/http/RouteSupport.h"
#include "server/services/AuditLog.h"

#include <QCryptographicHash>

namespace steward::server::services {
namespace {

const QString Action = QStringLiteral("file.upload");

QString fileObject(const QString& name)
{
    return QStringLiteral("file:") + name;
}

Result<void> checkName(const QString& name)
{
    // The same rule as desktop.wallpaper, the parameter that names the file.
    if (name.isEmpty()
        || !settings::ParameterRegistry::standard().check(QStringLiteral("desktop.wallpaper"),
                                                          name)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the file name \"%1\" is not allowed: 1 to 128 letters, "
                                        "digits, '.', '_' or '-', starting with a letter or digit")
                             .arg(name.left(140)));
    }
    return {};
}

} // namespace

FileService::FileService(db::FileRepository& files, AuditLog& audit, Clock clock, qint64 maxBytes)
    : m_files(files), m_audit(audit), m_clock(std::move(clock)), m_maxBytes(maxBytes)
{}

Result<db::StoredFile> FileService::upload(const QString& name, const QByteArray& content,
                                           bool replace, const Requester& requester)
{
    const auto stored = [&]() -> Result<db::StoredFile> {
        if (auto named = checkName(name); !named) {
            return named.error();
        }
        if (content.size() > m_maxBytes) {
            return makeError(ErrorCode::FrameTooLarge,
                             QStringLiteral("the file has %1 bytes; the limit is %2 "
                                            "(http/maxRequestBytes)")
                                 .arg(content.size())
                                 .arg(m_maxBytes));
        }
        auto existing = m_files.find(name);
        if (!existing) {
            return existing.error();
        }
        if (existing->has_value() && !replace) {
            return makeError(
                ErrorCode::AlreadyExists,
                QStringLiteral("a file named \"%1\" exists; ?replace=true replaces it").arg(name));
        }
        db::StoredFile file;
        file.name = name;
        file.sha256 = QString::fromLatin1(
            QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
        file.size = content.size();
        file.createdAt = m_clock();
        file.createdBy = requester.name;
        auto id = m_files.put(file, content);
        if (!id) {
            return id.error();
        }
        file.id = *id;
        return file;
    }();
    m_audit.recordResult(requester.name, Action, fileObject(name.left(140)), requester.peer, stored,
                         stored ? QStringLiteral("sha256=%1 size=%2 replace=%3")
                                      .arg(stored->sha256)
                                      .arg(stored->size)
                                      .arg(replace)
                                : QString());
    return stored;
}

Result<void> FileService::remove(const QString& name, bool force, const Requester& requester)
{
    qint64 users = 0;
    const auto removed = [&]() -> Result<void> {
        auto count = m_files.profilesUsing(name);
        if (!count) {
            return count.error();
        }
        users = *count;
        if (users > 0 && !force) {
            return makeError(ErrorCode::Conflict,
                             QStringLiteral("the file \"%1\" is the wallpaper of %2 profile(s); "
                                            "?force=true deletes it anyway")
                                 .arg(name)
                                 .arg(users));
        }
        return m_files.remove(name);
    }();
    m_audit.recordResult(requester.name, QStringLiteral("file.delete"), fileObject(name.left(140)),
                         requester.peer, removed,
                         QStringLiteral("profiles=%1 force=%2").arg(users).arg(force));
    return removed;
}

Result<db::StoredFile> FileService::find(const QString& name) const
{
    auto file = m_files.find(name);
    if (!file) {
        return file.error();
    }
    if (!file->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no file \"%1\"").arg(name.left(140)));
    }
    return **file;
}

Result<QByteArray> FileService::content(const QString& name) const
{
    auto content = m_files.content(name);
    if (!content) {
        return content.error();
    }
    if (!content->has_value()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("the server has no file \"%1\"").arg(name.left(140)));
    }
    return **content;
}

QJsonObject FileService::fileJson(const db::StoredFile& file) const
{
    auto users = m_files.profilesUsing(file.name);
    return {{QStringLiteral("name"), file.name},
            {QStringLiteral("sha256"), file.sha256},
            {QStringLiteral("size"), file.size},
            {QStringLiteral("created"), http::isoTime(file.createdAt)},
            {QStringLiteral("createdBy"), file.createdBy},
            {QStringLiteral("profiles"), users ? *users : 0}};
}

} // namespace steward::server::services
