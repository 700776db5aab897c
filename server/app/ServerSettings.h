// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ServerSettings - every setting of steward-server, with its default, loaded once at start-up.
#pragma once

#include "common/core/Result.h"
#include "server/db/DatabaseConfig.h"

#include <QCommandLineParser>
#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <chrono>

namespace steward::server {

/**
 * Defaults live here, in the member initialisers; packaging/config/server.conf is their
 * commented reference and a test keeps the two equal.
 */
struct ServerSettings {
    QString dataDir;    // from --data-dir; holds the database, keys and certificates
    QString configFile; // from --config; empty when none (backups include it)
    int backupPassphraseIterations = 600000; // PBKDF2 rounds of backups; tests lower it

    // [server]
    QHostAddress listenAddress = QHostAddress::Any;
    quint16 port = 8443;
    QStringList publicNames; // names and addresses clients use; must be in the web certificate

    // [database]
    db::DatabaseKind databaseKind = db::DatabaseKind::Sqlite;
    QString sqliteFile; // empty: <dataDir>/steward.sqlite
    QString databaseHost = QStringLiteral("localhost");
    int databasePort = 5432;
    QString databaseName = QStringLiteral("steward");
    QString databaseUser = QStringLiteral("steward");
    QString databasePasswordFile; // a file readable by the server only; never the password itself

    // [auth]
    std::chrono::minutes sessionLifetime{30}; // sliding: every request renews it
    int maxFailedLogins = 5;
    std::chrono::minutes lockoutDuration{5};

    // [http]
    qint64 maxRequestBytes = 1024 * 1024;
    std::chrono::milliseconds handshakeTimeout{10000}; // the file says seconds
    std::chrono::milliseconds idleTimeout{60000};
    int defaultPageSize = 100;
    int maxPageSize = 1000;
    // TLS handshake admission control: handshakes at once, and connections waiting for a turn.
    int maxConcurrentHandshakes = 64;
    int maxQueuedHandshakes = 4096;

    // [status]
    std::chrono::milliseconds statusInterval{60000}; // the file says seconds
    std::chrono::milliseconds initTimeout{120000};

    // [devices] the device channel's keepalive (the file says seconds), naming and commands.
    std::chrono::milliseconds devicePingInterval{30000};
    std::chrono::milliseconds deviceIdleTimeout{90000};
    QString deviceNamePrefix = QStringLiteral("TC-");
    bool deviceNamingByHostname = false; // naming = mac | hostname
    std::chrono::seconds deviceCommandLifetime{24 * 3600};
    // How often queued commands are checked for expiry (not in the file; tests shorten it).
    std::chrono::milliseconds deviceCommandSweepInterval{10000};

    // How often an open console event socket checks that its session still exists.
    std::chrono::milliseconds consoleRecheckInterval{60000};

    // [shadow]
    std::chrono::seconds shadowTicketTtl{60}; // a shadow ticket must reach the agent this soon
    bool shadowSecureOnly = false;            // force "secure only" into every device's policy
    std::chrono::seconds shadowRelayWait{30}; // a relay console waits this long for its device
    // [certificates] device-communication certificates (docs/certificates.md)
    std::chrono::milliseconds certificateReconcileInterval{300000}; // the file says seconds
    int certificateWarningDays = 30; // status warns about active certificates expiring sooner
    // how often the server looks for store changes made elsewhere (steward-admin, other servers)
    std::chrono::milliseconds certificateWatchInterval{5000}; // the file says seconds
    // [discovery] UDP scan, online check, register offers, Wake-on-LAN (docs/discovery.md)
    quint16 discoveryAgentPort = 30005;
    std::chrono::milliseconds scanWait{3000}; // the file says seconds
    int maxScanAddresses = 1024;
    std::chrono::milliseconds onlineCheckInterval{60000}; // the file says seconds; 0: off
    std::chrono::seconds offerLifetime{600};              // the file says minutes
    QString discoveryServerUrl; // what offers name; empty: derived per device
    bool autoRegister = false;
    quint16 wolPort = 9;
    bool wolBroadcast = true;
    QStringList wolSubnets; // CIDRs

    // [logging]
    QString logRules; // QLoggingCategory rules, ';'-separated

    /** The database connection these settings describe; the password is read separately. */
    [[nodiscard]] db::DatabaseConfig databaseConfig() const;
};

/**
 * Reads \a iniPath (may be empty: defaults only) over the defaults. Unknown keys are logged as
 * warnings; an invalid value is an InvalidConfig error naming the key and the file.
 */
[[nodiscard]] Result<ServerSettings> loadServerSettings(const QString& iniPath,
                                                        const QString& dataDir);

/** --data-dir, --config and --listen (which overrides the file) from steward-server's command line.
 */
[[nodiscard]] Result<ServerSettings> settingsFromCommandLine(const QCommandLineParser& parser);

/** Parses "ADDR:PORT", "[v6]:PORT", "*:PORT" or ":PORT" (the last two: every address). */
[[nodiscard]] Result<std::pair<QHostAddress, quint16>> parseListenAddress(const QString& text);

} // namespace steward::server
