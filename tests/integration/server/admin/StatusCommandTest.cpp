// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/Certificate.h"
#include "server/app/ServerApp.h"
#include "server/db/Migrations.h"
#include "tests/integration/server/admin/AdminTestSupport.h"
#include "tests/support/CatchQt.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

using namespace steward;
using namespace steward::test;

namespace {

QString webFingerprint(const QString& dataDir)
{
    QFile file(dataDir + QStringLiteral("/pki/web.crt"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    auto certificate = crypto::Certificate::fromPem(file.readAll());
    REQUIRE(certificate.ok());
    return certificate->fingerprintText(crypto::FingerprintAlgorithm::Sha256);
}

} // namespace

TEST_CASE("status reports the database, the PKI and a running server's /status",
          "[integration][admin]")
{
    QTemporaryDir dir;
    const QString dataDir = dir.filePath(QStringLiteral("data"));
    makePki(dataDir);

    SECTION("no administrator yet is a problem, and says what to do")
    {
        REQUIRE(
            runAdmin(dataDir, {}, {QStringLiteral("datasource"), QStringLiteral("test")}).exitCode
            == 0);
        const auto run = runAdmin(dataDir, {}, {QStringLiteral("status")});
        CHECK(run.exitCode == 1);
        CHECK(run.err.contains(QStringLiteral("schema version 0")));
    }
    SECTION("a complete data dir with a running server is fine")
    {
        REQUIRE(runAdmin(dataDir, {},
                         {QStringLiteral("create-admin"), QStringLiteral("--user"),
                          QStringLiteral("alice")},
                         "a long password\n")
                    .exitCode
                == 0);
        auto settings = server::loadServerSettings({}, dataDir);
        REQUIRE(settings.ok());
        settings->listenAddress = QHostAddress::LocalHost;
        settings->port = 0;
        server::ServerApp app(*settings);
        REQUIRE(app.start().ok());
        const QString config = dir.filePath(QStringLiteral("server.conf"));
        {
            QSettings ini(config, QSettings::IniFormat);
            ini.setValue(QStringLiteral("server/listen"),
                         QStringLiteral("127.0.0.1:%1").arg(app.port()));
        }

        const auto run = runAdmin(dataDir, config, {QStringLiteral("status")});
        INFO(run.out.toStdString() + run.err.toStdString());
        CHECK(run.exitCode == 0);
        const int latest = server::db::migrations().back().version;
        CHECK(run.out.contains(QStringLiteral("schema version: %1 (this build: %1)").arg(latest)));
        CHECK(run.out.contains(QStringLiteral("administrators: 1")));
        CHECK(run.out.contains(QStringLiteral("CN=Steward root CA")));
        CHECK(run.out.contains(QStringLiteral("RSA 4096, SHA512withRSA")));
        CHECK(run.out.contains(webFingerprint(dataDir)));
        CHECK(run.out.contains(QStringLiteral("localhost, 127.0.0.1")));
        CHECK(run.out.contains(QStringLiteral("answers")));
        CHECK(run.out.contains(QStringLiteral("\"status\": \"ok\"")));
    }
    SECTION("a missing key is reported by name")
    {
        REQUIRE(runAdmin(dataDir, {},
                         {QStringLiteral("create-admin"), QStringLiteral("--user"),
                          QStringLiteral("alice")},
                         "a long password\n")
                    .exitCode
                == 0);
        REQUIRE(QFile::remove(dataDir + QStringLiteral("/pki/tckey.key")));
        const auto run = runAdmin(dataDir, {}, {QStringLiteral("status")});
        CHECK(run.exitCode == 1);
        CHECK(run.err.contains(QStringLiteral("tckey.key is missing")));
        CHECK(run.out.contains(QStringLiteral("server: not running")));
    }
}
