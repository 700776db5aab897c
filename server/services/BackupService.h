// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// BackupService - encrypted backups made by the running server, for the console and REST.
#pragma once

#include "common/core/Result.h"
#include "server/db/DatabaseConfig.h"
#include "server/services/Requester.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace steward::server::services {

class AuditLog;

struct BackupInfo {
    QString name;  // "steward-20261204-090512.stwbak"
    QString state; // running | done | failed | cancelled
    int percent = 0;
    qint64 size = 0;
    QDateTime created; // UTC
    QString createdBy;
    QString error; // for failed
};

/**
 * Makes the backup steward-admin makes (BackupMaker: the database in one read transaction, the
 * PKI, the settings file), always encrypted, on a thread of its own with its own database
 * connection, so the server keeps serving. Files live in <data-dir>/backups, mode 0600,
 * written under a temporary name and renamed when complete: a file in the list is always a
 * whole backup. One backup runs at a time; cancel stops it between tables or before writing,
 * and leaves no file behind.
 */
class BackupService : public QObject {
    Q_OBJECT

public:
    static constexpr int MinPassphraseLength = 12;

    BackupService(db::DatabaseConfig database, QString dataDir, QString configPath, AuditLog& audit,
                  int passphraseIterations, QObject* parent = nullptr);
    ~BackupService() override;

    /** Starts a backup; refused while one runs, or for a passphrase under 12 characters. */
    [[nodiscard]] Result<BackupInfo> start(const QString& passphrase, const Requester& requester);
    /** The running or last-finished backup first, then every file, newest first. */
    [[nodiscard]] std::vector<BackupInfo> list() const;
    /** The whole file of a finished backup; \a name must be one list() shows. */
    [[nodiscard]] Result<QByteArray> read(const QString& name, const Requester& requester);
    /** Cancels the running backup of that name, or deletes the file. */
    [[nodiscard]] Result<void> remove(const QString& name, const Requester& requester);
    [[nodiscard]] QString directory() const;

Q_SIGNALS:
    /** The running backup moved on, finished, failed or was cancelled (on the service's thread). */
    void changed(const steward::server::services::BackupInfo& info);

private:
    struct Job;
    void run(std::shared_ptr<Job> job, QString passphrase);
    void finish(const std::shared_ptr<Job>& job);
    [[nodiscard]] Result<QString> fileOf(const QString& name) const;
    void joinWorker();

    db::DatabaseConfig m_database;
    QString m_dataDir;
    QString m_configPath;
    AuditLog& m_audit;
    int m_iterations;
    mutable std::mutex m_mutex;
    std::shared_ptr<Job> m_job; // the running or last backup
    std::thread m_worker;
};

} // namespace steward::server::services
