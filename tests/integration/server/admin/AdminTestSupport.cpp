// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/server/admin/AdminTestSupport.h"

#include "common/crypto/SecureFile.h"
#include "common/tls/TlsConfig.h"
#include "server/admin/AdminCli.h"
#include "server/db/AdminRepository.h"
#include "server/db/AuditRepository.h"
#include "server/db/DataCopier.h"
#include "server/db/Database.h"
#include "server/db/SessionRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/AuthService.h"
#include "server/services/ServerIdentity.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QTemporaryDir>

namespace steward::test {

AdminRun runAdmin(const QString& dataDir, const QString& config, const QStringList& args,
                  const QByteArray& input, const QMap<QString, QString>& environment)
{
    QStringList arguments{QStringLiteral("steward-admin"), QStringLiteral("--data-dir"), dataDir};
    if (!config.isEmpty()) {
        arguments << QStringLiteral("--config") << config;
    }
    arguments << args;
    QByteArray inputBytes = input;
    QBuffer stdinBuffer(&inputBytes);
    stdinBuffer.open(QIODevice::ReadOnly);
    QProcessEnvironment env;
    for (auto it = environment.begin(); it != environment.end(); ++it) {
        env.insert(it.key(), it.value());
    }
    server::admin::AdminOptions options;
    options.passwordIterations = 1000;
    options.passphraseIterations = 1000;
    options.statusTimeoutMs = 2000;
    AdminRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.exitCode = server::admin::runAdminCommand(arguments, stdinBuffer, out, err, env, options);
    out.flush();
    err.flush();
    return run;
}

void makePki(const QString& dataDir)
{
    // One RSA-4096 key costs seconds, so the PKI is made once per process and each test case
    // gets its own copy; the template itself is never handed out or changed.
    static QTemporaryDir templateDir;
    static const bool made = [] {
        return server::services::ServerIdentity::loadOrCreate(
                   templateDir.filePath(QStringLiteral("pki")),
                   server::services::ServerIdentity::defaultWebNames({}, QHostAddress::LocalHost))
            .ok();
    }();
    REQUIRE(made);
    const QString from = templateDir.filePath(QStringLiteral("pki"));
    const QString to = QDir(dataDir).filePath(QStringLiteral("pki"));
    REQUIRE(QDir().mkpath(to));
    for (const auto& name : QDir(from).entryList(QDir::Files)) {
        REQUIRE(QFile::copy(QDir(from).filePath(name), QDir(to).filePath(name)));
    }
}

void writeSettings(const QString& path, const server::db::DatabaseConfig& database,
                   bool withPasswordFile)
{
    QSettings ini(path, QSettings::IniFormat);
    if (database.kind == server::db::DatabaseKind::Sqlite) {
        ini.setValue(QStringLiteral("database/type"), QStringLiteral("sqlite"));
        ini.setValue(QStringLiteral("database/file"), database.sqliteFile);
    } else {
        if (withPasswordFile) {
            const QString passwordFile = path + QStringLiteral(".password");
            REQUIRE(crypto::writePrivateFile(passwordFile, database.password.toUtf8()).ok());
            ini.setValue(QStringLiteral("database/passwordFile"), passwordFile);
        }
        ini.setValue(QStringLiteral("database/type"), QStringLiteral("postgresql"));
        ini.setValue(QStringLiteral("database/host"), database.host);
        ini.setValue(QStringLiteral("database/port"), database.port);
        ini.setValue(QStringLiteral("database/name"), database.name);
        ini.setValue(QStringLiteral("database/user"), database.user);
    }
    ini.sync();
    REQUIRE(ini.status() == QSettings::NoError);
}

QJsonObject dumpTables(const server::db::DatabaseConfig& database)
{
    server::db::Database db(database);
    REQUIRE(db.open().ok());
    auto snapshot = server::db::readSnapshot(db);
    REQUIRE(snapshot.ok());
    return snapshot->toJson();
}

bool canLogIn(const server::db::DatabaseConfig& database, const QString& user,
              const QString& password)
{
    server::db::Database db(database);
    REQUIRE(db.open().ok());
    server::db::AdminRepository admins(db);
    server::db::SessionRepository sessions(db);
    server::db::AuditRepository auditRepository(db);
    server::services::AuditLog audit(auditRepository, server::services::systemClock());
    server::services::AuthService auth(admins, sessions, audit, {},
                                       server::services::systemClock());
    return auth.login(user, password, QStringLiteral("127.0.0.1")).ok();
}

HttpsReply httpsRequest(const QString& dataDir, quint16 port, const QByteArray& verb,
                        const QString& path, const QJsonObject& body, const QByteArray& token)
{
    const auto roots = QSslCertificate::fromPath(dataDir + QStringLiteral("/pki/root-ca.crt"));
    REQUIRE(roots.size() == 1);
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(QStringLiteral("https://localhost:%1%2").arg(port).arg(path)));
    request.setSslConfiguration(tls::clientConfiguration(roots));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + token);
    }
    const QByteArray payload =
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    QNetworkReply* reply = network.sendCustomRequest(request, verb, payload);
    REQUIRE(waitUntil([reply] { return reply->isFinished(); }));
    HttpsReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return result;
}

QStringList filesUnder(const QString& dir)
{
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        files.append(QDir(dir).relativeFilePath(it.next()));
    }
    files.sort();
    return files;
}

} // namespace steward::test
