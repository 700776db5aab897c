// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/TlsConfig.h"
#include "server/db/Database.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/server/RestClient.h"
#include "tests/support/server/ServerProcess.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <csignal>

using namespace steward;
using steward::test::waitUntil;

using steward::test::ServerProcess;

TEST_CASE("every acknowledged write survives kill -9 and the database stays intact",
          "[integration][server][durability]")
{
    QTemporaryDir dir;
    REQUIRE(
        test::seedSuperuser(dir.path(), QStringLiteral("alice"), QStringLiteral("correct horse")));
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
        request.setSslConfiguration(tls::clientConfiguration({test::serverRootCa(dir.path())}));
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
    test::RestClient client(server->port, {test::serverRootCa(dir.path())});
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
