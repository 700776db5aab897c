// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/admin/BackupCommands.h"

#include "common/core/Version.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"
#include "common/crypto/Random.h"
#include "common/crypto/SecureFile.h"
#include "server/admin/DataSource.h"
#include "server/admin/SchemaSteps.h"
#include "server/services/BackupArchive.h"
#include "server/services/BackupMaker.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace steward::server::admin {

using services::BackupContents;
using services::BackupFile;
using services::decodeBackup;
using services::encodeBackup;
using services::MaxBackupBytes;
using services::readSmallFile;

namespace {

const QString PassphraseVariable = QStringLiteral("STEWARD_BACKUP_PASSPHRASE");
const QString RestoredSettingsName = QStringLiteral("server.conf.from-backup");
// The server's identity: without any of these pairs the restored server would not be the same.
const QStringList RequiredPairs{QStringLiteral("root-ca"), QStringLiteral("device-ca"),
                                QStringLiteral("tckey"), QStringLiteral("web")};

Result<void> validatePki(const std::vector<BackupFile>& files)
{
    const auto find = [&](const QString& path) -> const BackupFile* {
        const auto it = std::find_if(files.begin(), files.end(),
                                     [&](const BackupFile& f) { return f.path == path; });
        return it == files.end() ? nullptr : &*it;
    };
    for (const auto& name : RequiredPairs) {
        const auto* crt = find(name + QStringLiteral(".crt"));
        const auto* key = find(name + QStringLiteral(".key"));
        if (!crt || !key) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("the backup lacks pki/%1.crt or pki/%1.key").arg(name));
        }
        auto certificate = crypto::Certificate::fromPem(crt->content);
        auto privateKey = crypto::PrivateKey::fromPem(key->content);
        if (!certificate || !privateKey || !certificate->matches(*privateKey)) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("pki/%1.crt and pki/%1.key in the backup are not a "
                                            "valid certificate with its key")
                                 .arg(name));
        }
    }
    return {};
}

QString randomSuffix()
{
    auto bytes = crypto::randomBytes(6);
    return bytes ? QString::fromLatin1(bytes->toHex())
                 : QString::number(QDateTime::currentMSecsSinceEpoch());
}

// Everything restore() creates before the final moves; removed again unless committed.
class Staging {
public:
    ~Staging()
    {
        if (m_committed) {
            return;
        }
        if (!m_dir.isEmpty()) {
            QDir(m_dir).removeRecursively();
        }
        for (const auto& file : m_files) {
            QFile::remove(file);
        }
        if (!m_createdDataDir.isEmpty()) {
            QDir().rmdir(m_createdDataDir); // only if still empty
        }
    }
    void setDirectory(const QString& dir) { m_dir = dir; }
    void addFile(const QString& file) { m_files.append(file); }
    void setCreatedDataDir(const QString& dir) { m_createdDataDir = dir; }
    void commit() { m_committed = true; }

private:
    QString m_dir;
    QStringList m_files;
    QString m_createdDataDir;
    bool m_committed = false;
};

bool holdsSqliteData(const QString& file)
{
    return QFileInfo(file).size() > 0;
}

Result<void> checkTarget(AdminContext& context, const db::DatabaseConfig& config, bool force)
{
    const QString pki = QDir(context.settings.dataDir).filePath(QStringLiteral("pki"));
    if (!force && QFileInfo::exists(pki)) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("%1 already exists; restore into a fresh data dir, or "
                                        "use --force to move the current one aside")
                             .arg(pki));
    }
    if (config.kind == db::DatabaseKind::Sqlite) {
        if (!force && holdsSqliteData(config.sqliteFile)) {
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("the database %1 already exists; use --force to move "
                                            "it aside")
                                 .arg(config.sqliteFile));
        }
        return {};
    }
    auto database = openDatabase(config, false);
    if (!database) {
        return database.error();
    }
    auto occupied = db::firstNonEmptyTable(**database);
    if (!occupied) {
        return occupied.error();
    }
    if (!force && !occupied->isEmpty()) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("the database %1 is not empty (table %2 has rows); use "
                                        "--force to replace its rows")
                             .arg(config.describe(), *occupied));
    }
    return {};
}

Result<void> writeStagedPki(const QString& stagingDir, const BackupContents& contents)
{
    for (const auto& file : contents.pki) {
        const QString path = QDir(stagingDir).filePath(QStringLiteral("pki/") + file.path);
        const QString folder = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(folder)) {
            return makeError(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(folder));
        }
        // Like steward-server's own pki folder: private to the server's user.
        QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        if (auto written = crypto::writePrivateFile(path, file.content); !written) {
            return written;
        }
    }
    if (contents.settings) {
        return crypto::writePrivateFile(QDir(stagingDir).filePath(RestoredSettingsName),
                                        contents.settings->content);
    }
    return {};
}

Result<void> moveIntoPlace(const QString& from, const QString& to, bool force, const QString& stamp)
{
    if (QFileInfo::exists(to)) {
        if (!force) {
            return makeError(ErrorCode::AlreadyExists, QStringLiteral("%1 already exists").arg(to));
        }
        if (!QFile::rename(to, to + QStringLiteral(".replaced-") + stamp)) {
            return makeError(ErrorCode::IoError, QStringLiteral("cannot move %1 aside").arg(to));
        }
    }
    if (!QFile::rename(from, to)) {
        return makeError(ErrorCode::IoError, QStringLiteral("cannot move %1 to %2").arg(from, to));
    }
    return {};
}

Result<void> installStaged(const QString& stagingDir, const QString& dataDir,
                           const db::DatabaseConfig& config, const QString& stagedSqlite,
                           bool force)
{
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    if (!stagedSqlite.isEmpty()) {
        for (const auto* suffix : {"-wal", "-shm"}) {
            const QString stale = config.sqliteFile + QLatin1String(suffix);
            if (QFileInfo::exists(stale)
                && !QFile::rename(stale, stale + QStringLiteral(".replaced-") + stamp)) {
                return makeError(ErrorCode::IoError,
                                 QStringLiteral("cannot move %1 aside").arg(stale));
            }
        }
        if (auto moved = moveIntoPlace(stagedSqlite, config.sqliteFile, force, stamp); !moved) {
            return moved;
        }
    }
    const QString settings = QDir(stagingDir).filePath(RestoredSettingsName);
    if (QFileInfo::exists(settings)) {
        if (auto moved =
                moveIntoPlace(settings, QDir(dataDir).filePath(RestoredSettingsName), true, stamp);
            !moved) {
            return moved;
        }
    }
    return moveIntoPlace(QDir(stagingDir).filePath(QStringLiteral("pki")),
                         QDir(dataDir).filePath(QStringLiteral("pki")), force, stamp);
}

Result<QString> loadStagedSqlite(const db::DatabaseConfig& config, const BackupContents& contents,
                                 Staging& staging)
{
    db::DatabaseConfig stagedConfig = config;
    stagedConfig.sqliteFile = QFileInfo(config.sqliteFile).absolutePath()
                              + QStringLiteral("/.steward-restore-") + randomSuffix()
                              + QStringLiteral(".sqlite");
    staging.addFile(stagedConfig.sqliteFile);
    staging.addFile(stagedConfig.sqliteFile + QStringLiteral("-wal"));
    staging.addFile(stagedConfig.sqliteFile + QStringLiteral("-shm"));
    auto database = openDatabase(stagedConfig, false);
    if (!database) {
        return database.error();
    }
    if (auto loaded = loadSnapshot(**database, contents.database, false); !loaded) {
        return loaded.error();
    }
    (*database)->close(); // checkpoints the WAL into the file before it moves
    return stagedConfig.sqliteFile;
}

// Reads, decrypts and checks the whole backup; nothing is written.
Result<BackupContents> readValidBackup(AdminContext& context, const QString& file)
{
    auto bytes = readSmallFile(file, MaxBackupBytes);
    if (!bytes) {
        return bytes.error();
    }
    auto contents = decodeBackup(*bytes, [&] {
        return context.secrets.read(PassphraseVariable, QStringLiteral("the backup passphrase"));
    });
    if (!contents) {
        return makeError(contents.error().code,
                         file + QStringLiteral(": ") + contents.error().message);
    }
    auto valid = validateSnapshot(contents->database);
    if (valid) {
        valid = validatePki(contents->pki);
    }
    if (!valid) {
        return makeError(valid.error().code, file + QStringLiteral(": ") + valid.error().message);
    }
    return contents;
}

// Builds everything in staging, loads the database and moves the files into place.
Result<void> writeRestore(const QString& dataDir, const BackupContents& contents,
                          const db::DatabaseConfig& config, bool force)
{
    Staging staging;
    if (!QFileInfo::exists(dataDir)) {
        if (!QDir().mkpath(dataDir)) {
            return makeError(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(dataDir));
        }
        QFile::setPermissions(dataDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        staging.setCreatedDataDir(dataDir);
    }
    const QString stagingDir = QDir(dataDir).filePath(QStringLiteral(".restore-") + randomSuffix());
    staging.setDirectory(stagingDir);
    if (!QDir().mkpath(stagingDir)) {
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(stagingDir));
    }
    QFile::setPermissions(stagingDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (auto written = writeStagedPki(stagingDir, contents); !written) {
        return written;
    }
    QString stagedSqlite;
    if (config.kind == db::DatabaseKind::Sqlite) {
        auto staged = loadStagedSqlite(config, contents, staging);
        if (!staged) {
            return staged.error();
        }
        stagedSqlite = *staged;
    } else {
        // One transaction: a failure leaves the PostgreSQL database as it was.
        auto database = openDatabase(config, false);
        if (!database) {
            return database.error();
        }
        if (auto loaded = loadSnapshot(**database, contents.database, force); !loaded) {
            return loaded;
        }
    }
    if (auto installed = installStaged(stagingDir, dataDir, config, stagedSqlite, force);
        !installed) {
        return installed;
    }
    QDir(stagingDir).removeRecursively();
    staging.commit();
    return {};
}

} // namespace

Result<void> backup(AdminContext& context, const QString& file, bool encrypt)
{
    auto database = openActiveDatabase(context, false);
    if (!database) {
        return database.error();
    }
    auto collected =
        services::collectBackup(**database, context.settings.dataDir, context.configPath);
    if (!collected) {
        return collected.error();
    }
    BackupContents contents = std::move(*collected);
    contents.header.encrypted = encrypt;
    std::optional<QString> passphrase;
    if (encrypt) {
        auto secret = context.secrets.read(PassphraseVariable, QStringLiteral("the passphrase"));
        if (!secret) {
            return secret.error();
        }
        passphrase = *secret;
    }
    auto encoded = encodeBackup(contents, passphrase, context.options.passphraseIterations);
    if (!encoded) {
        return encoded.error();
    }
    if (auto written = crypto::writePrivateFile(file, *encoded); !written) {
        return written;
    }
    if (!encrypt) {
        context.err << QStringLiteral("steward-admin: warning: %1 is not encrypted and holds the "
                                      "server's private keys; keep it as safe as the keys "
                                      "(mode 0600), or use --encrypt\n")
                           .arg(file);
    }
    qint64 rows = 0;
    for (const auto& table : contents.database.tables) {
        rows += qint64(table.rows.size());
    }
    context.out << QStringLiteral("backup written to %1: schema version %2, %3 tables, %4 rows, "
                                  "%5 PKI files%6%7\n")
                       .arg(file)
                       .arg(contents.header.schemaVersion)
                       .arg(contents.database.tables.size())
                       .arg(rows)
                       .arg(contents.pki.size())
                       .arg(contents.settings ? QStringLiteral(", settings file") : QString())
                       .arg(encrypt ? QStringLiteral(", encrypted") : QString());
    return {};
}

Result<void> restore(AdminContext& context, const QString& file, bool force)
{
    auto contents = readValidBackup(context, file);
    if (!contents) {
        return contents.error();
    }
    auto config = databaseConfig(context.settings, context.secrets, PasswordFallback::Environment);
    if (!config) {
        return config.error();
    }
    if (auto free = checkTarget(context, *config, force); !free) {
        return free;
    }
    const QString dataDir = context.settings.dataDir;
    if (auto written = writeRestore(dataDir, *contents, *config, force); !written) {
        return written;
    }
    context.out << QStringLiteral("restored %1 (made %2 by Steward %3, schema version %4) into "
                                  "%5 and %6\n")
                       .arg(file, contents->header.createdAt.toString(Qt::ISODate),
                            contents->header.stewardVersion)
                       .arg(contents->header.schemaVersion)
                       .arg(dataDir, config->describe());
    if (contents->settings) {
        context.out << QStringLiteral("the settings file of the backup (%1) is in %2; review it "
                                      "and pass it with --config\n")
                           .arg(contents->settings->path,
                                QDir(dataDir).filePath(RestoredSettingsName));
    }
    context.out
        << QStringLiteral("start the server with: steward-server --data-dir %1\n").arg(dataDir);
    return {};
}

} // namespace steward::server::admin
