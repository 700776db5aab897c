// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/PasswordHash.h"
#include "common/tls/TlsConfig.h"
#include "server/db/AdminRepository.h"
#include "server/db/Database.h"
#include "server/db/Migrator.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/server/RestClient.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <csignal>

using namespace steward;
using steward::test::waitUntil;

namespace {

// The real steward-server binary on 127.0.0.1:0; the port is read from its log.
struct ServerProcess {
    explicit ServerProcess(const QString& dataDir)
    {
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(QStringLiteral(STEWARD_BINARY_DIR "/server/steward-server"),
                      {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--listen"),
                       QStringLiteral("127.0.0.1:0")});
        const QRegularExpression listening(QStringLiteral("listening address=\\S+ port=(\\d+)"));
        [[maybe_unused]] const bool settled = waitUntil(
            [&] {
                log += process.readAllStandardError();
                const auto match = listening.match(QString::fromUtf8(log));
                if (match.hasMatch()) {
                    port = quint16(match.captured(1).toUInt());
                }
                return port != 0 || process.state() == QProcess::NotRunning;
            },
            std::chrono::seconds(60));
    }
    ~ServerProcess()
    {
        if (process.state() != QProcess::NotRunning) {
            process.terminate();
            process.waitForFinished(10000);
        }
    }
    QProcess process;
    QByteArray log;
    quint16 port = 0;
};

QSslCertificate rootCa(const QString& dataDir)
{
    QFile file(dataDir + QStringLiteral("/pki/root-ca.crt"));
    return file.open(QIODevice::ReadOnly) ? QSslCertificate(file.readAll()) : QSslCertificate();
}

} // namespace

TEST_CASE("every acknowledged write survives kill -9 and the database stays intact",
          "[integration][server][durability]")
{
    QTemporaryDir dir;
    {
        server::db::DatabaseConfig config;
        config.sqliteFile = dir.filePath(QStringLiteral("steward.sqlite"));
        server::db::Database database(config);
        REQUIRE(database.open().ok());
        REQUIRE(server::db::Migrator(database).apply().ok());
        REQUIRE(server::db::AdminRepository(database)
                    .insert(QStringLiteral("alice"),
                            *crypto::hashPassword(QStringLiteral("correct horse"), 1000), true, 1)
                    .ok());
    }
    auto server = std::make_unique<ServerProcess>(dir.path());
    INFO(server->log.toStdString());
    REQUIRE(server->port != 0);

    // A burst of logins, each acknowledged only after its session row is committed.
    QNetworkAccessManager network;
    QList<QByteArray> acknowledged;
    int answered = 0;
    const int burst = 400;
    for (int i = 0; i < burst; ++i) {
        QNetworkRequest request(
            QUrl(QStringLiteral("https://localhost:%1/api/v1/login").arg(server->port)));
        request.setSslConfiguration(tls::clientConfiguration({rootCa(dir.path())}));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        auto* reply = network.post(
            request, QByteArrayLiteral(R"({"user":"alice","password":"correct horse"})"));
        QObject::connect(reply, &QNetworkReply::finished, [&, reply] {
            ++answered;
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
                acknowledged.append(QJsonDocument::fromJson(reply->readAll())
                                        .object()
                                        .value(QStringLiteral("token"))
                                        .toString()
                                        .toLatin1());
            }
            reply->deleteLater();
        });
    }
    REQUIRE(waitUntil([&] { return acknowledged.size() >= 50; }, std::chrono::seconds(60)));
    ::kill(pid_t(server->process.processId()), SIGKILL);
    REQUIRE(server->process.waitForFinished(10000));
    REQUIRE(waitUntil([&] { return answered == burst; }, std::chrono::seconds(60)));
    const auto tokens = acknowledged;
    INFO("acknowledged before the kill: " << tokens.size() << " of " << burst);
    CHECK(tokens.size() < burst); // the kill really landed mid-burst

    {
        server::db::DatabaseConfig config;
        config.sqliteFile = dir.filePath(QStringLiteral("steward.sqlite"));
        server::db::Database database(config);
        REQUIRE(database.open().ok());
        QSqlQuery check(database.connection());
        REQUIRE(check.exec(QStringLiteral("PRAGMA integrity_check")));
        REQUIRE(check.next());
        CHECK(check.value(0).toString() == QStringLiteral("ok"));
    }

    server = std::make_unique<ServerProcess>(dir.path());
    REQUIRE(server->port != 0);
    test::RestClient client(server->port, {rootCa(dir.path())});
    int alive = 0;
    for (const auto& token : tokens) {
        client.setToken(token);
        alive += client.get(QStringLiteral("/api/v1/admins")).status == 200 ? 1 : 0;
    }
    CHECK(alive == tokens.size());
}

TEST_CASE("SIGTERM stops the server cleanly", "[integration][server]")
{
    QTemporaryDir dir;
    ServerProcess server(dir.path());
    INFO(server.log.toStdString());
    REQUIRE(server.port != 0);
    server.process.terminate();
    REQUIRE(server.process.waitForFinished(30000));
    CHECK(server.process.exitStatus() == QProcess::NormalExit);
    CHECK(server.process.exitCode() == 0);
    CHECK(server.process.readAllStandardError().contains("steward-server stopped"));
}

TEST_CASE("a bad setting stops the server with exit code 78 and names the key",
          "[integration][server]")
{
    QTemporaryDir dir;
    QFile config(dir.filePath(QStringLiteral("server.conf")));
    REQUIRE(config.open(QIODevice::WriteOnly));
    config.write("[auth]\nmaxFailedLogins = lots\n");
    config.close();
    QProcess process;
    process.start(
        QStringLiteral(STEWARD_BINARY_DIR "/server/steward-server"),
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--config"), config.fileName()});
    REQUIRE(process.waitForFinished(30000));
    CHECK(process.exitCode() == 78);
    CHECK(process.readAllStandardError().contains("auth/maxFailedLogins"));
}
