// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/app/ServerSettings.h"
#include "tests/support/CatchQt.h"

#include <QFile>
#include <QTemporaryDir>

using namespace steward;
using steward::server::ServerSettings;

namespace {

QString writeIni(const QTemporaryDir& dir, const QByteArray& text)
{
    const QString path = dir.filePath(QStringLiteral("server.conf"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(text);
    }
    return path;
}

} // namespace

TEST_CASE("the shipped server.conf equals the built-in defaults", "[unit][settings]")
{
    const auto loaded = server::loadServerSettings(
        QStringLiteral(STEWARD_SOURCE_DIR "/packaging/config/server.conf"), QStringLiteral("/d"));
    REQUIRE(loaded.ok());
    const ServerSettings defaults;
    const ServerSettings& s = *loaded;
    CHECK(s.listenAddress == defaults.listenAddress);
    CHECK(s.port == defaults.port);
    CHECK(s.publicNames == defaults.publicNames);
    CHECK(s.databaseKind == defaults.databaseKind);
    CHECK(s.sqliteFile == defaults.sqliteFile);
    CHECK(s.databaseHost == defaults.databaseHost);
    CHECK(s.databasePort == defaults.databasePort);
    CHECK(s.databaseName == defaults.databaseName);
    CHECK(s.databaseUser == defaults.databaseUser);
    CHECK(s.databasePasswordFile == defaults.databasePasswordFile);
    CHECK(s.sessionLifetime == defaults.sessionLifetime);
    CHECK(s.maxFailedLogins == defaults.maxFailedLogins);
    CHECK(s.lockoutDuration == defaults.lockoutDuration);
    CHECK(s.maxRequestBytes == defaults.maxRequestBytes);
    CHECK(s.handshakeTimeout == defaults.handshakeTimeout);
    CHECK(s.idleTimeout == defaults.idleTimeout);
    CHECK(s.maxConcurrentHandshakes == defaults.maxConcurrentHandshakes);
    CHECK(s.maxQueuedHandshakes == defaults.maxQueuedHandshakes);
    CHECK(s.defaultPageSize == defaults.defaultPageSize);
    CHECK(s.maxPageSize == defaults.maxPageSize);
    CHECK(s.statusInterval == defaults.statusInterval);
    CHECK(s.initTimeout == defaults.initTimeout);
    CHECK(s.logRules == defaults.logRules);
    CHECK(s.devicePingInterval == defaults.devicePingInterval);
    CHECK(s.deviceIdleTimeout == defaults.deviceIdleTimeout);
    CHECK(s.deviceNamePrefix == defaults.deviceNamePrefix);
    CHECK(s.deviceNamingByHostname == defaults.deviceNamingByHostname);
    CHECK(s.deviceCommandLifetime == defaults.deviceCommandLifetime);
    CHECK(s.shadowTicketTtl == defaults.shadowTicketTtl);
    CHECK(s.shadowSecureOnly == defaults.shadowSecureOnly);
    CHECK(s.shadowRelayWait == defaults.shadowRelayWait);
    CHECK(s.certificateReconcileInterval == defaults.certificateReconcileInterval);
    CHECK(s.certificateWarningDays == defaults.certificateWarningDays);
    CHECK(s.certificateWatchInterval == defaults.certificateWatchInterval);
    CHECK(s.discoveryAgentPort == defaults.discoveryAgentPort);
    CHECK(s.scanWait == defaults.scanWait);
    CHECK(s.maxScanAddresses == defaults.maxScanAddresses);
    CHECK(s.onlineCheckInterval == defaults.onlineCheckInterval);
    CHECK(s.offerLifetime == defaults.offerLifetime);
    CHECK(s.discoveryServerUrl == defaults.discoveryServerUrl);
    CHECK(s.autoRegister == defaults.autoRegister);
    CHECK(s.wolPort == defaults.wolPort);
    CHECK(s.wolBroadcast == defaults.wolBroadcast);
    CHECK(s.wolSubnets == defaults.wolSubnets);
}

TEST_CASE("the shipped server.conf documents every setting the server reads", "[unit][settings]")
{
    QFile file(QStringLiteral(STEWARD_SOURCE_DIR "/packaging/config/server.conf"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    for (const char* key : {"listen",
                            "publicNames",
                            "type",
                            "file",
                            "host",
                            "port",
                            "name",
                            "user",
                            "passwordFile",
                            "sessionMinutes",
                            "maxFailedLogins",
                            "lockoutMinutes",
                            "maxRequestBytes",
                            "handshakeTimeoutSeconds",
                            "idleTimeoutSeconds",
                            "maxConcurrentHandshakes",
                            "maxQueuedHandshakes",
                            "defaultPageSize",
                            "maxPageSize",
                            "intervalSeconds",
                            "initTimeoutSeconds",
                            "rules",
                            "pingIntervalSeconds",
                            "namePrefix",
                            "naming",
                            "commandTtlSeconds",
                            "agentPort",
                            "scanWaitSeconds",
                            "maxScanAddresses",
                            "onlineCheckSeconds",
                            "offerMinutes",
                            "serverUrl",
                            "autoRegister",
                            "wolPort",
                            "wolBroadcast",
                            "wolSubnets"}) {
        INFO(key);
        CHECK(text.contains(QByteArray(QByteArray("\n") + key + " =")));
    }
}

TEST_CASE("without a settings file the server runs on SQLite in its data directory",
          "[unit][settings]")
{
    const auto loaded = server::loadServerSettings({}, QStringLiteral("/var/lib/steward"));
    REQUIRE(loaded.ok());
    const auto db = loaded->databaseConfig();
    CHECK(db.kind == server::db::DatabaseKind::Sqlite);
    CHECK(db.sqliteFile == QStringLiteral("/var/lib/steward/steward.sqlite"));
    CHECK(loaded->port == 8443);
}

TEST_CASE("settings are read over the defaults", "[unit][settings]")
{
    QTemporaryDir dir;
    const auto path = writeIni(dir, "[server]\nlisten = 127.0.0.1:9443\npublicNames = a.example, "
                                    "10.0.0.5\n[database]\ntype = postgresql\nport = 6543\n"
                                    "[auth]\nmaxFailedLogins = 3\n");
    const auto loaded = server::loadServerSettings(path, dir.path());
    REQUIRE(loaded.ok());
    CHECK(loaded->listenAddress == QHostAddress(QStringLiteral("127.0.0.1")));
    CHECK(loaded->port == 9443);
    CHECK(loaded->publicNames
          == QStringList{QStringLiteral("a.example"), QStringLiteral("10.0.0.5")});
    CHECK(loaded->databaseKind == server::db::DatabaseKind::Postgres);
    CHECK(loaded->databasePort == 6543);
    CHECK(loaded->maxFailedLogins == 3);
    CHECK(loaded->lockoutDuration == std::chrono::minutes(5));
}

TEST_CASE("an invalid setting is refused with the key and the file named", "[unit][settings]")
{
    QTemporaryDir dir;
    const auto [text, key] = GENERATE(table<const char*, const char*>({
        {"[auth]\nmaxFailedLogins = many\n", "auth/maxFailedLogins"},
        {"[database]\ntype = oracle\n", "database/type"},
        {"[database]\nport = 70000\n", "database/port"},
        {"[server]\nlisten = example.org:8443\n", "server/listen"},
        {"[server]\nlisten = 0.0.0.0\n", "server/listen"},
        {"[http]\ndefaultPageSize = 5000\n", "http/defaultPageSize"},
        {"[discovery]\nwolSubnets = 10.0.0.0/24, 10.1.0.0/40\n", "discovery/wolSubnets"},
        {"[discovery]\nautoRegister = yes\n", "discovery/autoRegister"},
        {"[discovery]\nagentPort = 0\n", "discovery/agentPort"},
    }));
    const auto path = writeIni(dir, text);
    const auto loaded = server::loadServerSettings(path, dir.path());
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().code == ErrorCode::InvalidConfig);
    CHECK(loaded.error().message.contains(QLatin1String(key)));
    CHECK(loaded.error().message.contains(path));
}

TEST_CASE("a missing settings file is a clear error", "[unit][settings]")
{
    const auto loaded = server::loadServerSettings(QStringLiteral("/nonexistent/server.conf"), {});
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().message.contains(QStringLiteral("/nonexistent/server.conf")));
}

TEST_CASE("listen addresses accept IPv4, IPv6 and a bare port", "[unit][settings]")
{
    CHECK(server::parseListenAddress(QStringLiteral("[::1]:8443"))->first
          == QHostAddress(QStringLiteral("::1")));
    CHECK(server::parseListenAddress(QStringLiteral(":0"))->second == 0);
    CHECK(server::parseListenAddress(QStringLiteral(":0"))->first
          == QHostAddress(QHostAddress::Any));
    CHECK_FALSE(server::parseListenAddress(QStringLiteral("1.2.3.4:99999")).ok());
}

TEST_CASE("the [devices] keys are read and refused by name", "[unit][settings]")
{
    QTemporaryDir dir;
    const auto good = server::loadServerSettings(
        writeIni(dir, "[devices]\npingIntervalSeconds = 5\nidleTimeoutSeconds = 15\n"
                      "namePrefix = KIOSK-\nnaming = hostname\ncommandTtlSeconds = 60\n"),
        QStringLiteral("/d"));
    REQUIRE(good.ok());
    CHECK(good->devicePingInterval == std::chrono::seconds(5));
    CHECK(good->deviceIdleTimeout == std::chrono::seconds(15));
    CHECK(good->deviceNamePrefix == QStringLiteral("KIOSK-"));
    CHECK(good->deviceNamingByHostname);
    CHECK(good->deviceCommandLifetime == std::chrono::seconds(60));
    for (const char* bad : {"[devices]\nnaming = serial\n", "[devices]\nnamePrefix = a b\n",
                            "[devices]\npingIntervalSeconds = 30\nidleTimeoutSeconds = 30\n"}) {
        INFO(bad);
        const auto refused = server::loadServerSettings(writeIni(dir, bad), QStringLiteral("/d"));
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().code == ErrorCode::InvalidConfig);
        CHECK(refused.error().message.contains(QStringLiteral("devices/")));
    }
}

TEST_CASE("the relay wait is read and refused by name", "[unit][settings]")
{
    QTemporaryDir dir;
    const auto good = server::loadServerSettings(writeIni(dir, "[shadow]\nrelayWaitSeconds = 5\n"),
                                                 QStringLiteral("/d"));
    REQUIRE(good.ok());
    CHECK(good->shadowRelayWait == std::chrono::seconds(5));
    for (const char* bad :
         {"[shadow]\nrelayWaitSeconds = 0\n", "[shadow]\nrelayWaitSeconds = 301\n"}) {
        INFO(bad);
        QTemporaryDir own; // a file of the same size and second in the same path may be cached
        const auto refused = server::loadServerSettings(writeIni(own, bad), QStringLiteral("/d"));
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().message.contains(QStringLiteral("shadow/relayWaitSeconds")));
    }
}

TEST_CASE("the certificate reconciliation, warning and watch settings are read and refused by name",
          "[unit][settings]")
{
    QTemporaryDir dir;
    const auto good = server::loadServerSettings(
        writeIni(dir, "[certificates]\nreconcileSeconds = 2\nwarningDays = 7\nwatchSeconds = 9\n"),
        QStringLiteral("/d"));
    REQUIRE(good.ok());
    CHECK(good->certificateReconcileInterval == std::chrono::seconds(2));
    CHECK(good->certificateWarningDays == 7);
    CHECK(good->certificateWatchInterval == std::chrono::seconds(9));
    CHECK(ServerSettings().certificateReconcileInterval == std::chrono::minutes(5));
    CHECK(ServerSettings().certificateWatchInterval == std::chrono::seconds(5));
    for (const auto& [bad, key] :
         {std::pair{"[certificates]\nreconcileSeconds = 0\n", "certificates/reconcileSeconds"},
          std::pair{"[certificates]\nwarningDays = -1\n", "certificates/warningDays"},
          std::pair{"[certificates]\nwarningDays = many\n", "certificates/warningDays"},
          std::pair{"[certificates]\nwatchSeconds = 0\n", "certificates/watchSeconds"}}) {
        INFO(bad);
        QTemporaryDir own;
        const auto refused = server::loadServerSettings(writeIni(own, bad), QStringLiteral("/d"));
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().message.contains(QLatin1String(key)));
    }
}
