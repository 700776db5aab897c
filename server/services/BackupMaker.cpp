// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/BackupMaker.h"

#include "common/core/Version.h"
#include "server/db/Database.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace steward::server::services {

namespace {

Result<std::vector<BackupFile>> collectPki(const QString& pkiDir)
{
    std::vector<BackupFile> files;
    QDirIterator it(pkiDir, QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        auto content = readSmallFile(path, 1 << 20);
        if (!content) {
            return content.error();
        }
        files.push_back({QDir(pkiDir).relativeFilePath(path), *content});
    }
    if (files.empty()) {
        return makeError(ErrorCode::FileNotFound,
                         QStringLiteral("%1 holds no PKI; start steward-server once with this "
                                        "data dir to create it")
                             .arg(pkiDir));
    }
    std::sort(files.begin(), files.end(),
              [](const BackupFile& a, const BackupFile& b) { return a.path < b.path; });
    return files;
}

} // namespace

Result<QByteArray> readSmallFile(const QString& path, qint64 limit)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::FileNotFound,
                         QStringLiteral("%1: %2").arg(path, file.errorString()));
    }
    if (file.size() > limit) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("%1 is larger than %2 bytes").arg(path).arg(limit));
    }
    return file.readAll();
}

Result<BackupContents> collectBackup(db::Database& db, const QString& dataDir,
                                     const QString& configPath, const BackupProgress& progress)
{
    auto pki = collectPki(QDir(dataDir).filePath(QStringLiteral("pki")));
    if (!pki) {
        return pki.error();
    }
    auto snapshot = db::readSnapshot(db, progress);
    if (!snapshot) {
        return snapshot.error();
    }
    BackupContents contents;
    contents.header.createdAt =
        QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    contents.header.stewardVersion = QLatin1String(ProductVersion);
    contents.header.schemaVersion = snapshot->schemaVersion;
    contents.source = db.config().describe();
    contents.database = std::move(*snapshot);
    contents.pki = std::move(*pki);
    if (!configPath.isEmpty()) {
        auto settings = readSmallFile(configPath, 1 << 20);
        if (!settings) {
            return settings.error();
        }
        contents.settings = BackupFile{QFileInfo(configPath).absoluteFilePath(), *settings};
    }
    return contents;
}

} // namespace steward::server::services
