// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/Fingerprint.h"
#include "common/tls/TlsConfig.h"
#include "server/app/ServerApp.h"
#include "server/services/BackupArchive.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/server/admin/AdminTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/server/TempDatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSslSocket>
#include <QTemporaryDir>

using namespace steward;
using namespace steward::test;
using server::db::DatabaseKind;

namespace {

const QString Passphrase = QStringLiteral("backup passphrase 7");

QByteArray readAll(const QString& path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

void writeAll(const QString& path, const QByteArray& content)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    REQUIRE(file.write(content) == content.size());
}

void fillWithData(const QString& dataDir, const QString& config,
                  const server::db::DatabaseConfig& database)
{
    for (const auto* name : {"alice", "bob"}) {
        REQUIRE(runAdmin(
                    dataDir, config,
                    {QStringLiteral("create-admin"), QStringLiteral("--user"), QLatin1String(name)},
                    "a long password\n")
                    .exitCode
                == 0);
    }
    REQUIRE(canLogIn(database, QStringLiteral("alice"), QStringLiteral("a long password")));
}

// Starts steward-server's composition root on \a dataDir and connects a client that trusts only
// the old root CA; true when the TLS handshake verified and the server presented exactly the old
// web certificate (what a console pinned).
bool serverKeepsIdentity(const QString& dataDir, const QString& config,
                         const QSslCertificate& oldRoot, const QSslCertificate& oldWeb)
{
    auto settings = server::loadServerSettings(config, dataDir);
    REQUIRE(settings.ok());
    settings->listenAddress = QHostAddress::LocalHost;
    settings->port = 0;
    server::ServerApp app(*settings);
    const auto started = app.start();
    const std::string why = started.ok() ? std::string() : started.error().message.toStdString();
    INFO(why);
    REQUIRE(started.ok());
    CHECK(app.identity().webCertificate().toQSslCertificate() == oldWeb);

    QSslSocket socket;
    socket.setSslConfiguration(tls::clientConfiguration({oldRoot}));
    QList<QSslError> errors;
    QObject::connect(&socket, &QSslSocket::sslErrors,
                     [&](const QList<QSslError>& reported) { errors = reported; });
    socket.connectToHostEncrypted(QStringLiteral("localhost"), app.port());
    REQUIRE(waitUntil([&] {
        return socket.isEncrypted() || socket.state() == QAbstractSocket::UnconnectedState;
    }));
    for (const auto& error : errors) {
        UNSCOPED_INFO(error.errorString().toStdString());
    }
    return socket.isEncrypted() && tls::isSameCertificate(socket.peerCertificate(), oldWeb);
}

QSslCertificate pkiCertificate(const QString& dataDir, const QString& name)
{
    const auto certificates =
        QSslCertificate::fromData(readAll(dataDir + QStringLiteral("/pki/") + name));
    REQUIRE(certificates.size() == 1);
    return certificates.first();
}

} // namespace

TEST_CASE("backup, wipe and restore give the same data and the same server identity",
          "[integration][admin]")
{
    const auto kind = GENERATE(DatabaseKind::Sqlite, DatabaseKind::Postgres);
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    TempDatabase database(kind);
    REQUIRE(database.setupError().isEmpty());
    const QString config = dir.filePath(QStringLiteral("server.conf"));
    writeSettings(config, database.config());
    makePki(dataDir);
    fillWithData(dataDir, config, database.config());
    const QJsonObject original = dumpTables(database.config());
    const QSslCertificate oldWeb = pkiCertificate(dataDir, QStringLiteral("web.crt"));
    const QSslCertificate oldRoot = pkiCertificate(dataDir, QStringLiteral("root-ca.crt"));
    const QStringList oldPki = filesUnder(dataDir + QStringLiteral("/pki"));

    const QString file = dir.filePath(QStringLiteral("steward.backup"));
    const auto made = runAdmin(dataDir, config, {QStringLiteral("backup"), file});
    INFO(made.err.toStdString());
    REQUIRE(made.exitCode == 0);
    CHECK(QFileInfo(file).permissions()
          == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
              | QFileDevice::WriteUser));
    CHECK(made.err.contains(QStringLiteral("warning: ")));
    CHECK(made.err.contains(QStringLiteral("not encrypted")));

    SECTION("restore into a data dir that still holds the data is refused")
    {
        const auto refused = runAdmin(dataDir, config, {QStringLiteral("restore"), file});
        CHECK(refused.exitCode == 1);
        CHECK(refused.err.contains(QStringLiteral("already exists")));
    }
    SECTION("wipe everything, restore onto the same kind of data source")
    {
        REQUIRE(QDir(dataDir).removeRecursively());
        TempDatabase fresh(kind);
        REQUIRE(fresh.setupError().isEmpty());
        const QString freshConfig = dir.filePath(QStringLiteral("fresh.conf"));
        writeSettings(freshConfig, fresh.config());

        const auto restored = runAdmin(dataDir, freshConfig, {QStringLiteral("restore"), file});
        INFO(restored.err.toStdString());
        REQUIRE(restored.exitCode == 0);
        CHECK(dumpTables(fresh.config()) == original);
        CHECK(filesUnder(dataDir + QStringLiteral("/pki")) == oldPki);
        CHECK(QFileInfo(dataDir + QStringLiteral("/pki")).permissions()
              == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
                  | QFileDevice::ReadUser | QFileDevice::WriteUser | QFileDevice::ExeUser));
        CHECK(QFileInfo(dataDir + QStringLiteral("/pki/web.key")).permissions()
              == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
                  | QFileDevice::WriteUser));
        CHECK(pkiCertificate(dataDir, QStringLiteral("web.crt")) == oldWeb);
        CHECK(QFileInfo::exists(dataDir + QStringLiteral("/server.conf.from-backup")));
        CHECK(serverKeepsIdentity(dataDir, freshConfig, oldRoot, oldWeb));
        CHECK(canLogIn(fresh.config(), QStringLiteral("bob"), QStringLiteral("a long password")));
    }
    SECTION("restore onto the embedded SQLite default, whatever the backup came from")
    {
        const QString other = dir.filePath(QStringLiteral("other"));
        const auto restored = runAdmin(other, {}, {QStringLiteral("restore"), file});
        INFO(restored.err.toStdString());
        REQUIRE(restored.exitCode == 0);
        server::db::DatabaseConfig sqlite;
        sqlite.sqliteFile = other + QStringLiteral("/steward.sqlite");
        CHECK(dumpTables(sqlite) == original);
        CHECK(serverKeepsIdentity(other, {}, oldRoot, oldWeb));
    }
    SECTION("a target database with rows is refused, and --force replaces them")
    {
        const QString other = dir.filePath(QStringLiteral("other"));
        TempDatabase occupied(kind);
        REQUIRE(occupied.setupError().isEmpty());
        const QString occupiedConfig = dir.filePath(QStringLiteral("occupied.conf"));
        writeSettings(occupiedConfig, occupied.config());
        REQUIRE(runAdmin(other, occupiedConfig,
                         {QStringLiteral("create-admin"), QStringLiteral("--user"),
                          QStringLiteral("squatter")},
                         "a long password\n")
                    .exitCode
                == 0);
        const QJsonObject before = dumpTables(occupied.config());

        const auto refused = runAdmin(other, occupiedConfig, {QStringLiteral("restore"), file});
        CHECK(refused.exitCode == 1);
        CHECK(refused.err.contains(kind == DatabaseKind::Sqlite ? QStringLiteral("already exists")
                                                                : QStringLiteral("not empty")));
        CHECK(dumpTables(occupied.config()) == before);
        CHECK_FALSE(QFileInfo::exists(other + QStringLiteral("/pki")));

        const auto forced = runAdmin(other, occupiedConfig,
                                     {QStringLiteral("restore"), file, QStringLiteral("--force")});
        INFO(forced.err.toStdString());
        REQUIRE(forced.exitCode == 0);
        CHECK(dumpTables(occupied.config()) == original);
        CHECK(pkiCertificate(other, QStringLiteral("web.crt")) == oldWeb);
    }
    SECTION("--force moves the current database and PKI aside")
    {
        const QString other = dir.filePath(QStringLiteral("other"));
        REQUIRE(runAdmin(other, {}, {QStringLiteral("restore"), file}).exitCode == 0);
        const auto forced =
            runAdmin(other, {}, {QStringLiteral("restore"), file, QStringLiteral("--force")});
        INFO(forced.err.toStdString());
        REQUIRE(forced.exitCode == 0);
        const QStringList entries = QDir(other).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
        CHECK(entries.filter(QStringLiteral("pki.replaced-")).size() == 1);
        CHECK(entries.filter(QStringLiteral("steward.sqlite.replaced-")).size() == 1);
        server::db::DatabaseConfig sqlite;
        sqlite.sqliteFile = other + QStringLiteral("/steward.sqlite");
        CHECK(dumpTables(sqlite) == original);
    }
}

TEST_CASE("an encrypted backup needs its passphrase and refuses tampering, writing nothing",
          "[integration][admin]")
{
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    makePki(dataDir);
    server::db::DatabaseConfig sqlite;
    sqlite.sqliteFile = dataDir + QStringLiteral("/steward.sqlite");
    fillWithData(dataDir, {}, sqlite);
    const QJsonObject original = dumpTables(sqlite);

    const QString file = dir.filePath(QStringLiteral("steward.backup"));
    const auto made =
        runAdmin(dataDir, {}, {QStringLiteral("backup"), file, QStringLiteral("--encrypt")}, {},
                 {{QStringLiteral("STEWARD_BACKUP_PASSPHRASE"), Passphrase}});
    INFO(made.err.toStdString());
    REQUIRE(made.exitCode == 0);
    CHECK_FALSE(made.err.contains(QStringLiteral("warning")));
    const QByteArray bytes = readAll(file);
    CHECK_FALSE(bytes.contains("alice"));
    CHECK_FALSE(bytes.contains("PRIVATE KEY"));

    const QString target = dir.filePath(QStringLiteral("target"));
    SECTION("a wrong passphrase is refused")
    {
        const auto wrong =
            runAdmin(target, {}, {QStringLiteral("restore"), file}, "not the passphrase\n");
        CHECK(wrong.exitCode == 1);
        CHECK(wrong.err.contains(QStringLiteral("passphrase is wrong")));
        CHECK_FALSE(QFileInfo::exists(target));
    }
    SECTION("a tampered file is refused")
    {
        QByteArray tampered = bytes;
        tampered[tampered.size() - 40] = char(tampered[tampered.size() - 40] ^ 1);
        const QString evil = dir.filePath(QStringLiteral("tampered.backup"));
        writeAll(evil, tampered);
        const auto refused =
            runAdmin(target, {}, {QStringLiteral("restore"), evil}, Passphrase.toUtf8() + '\n');
        CHECK(refused.exitCode == 1);
        CHECK(refused.err.contains(QStringLiteral("damaged")));
        CHECK_FALSE(QFileInfo::exists(target));
    }
    SECTION("the right passphrase on stdin restores it")
    {
        const auto restored =
            runAdmin(target, {}, {QStringLiteral("restore"), file}, Passphrase.toUtf8() + '\n');
        INFO(restored.err.toStdString());
        REQUIRE(restored.exitCode == 0);
        server::db::DatabaseConfig restoredDb;
        restoredDb.sqliteFile = target + QStringLiteral("/steward.sqlite");
        CHECK(dumpTables(restoredDb) == original);
    }
}

TEST_CASE("restore refuses garbage, a future format and a future schema, writing nothing",
          "[integration][admin]")
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("target"));
    const QString file = dir.filePath(QStringLiteral("bad.backup"));
    const auto refuse = [&](const QByteArray& content, const QString& expected) {
        writeAll(file, content);
        const auto run = runAdmin(target, {}, {QStringLiteral("restore"), file});
        CHECK(run.exitCode == 1);
        CHECK(run.err.startsWith(QStringLiteral("steward-admin: ")));
        CHECK(run.err.contains(expected));
        CHECK_FALSE(QFileInfo::exists(target));
    };
    refuse("this is not a backup at all", QStringLiteral("not a Steward backup"));
    refuse({}, QStringLiteral("not a Steward backup"));
    refuse(QByteArrayLiteral("STWBAK\x00\x09\x00\x00\x00\x02{}"),
           QStringLiteral("format version 9"));
    refuse(QByteArrayLiteral("STWBAK\x00\x01\x00\x00"), QStringLiteral("truncated"));

    server::services::BackupContents future;
    future.header.createdAt = QDateTime::fromSecsSinceEpoch(1790000000, Qt::UTC);
    future.header.stewardVersion = QStringLiteral("9.0.0");
    future.header.schemaVersion = 99;
    future.database.schemaVersion = 99;
    future.pki.push_back({QStringLiteral("web.crt"), "x"});
    auto encoded = server::services::encodeBackup(future, std::nullopt, 1000);
    REQUIRE(encoded.ok());
    refuse(*encoded, QStringLiteral("schema version 99, newer than this Steward build"));

    const auto missing = runAdmin(
        target, {}, {QStringLiteral("restore"), dir.filePath(QStringLiteral("nope.backup"))});
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.contains(QStringLiteral("nope.backup")));
}
