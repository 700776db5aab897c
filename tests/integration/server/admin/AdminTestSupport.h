// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AdminTestSupport - runs steward-admin commands in-process and inspects data dirs and databases.
#pragma once

#include "server/db/DatabaseConfig.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace steward::test {

struct AdminRun {
    int exitCode = -1;
    QString out;
    QString err;
};

/**
 * runAdminCommand() with "steward-admin --data-dir DIR [--config FILE]" in front of \a args,
 * \a input as standard input and \a environment as the whole environment. Hashing and
 * passphrase iterations are lowered so the suite stays fast.
 */
[[nodiscard]] AdminRun runAdmin(const QString& dataDir, const QString& config,
                                const QStringList& args, const QByteArray& input = {},
                                const QMap<QString, QString>& environment = {});

/** Creates <dataDir>/pki as steward-server does on first start (one RSA-4096 key: seconds). */
void makePki(const QString& dataDir);

/**
 * Writes a settings file for \a database into \a path; a PostgreSQL password goes into a 0600
 * passwordFile next to it (unless \a withPasswordFile is false), never into the settings file.
 */
void writeSettings(const QString& path, const server::db::DatabaseConfig& database,
                   bool withPasswordFile = true);

/** Every table's rows in the portable dump form, for equality checks across databases. */
[[nodiscard]] QJsonObject dumpTables(const server::db::DatabaseConfig& database);

/** Whether \a password logs \a user in, checked by the real AuthService on \a database. */
[[nodiscard]] bool canLogIn(const server::db::DatabaseConfig& database, const QString& user,
                            const QString& password);

struct HttpsReply {
    int status = 0;
    QJsonObject body;
};

/**
 * One REST request to a server on 127.0.0.1:\a port (as "localhost"), verified against the
 * root CA in \a dataDir/pki only.
 */
[[nodiscard]] HttpsReply httpsRequest(const QString& dataDir, quint16 port, const QByteArray& verb,
                                      const QString& path, const QJsonObject& body = {},
                                      const QByteArray& token = {});

/** Every file under \a dir (relative paths), for "nothing was written" checks. */
[[nodiscard]] QStringList filesUnder(const QString& dir);

} // namespace steward::test
