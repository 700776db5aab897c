// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/BackupService.h"

#include "common/crypto/SecureFile.h"
#include "server/db/Database.h"
#include "server/services/AuditLog.h"
#include "server/services/BackupArchive.h"
#include "server/services/BackupMaker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace steward::server::services {

namespace {

const QString Suffix = QStringLiteral(".stwbak");

bool validName(const QString& name)
{
    static const QRegularExpression pattern(
        QStringLiteral("^steward-[0-9]{8}-[0-9]{6}(-[0-9]{1,3})?\\.stwbak$"));
    return pattern.match(name).hasMatch();
}

// Reading the tables is most of the work; encrypting and writing the rest.
constexpr int ReadShare = 80;

} // namespace

struct BackupService::Job {
    mutable std::mutex mutex;
    BackupInfo info;
    Requester requester;
    std::atomic<bool> cancel{false};

    BackupInfo snapshot() const
    {
        std::lock_guard lock(mutex);
        return info;
    }
};

BackupService::BackupService(db::DatabaseConfig database, QString dataDir, QString configPath,
                             AuditLog& audit, int passphraseIterations, QObject* parent)
    : QObject(parent), m_database(std::move(database)), m_dataDir(std::move(dataDir)),
      m_configPath(std::move(configPath)), m_audit(audit), m_iterations(passphraseIterations)
{}

BackupService::~BackupService()
{
    if (m_job) {
        m_job->cancel = true;
    }
    joinWorker();
}

QString BackupService::directory() const
{
    return QDir(m_dataDir).filePath(QStringLiteral("backups"));
}

void BackupService::joinWorker()
{
    if (m_worker.joinable()) {
        m_worker.join();
    }
}

Result<BackupInfo> BackupService::start(const QString& passphrase, const Requester& requester)
{
    const auto refuse = [&](const Error& error) -> Result<BackupInfo> {
        m_audit.recordResult(requester.name, QStringLiteral("backup.create"), QString(),
                             requester.peer, Result<void>(error), QString());
        return error;
    };
    if (passphrase.size() < MinPassphraseLength) {
        return refuse(makeError(ErrorCode::InvalidValue,
                                QStringLiteral("the backup passphrase must have at least %1 "
                                               "characters: the backup holds the server's keys")
                                    .arg(MinPassphraseLength)));
    }
    std::lock_guard lock(m_mutex);
    if (m_job && m_job->snapshot().state == QStringLiteral("running")) {
        return refuse(makeError(ErrorCode::Conflict,
                                QStringLiteral("backup %1 is still running; wait for it or "
                                               "cancel it")
                                    .arg(m_job->snapshot().name)));
    }
    if (!QDir().mkpath(directory())) {
        return refuse(
            makeError(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(directory())));
    }
    QFile::setPermissions(directory(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    joinWorker(); // the last one has finished
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QString name =
        QStringLiteral("steward-%1").arg(now.toString(QStringLiteral("yyyyMMdd-HHmmss")));
    for (int n = 2; QFile::exists(QDir(directory()).filePath(name + Suffix)) && n < 1000; ++n) {
        name = QStringLiteral("steward-%1-%2")
                   .arg(now.toString(QStringLiteral("yyyyMMdd-HHmmss")))
                   .arg(n);
    }
    auto job = std::make_shared<Job>();
    job->info = {name + Suffix, QStringLiteral("running"), 0, 0, now, requester.name, {}};
    job->requester = requester;
    m_job = job;
    m_worker = std::thread([this, job, passphrase] { run(job, passphrase); });
    return job->snapshot();
}

void BackupService::run(std::shared_ptr<Job> job, QString passphrase)
{
    const auto update = [&](const auto& change) {
        {
            std::lock_guard lock(job->mutex);
            change(job->info);
        }
        const BackupInfo info = job->snapshot();
        QMetaObject::invokeMethod(this, [this, info] { Q_EMIT changed(info); });
    };
    const auto fail = [&](const Error& error) {
        update([&](BackupInfo& info) {
            info.state = job->cancel ? QStringLiteral("cancelled") : QStringLiteral("failed");
            info.error = job->cancel ? QString() : error.message;
        });
    };
    {
        db::Database database(m_database);
        if (auto opened = database.open(); !opened) {
            fail(opened.error());
            QMetaObject::invokeMethod(this, [this, job] { finish(job); });
            return;
        }
        auto contents = collectBackup(database, m_dataDir, m_configPath, [&](int done, int total) {
            update(
                [&](BackupInfo& info) { info.percent = total > 0 ? done * ReadShare / total : 0; });
            return !job->cancel.load();
        });
        if (contents && !job->cancel) {
            contents->header.encrypted = true;
            auto encoded = encodeBackup(*contents, passphrase, m_iterations);
            const QString file = QDir(directory()).filePath(job->snapshot().name);
            if (!encoded) {
                fail(encoded.error());
            } else if (job->cancel) {
                fail(makeError(ErrorCode::Conflict, QStringLiteral("cancelled")));
            } else if (auto written = crypto::writePrivateFile(file, *encoded); !written) {
                fail(written.error());
            } else {
                // Done, unless a cancel came first: remove() decides under the same lock.
                bool done = false;
                update([&](BackupInfo& info) {
                    if (!job->cancel) {
                        info.state = QStringLiteral("done");
                        info.percent = 100;
                        info.size = encoded->size();
                        done = true;
                    }
                });
                if (!done) {
                    QFile::remove(file);
                    fail(makeError(ErrorCode::Conflict, QStringLiteral("cancelled")));
                }
            }
        } else {
            fail(contents ? makeError(ErrorCode::Conflict, QStringLiteral("cancelled"))
                          : contents.error());
        }
    }
    QMetaObject::invokeMethod(this, [this, job] { finish(job); });
}

void BackupService::finish(const std::shared_ptr<Job>& job)
{
    const BackupInfo info = job->snapshot();
    const QString details = info.state == QStringLiteral("done")
                                ? QStringLiteral("size=%1").arg(info.size)
                                : QStringLiteral("state=%1").arg(info.state);
    Result<void> outcome;
    if (info.state == QStringLiteral("failed")) {
        outcome = makeError(ErrorCode::Internal, info.error);
    } else if (info.state == QStringLiteral("cancelled")) {
        outcome = makeError(ErrorCode::Conflict, QStringLiteral("cancelled"));
    }
    m_audit.recordResult(job->requester.name, QStringLiteral("backup.create"), info.name,
                         job->requester.peer, outcome, details);
}

std::vector<BackupInfo> BackupService::list() const
{
    std::vector<BackupInfo> items;
    QString current;
    {
        std::lock_guard lock(m_mutex);
        if (m_job) {
            items.push_back(m_job->snapshot());
            current = items.back().name;
        }
    }
    const QDir dir(directory());
    const auto files = dir.entryInfoList({QStringLiteral("*") + Suffix}, QDir::Files, QDir::Name);
    std::vector<BackupInfo> stored;
    for (const QFileInfo& file : files) {
        if (!validName(file.fileName()) || file.fileName() == current) {
            continue;
        }
        stored.push_back({file.fileName(), QStringLiteral("done"), 100, file.size(),
                          file.lastModified().toUTC(), QString(), QString()});
    }
    std::reverse(stored.begin(), stored.end()); // names sort by time: newest first
    items.insert(items.end(), stored.begin(), stored.end());
    return items;
}

Result<QString> BackupService::fileOf(const QString& name) const
{
    if (!validName(name)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("\"%1\" is not a backup name (steward-DATE-TIME.stwbak)")
                             .arg(name.left(80)));
    }
    const QString file = QDir(directory()).filePath(name);
    if (!QFile::exists(file)) {
        return makeError(ErrorCode::NotFound, QStringLiteral("there is no backup %1").arg(name));
    }
    return file;
}

Result<QByteArray> BackupService::read(const QString& name, const Requester& requester)
{
    auto file = fileOf(name);
    Result<QByteArray> content =
        file ? readSmallFile(*file, MaxBackupBytes) : Result<QByteArray>(file.error());
    m_audit.recordResult(requester.name, QStringLiteral("backup.download"), name.left(80),
                         requester.peer, content, QString());
    return content;
}

Result<void> BackupService::remove(const QString& name, const Requester& requester)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_job) {
            std::lock_guard jobLock(m_job->mutex);
            if (m_job->info.name == name && m_job->info.state == QStringLiteral("running")) {
                m_job->cancel = true;
                return {}; // the worker reports "cancelled" and audits it
            }
        }
    }
    Result<void> outcome;
    if (auto file = fileOf(name); !file) {
        outcome = file.error();
    } else if (!QFile::remove(*file)) {
        outcome = makeError(ErrorCode::IoError, QStringLiteral("cannot delete %1").arg(*file));
    }
    if (outcome) {
        std::lock_guard lock(m_mutex);
        if (m_job && m_job->snapshot().name == name) {
            m_job.reset(); // it no longer exists
        }
    }
    m_audit.recordResult(requester.name, QStringLiteral("backup.delete"), name.left(80),
                         requester.peer, outcome, QString());
    return outcome;
}

} // namespace steward::server::services
