// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Backups made by the running server over REST (/api/v1/backups): encrypted, audited, following
// their progress, cancelled without leaving a file, and restored by steward-admin into the
// same data and the same identity.
#include "server/app/ServerApp.h"
#include "server/app/ServerSettings.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/server/admin/AdminTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/server/RestClient.h"
#include "tests/support/server/ServerProcess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>

#include <algorithm>

using namespace steward;
using namespace steward::test;

namespace {

const QString Passphrase = QStringLiteral("a long backup passphrase");

struct BackupServer {
    explicit BackupServer(const QString& dataDir)
    {
        REQUIRE(QDir().mkpath(dataDir));
        REQUIRE(seedSuperuser(dataDir, QStringLiteral("alice"), QStringLiteral("correct horse")));
        server::ServerSettings settings;
        settings.dataDir = dataDir;
        settings.listenAddress = QHostAddress::LocalHost;
        settings.port = 0;
        settings.backupPassphraseIterations = 1000;
        app = std::make_unique<server::ServerApp>(std::move(settings));
        REQUIRE(app->start().ok());
        client = std::make_unique<RestClient>(app->port(),
                                              QList{app->identity().rootCa().toQSslCertificate()});
        const auto login = client->login(QStringLiteral("alice"), QStringLiteral("correct horse"));
        REQUIRE(login.status == 200);
    }

    /** The list entry of \a name once it is no longer running. */
    QJsonObject settled(const QString& name)
    {
        QJsonObject entry;
        REQUIRE(waitUntil([&] {
            for (const auto& item : client->get(QStringLiteral("/api/v1/backups"))
                                        .json()[QStringLiteral("items")]
                                        .toArray()) {
                if (item[QStringLiteral("name")] == name) {
                    entry = item.toObject();
                }
            }
            return !entry.isEmpty() && entry[QStringLiteral("state")] != QStringLiteral("running");
        }));
        return entry;
    }

    QString start()
    {
        const auto started = client->post(QStringLiteral("/api/v1/backups"),
                                          QJsonObject{{QStringLiteral("passphrase"), Passphrase}});
        INFO(started.body.toStdString());
        REQUIRE(started.status == 202);
        CHECK(started.json()[QStringLiteral("state")] == QStringLiteral("running"));
        return started.json()[QStringLiteral("name")].toString();
    }

    int audited(const QString& action, const QString& outcome)
    {
        const auto entries =
            client->get(QStringLiteral("/api/v1/audit?action=%1").arg(action)).json();
        int count = 0;
        for (const auto& entry : entries[QStringLiteral("items")].toArray()) {
            count += entry[QStringLiteral("outcome")] == outcome ? 1 : 0;
        }
        return count;
    }

    std::unique_ptr<server::ServerApp> app;
    std::unique_ptr<RestClient> client;
};

} // namespace

TEST_CASE("the running server makes an encrypted backup that steward-admin restores",
          "[integration][admin]")
{
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    const QString file = dir.filePath(QStringLiteral("downloaded.stwbak"));
    QByteArray oldWeb;
    {
        BackupServer server(dataDir);
        oldWeb = server.app->identity().webCertificate().toDer();
        auto& client = *server.client;
        const auto weak =
            client.post(QStringLiteral("/api/v1/backups"),
                        QJsonObject{{QStringLiteral("passphrase"), QStringLiteral("short")}});
        CHECK(weak.status == 400);
        CHECK(weak.body.contains("at least 12 characters"));

        const QString name = server.start();
        CHECK(name.startsWith(QStringLiteral("steward-")));
        const auto entry = server.settled(name);
        CHECK(entry[QStringLiteral("state")] == QStringLiteral("done"));
        CHECK(entry[QStringLiteral("percent")] == 100);
        CHECK(entry[QStringLiteral("createdBy")] == QStringLiteral("alice"));
        const QString stored = QDir(dataDir).filePath(QStringLiteral("backups/") + name);
        CHECK(QFileInfo(stored).permissions()
              == (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
                  | QFileDevice::WriteUser));

        const auto download = client.get(QStringLiteral("/api/v1/backups/") + name);
        REQUIRE(download.status == 200);
        CHECK(download.body.size() == entry[QStringLiteral("size")].toInteger());
        CHECK_FALSE(download.body.contains("BEGIN")); // no key in the clear
        QFile out(file);
        REQUIRE(out.open(QIODevice::WriteOnly));
        out.write(download.body);
        out.close();

        CHECK(client.get(QStringLiteral("/api/v1/backups/root-ca.key")).status == 400);
        CHECK(client.get(QStringLiteral("/api/v1/backups/steward-20000101-000000.stwbak")).status
              == 404);
        REQUIRE(client.send("DELETE", QStringLiteral("/api/v1/backups/") + name).status == 204);
        CHECK_FALSE(QFile::exists(stored));
        CHECK(client.get(QStringLiteral("/api/v1/backups/") + name).status == 404);
        CHECK(server.audited(QStringLiteral("backup.create"), QStringLiteral("ok")) == 1);
        CHECK(server.audited(QStringLiteral("backup.create"), QStringLiteral("denied")) == 1);
        CHECK(server.audited(QStringLiteral("backup.download"), QStringLiteral("ok")) == 1);
        CHECK(server.audited(QStringLiteral("backup.delete"), QStringLiteral("ok")) == 1);
    }
    // A new host: nothing but the downloaded file and its passphrase.
    const QString restoredDir = dir.filePath(QStringLiteral("restored"));
    const auto restored = runAdmin(restoredDir, {}, {QStringLiteral("restore"), file},
                                   (Passphrase + QLatin1Char('\n')).toUtf8());
    INFO(restored.err.toStdString());
    REQUIRE(restored.exitCode == 0);
    server::ServerSettings settings;
    settings.dataDir = restoredDir;
    CHECK(canLogIn(settings.databaseConfig(), QStringLiteral("alice"),
                   QStringLiteral("correct horse")));
    QFile web(QDir(restoredDir).filePath(QStringLiteral("pki/web.crt")));
    REQUIRE(web.open(QIODevice::ReadOnly));
    CHECK(QSslCertificate(web.readAll(), QSsl::Pem).toDer() == oldWeb);
}

TEST_CASE("a backup cancelled while it runs leaves no file, and one runs at a time",
          "[integration][admin]")
{
    QTemporaryDir dir;
    BackupServer server(dir.path());
    auto& client = *server.client;
    const QString name = server.start();
    // Cancelled before it finished, or deleted after: either way no backup remains.
    REQUIRE(client.send("DELETE", QStringLiteral("/api/v1/backups/") + name).status == 204);
    QJsonArray items;
    REQUIRE(waitUntil([&] {
        items =
            client.get(QStringLiteral("/api/v1/backups")).json()[QStringLiteral("items")].toArray();
        return std::none_of(items.begin(), items.end(), [&](const QJsonValue& item) {
            return item[QStringLiteral("state")] == QStringLiteral("running");
        });
    }));
    for (const auto& item : items) { // listed only when it was cancelled in time
        CHECK(item[QStringLiteral("state")] == QStringLiteral("cancelled"));
    }
    CHECK_FALSE(QFile::exists(QDir(dir.path()).filePath(QStringLiteral("backups/") + name)));
    const auto bad = client.post(QStringLiteral("/api/v1/backups"), QJsonObject{});
    CHECK(bad.status == 400);
    CHECK(bad.body.contains("passphrase"));
}
