// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// BackupArchive - the backup file format: versioned header, database dump, PKI and settings.
#pragma once

#include "common/core/Result.h"
#include "server/db/DataCopier.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace steward::server::services {

/** Bumped when a reader of the old format could no longer read the new one. */
constexpr int BackupFormatVersion = 1;
/** Backups are read whole into memory; larger files are refused before reading. */
constexpr qint64 MaxBackupBytes = qint64(1) << 30;

struct BackupHeader {
    int format = BackupFormatVersion;
    QDateTime createdAt; // UTC
    QString stewardVersion;
    int schemaVersion = 0;
    bool encrypted = false;
};

struct BackupFile {
    QString path; // relative to <data-dir>/pki, '/'-separated, checked on read
    QByteArray content;
};

struct BackupContents {
    BackupHeader header;
    QString source; // where the data came from, DatabaseConfig::describe()
    db::DataSnapshot database;
    std::vector<BackupFile> pki;
    std::optional<BackupFile> settings; // path: where the settings file was when backed up
};

/**
 * "STWBAK" | format (u16 BE) | header length (u32 BE) | header JSON | payload. The header
 * names the payload's size and SHA-256; the payload is the contents as JSON, or that JSON
 * encrypted with crypto::encryptWithPassphrase when \a passphrase is set. The encrypted
 * payload repeats the header fields, so an edited header is detected too.
 */
[[nodiscard]] Result<QByteArray> encodeBackup(const BackupContents& contents,
                                              const std::optional<QString>& passphrase,
                                              int passphraseIterations);

/** Reads and checks magic, format, sizes and checksum; nothing of the payload is parsed. */
[[nodiscard]] Result<BackupHeader> readBackupHeader(const QByteArray& file);

/**
 * Decodes and validates a whole backup. \a passphrase is asked only for an encrypted file.
 * Every failure is InvalidValue (not a backup, damaged, unknown format), IncompatibleVersion
 * (a newer format) or BadPassword (wrong passphrase or altered ciphertext).
 */
[[nodiscard]] Result<BackupContents>
decodeBackup(const QByteArray& file, const std::function<Result<QString>()>& passphrase);

} // namespace steward::server::services
