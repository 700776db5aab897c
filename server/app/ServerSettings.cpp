// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/app/ServerSettings.h"

#include "server/app/Logging.h"
#include "server/discovery/AddressRange.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>

#include <set>

namespace steward::server {
namespace {

const std::set<QString>& knownKeys()
{
    static const std::set<QString> keys{
        QStringLiteral("server/listen"),
        QStringLiteral("server/publicNames"),
        QStringLiteral("database/type"),
        QStringLiteral("database/file"),
        QStringLiteral("database/host"),
        QStringLiteral("database/port"),
        QStringLiteral("database/name"),
        QStringLiteral("database/user"),
        QStringLiteral("database/passwordFile"),
        QStringLiteral("auth/sessionMinutes"),
        QStringLiteral("auth/maxFailedLogins"),
        QStringLiteral("auth/lockoutMinutes"),
        QStringLiteral("http/maxRequestBytes"),
        QStringLiteral("http/defaultPageSize"),
        QStringLiteral("http/maxPageSize"),
        QStringLiteral("http/handshakeTimeoutSeconds"),
        QStringLiteral("http/idleTimeoutSeconds"),
        QStringLiteral("http/maxConcurrentHandshakes"),
        QStringLiteral("http/maxQueuedHandshakes"),
        QStringLiteral("status/intervalSeconds"),
        QStringLiteral("status/initTimeoutSeconds"),
        QStringLiteral("logging/rules"),
        QStringLiteral("devices/pingIntervalSeconds"),
        QStringLiteral("devices/idleTimeoutSeconds"),
        QStringLiteral("devices/namePrefix"),
        QStringLiteral("devices/naming"),
        QStringLiteral("devices/commandTtlSeconds"),
        QStringLiteral("shadow/ticketTtlSeconds"),
        QStringLiteral("shadow/secureOnly"),
        QStringLiteral("shadow/relayWaitSeconds"),
        QStringLiteral("certificates/reconcileSeconds"),
        QStringLiteral("certificates/warningDays"),
        QStringLiteral("certificates/watchSeconds"),
        QStringLiteral("discovery/agentPort"),
        QStringLiteral("discovery/scanWaitSeconds"),
        QStringLiteral("discovery/maxScanAddresses"),
        QStringLiteral("discovery/onlineCheckSeconds"),
        QStringLiteral("discovery/offerMinutes"),
        QStringLiteral("discovery/serverUrl"),
        QStringLiteral("discovery/autoRegister"),
        QStringLiteral("discovery/wolPort"),
        QStringLiteral("discovery/wolBroadcast"),
        QStringLiteral("discovery/wolSubnets"),
    };
    return keys;
}

// Reads typed values and remembers the first problem, so one message names key and file.
class Reader {
public:
    Reader(QSettings& ini, QString path) : m_ini(ini), m_path(std::move(path)) {}

    [[nodiscard]] bool has(const QString& key) const { return m_ini.contains(key); }
    [[nodiscard]] QString text(const QString& key, const QString& fallback) const
    {
        const QVariant value = m_ini.value(key);
        if (!value.isValid()) {
            return fallback;
        }
        // QSettings splits unquoted commas into a list; a text setting wants them back.
        return value.typeId() == QMetaType::QStringList
                   ? value.toStringList().join(QLatin1Char(','))
                   : value.toString().trimmed();
    }
    bool boolean(const QString& key, bool fallback)
    {
        const QString value =
            text(key, fallback ? QStringLiteral("true") : QStringLiteral("false"));
        if (value == QLatin1String("true")) {
            return true;
        }
        if (value != QLatin1String("false")) {
            fail(key, QStringLiteral("must be true or false"));
        }
        return false;
    }
    qint64 integer(const QString& key, qint64 fallback, qint64 min, qint64 max)
    {
        if (!has(key)) {
            return fallback;
        }
        bool ok = false;
        const qint64 value = text(key, {}).toLongLong(&ok);
        if (!ok || value < min || value > max) {
            fail(key, QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max));
            return fallback;
        }
        return value;
    }
    void fail(const QString& key, const QString& why)
    {
        if (!m_error) {
            m_error = makeError(
                ErrorCode::InvalidConfig,
                QStringLiteral("%1: %2 = \"%3\" %4").arg(m_path, key, text(key, {}), why));
        }
    }
    [[nodiscard]] const std::optional<Error>& error() const { return m_error; }

private:
    QSettings& m_ini;
    QString m_path;
    std::optional<Error> m_error;
};

void readServerSection(Reader& reader, ServerSettings& settings)
{
    if (reader.has(QStringLiteral("server/listen"))) {
        auto listen = parseListenAddress(reader.text(QStringLiteral("server/listen"), {}));
        if (listen) {
            settings.listenAddress = listen->first;
            settings.port = listen->second;
        } else {
            reader.fail(QStringLiteral("server/listen"), listen.error().message);
        }
    }
    const QString names = reader.text(QStringLiteral("server/publicNames"), {});
    settings.publicNames.clear();
    for (const auto& name : names.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        settings.publicNames.append(name.trimmed());
    }
}

void readDatabaseSection(Reader& reader, ServerSettings& settings)
{
    const QString type = reader.text(QStringLiteral("database/type"), QStringLiteral("sqlite"));
    if (type == QLatin1String("sqlite")) {
        settings.databaseKind = db::DatabaseKind::Sqlite;
    } else if (type == QLatin1String("postgresql")) {
        settings.databaseKind = db::DatabaseKind::Postgres;
    } else {
        reader.fail(QStringLiteral("database/type"),
                    QStringLiteral("must be sqlite or postgresql"));
    }
    settings.sqliteFile = reader.text(QStringLiteral("database/file"), settings.sqliteFile);
    settings.databaseHost = reader.text(QStringLiteral("database/host"), settings.databaseHost);
    settings.databasePort =
        int(reader.integer(QStringLiteral("database/port"), settings.databasePort, 1, 65535));
    settings.databaseName = reader.text(QStringLiteral("database/name"), settings.databaseName);
    settings.databaseUser = reader.text(QStringLiteral("database/user"), settings.databaseUser);
    settings.databasePasswordFile =
        reader.text(QStringLiteral("database/passwordFile"), settings.databasePasswordFile);
}

void readLimits(Reader& reader, ServerSettings& settings)
{
    settings.sessionLifetime = std::chrono::minutes(reader.integer(
        QStringLiteral("auth/sessionMinutes"), settings.sessionLifetime.count(), 1, 24 * 60));
    settings.maxFailedLogins = int(
        reader.integer(QStringLiteral("auth/maxFailedLogins"), settings.maxFailedLogins, 1, 1000));
    settings.lockoutDuration = std::chrono::minutes(reader.integer(
        QStringLiteral("auth/lockoutMinutes"), settings.lockoutDuration.count(), 1, 24 * 60));
    settings.maxRequestBytes = reader.integer(QStringLiteral("http/maxRequestBytes"),
                                              settings.maxRequestBytes, 1024, 256 * 1024 * 1024);
    settings.handshakeTimeout = std::chrono::seconds(reader.integer(
        QStringLiteral("http/handshakeTimeoutSeconds"),
        std::chrono::duration_cast<std::chrono::seconds>(settings.handshakeTimeout).count(), 1,
        600));
    settings.idleTimeout = std::chrono::seconds(reader.integer(
        QStringLiteral("http/idleTimeoutSeconds"),
        std::chrono::duration_cast<std::chrono::seconds>(settings.idleTimeout).count(), 1, 3600));
    settings.defaultPageSize = int(reader.integer(QStringLiteral("http/defaultPageSize"),
                                                  settings.defaultPageSize, 1, 100000));
    settings.maxPageSize =
        int(reader.integer(QStringLiteral("http/maxPageSize"), settings.maxPageSize, 1, 100000));
    settings.maxConcurrentHandshakes =
        int(reader.integer(QStringLiteral("http/maxConcurrentHandshakes"),
                           settings.maxConcurrentHandshakes, 1, 100000));
    settings.maxQueuedHandshakes = int(reader.integer(QStringLiteral("http/maxQueuedHandshakes"),
                                                      settings.maxQueuedHandshakes, 0, 1000000));
    if (settings.defaultPageSize > settings.maxPageSize) {
        reader.fail(QStringLiteral("http/defaultPageSize"),
                    QStringLiteral("must not exceed http/maxPageSize"));
    }
    settings.statusInterval = std::chrono::seconds(reader.integer(
        QStringLiteral("status/intervalSeconds"),
        std::chrono::duration_cast<std::chrono::seconds>(settings.statusInterval).count(), 1,
        3600));
    settings.initTimeout = std::chrono::seconds(reader.integer(
        QStringLiteral("status/initTimeoutSeconds"),
        std::chrono::duration_cast<std::chrono::seconds>(settings.initTimeout).count(), 1, 3600));
    settings.logRules = reader.text(QStringLiteral("logging/rules"), settings.logRules);
    settings.shadowTicketTtl = std::chrono::seconds(reader.integer(
        QStringLiteral("shadow/ticketTtlSeconds"), settings.shadowTicketTtl.count(), 5, 3600));
    settings.shadowSecureOnly =
        reader.boolean(QStringLiteral("shadow/secureOnly"), settings.shadowSecureOnly);
    settings.shadowRelayWait = std::chrono::seconds(reader.integer(
        QStringLiteral("shadow/relayWaitSeconds"), settings.shadowRelayWait.count(), 1, 300));
    settings.certificateReconcileInterval = std::chrono::seconds(reader.integer(
        QStringLiteral("certificates/reconcileSeconds"),
        std::chrono::duration_cast<std::chrono::seconds>(settings.certificateReconcileInterval)
            .count(),
        1, 86400));
    settings.certificateWarningDays = int(reader.integer(QStringLiteral("certificates/warningDays"),
                                                         settings.certificateWarningDays, 0, 3650));
    settings.certificateWatchInterval = std::chrono::seconds(reader.integer(
        QStringLiteral("certificates/watchSeconds"),
        std::chrono::duration_cast<std::chrono::seconds>(settings.certificateWatchInterval).count(),
        1, 3600));
}

void readDevicesSection(Reader& reader, ServerSettings& settings)
{
    using std::chrono::duration_cast;
    using std::chrono::seconds;
    settings.devicePingInterval = seconds(
        reader.integer(QStringLiteral("devices/pingIntervalSeconds"),
                       duration_cast<seconds>(settings.devicePingInterval).count(), 1, 3600));
    settings.deviceIdleTimeout = seconds(
        reader.integer(QStringLiteral("devices/idleTimeoutSeconds"),
                       duration_cast<seconds>(settings.deviceIdleTimeout).count(), 2, 4 * 3600));
    if (settings.deviceIdleTimeout <= settings.devicePingInterval) {
        reader.fail(QStringLiteral("devices/idleTimeoutSeconds"),
                    QStringLiteral("must be longer than devices/pingIntervalSeconds"));
    }
    settings.deviceNamePrefix =
        reader.text(QStringLiteral("devices/namePrefix"), settings.deviceNamePrefix);
    static const QRegularExpression prefix(QStringLiteral("^[A-Za-z0-9-]{0,20}$"));
    if (!prefix.match(settings.deviceNamePrefix).hasMatch()) {
        reader.fail(QStringLiteral("devices/namePrefix"),
                    QStringLiteral("must be at most 20 letters, digits and hyphens"));
    }
    const QString naming = reader.text(QStringLiteral("devices/naming"), QStringLiteral("mac"));
    if (naming != QLatin1String("mac") && naming != QLatin1String("hostname")) {
        reader.fail(QStringLiteral("devices/naming"), QStringLiteral("must be mac or hostname"));
    }
    settings.deviceNamingByHostname = naming == QLatin1String("hostname");
    settings.deviceCommandLifetime =
        seconds(reader.integer(QStringLiteral("devices/commandTtlSeconds"),
                               settings.deviceCommandLifetime.count(), 1, 30 * 24 * 3600));
}

void readDiscoverySection(Reader& reader, ServerSettings& settings)
{
    using std::chrono::duration_cast;
    using std::chrono::seconds;
    settings.discoveryAgentPort = quint16(reader.integer(QStringLiteral("discovery/agentPort"),
                                                         settings.discoveryAgentPort, 1, 65535));
    settings.scanWait =
        seconds(reader.integer(QStringLiteral("discovery/scanWaitSeconds"),
                               duration_cast<seconds>(settings.scanWait).count(), 1, 60));
    settings.maxScanAddresses = int(reader.integer(QStringLiteral("discovery/maxScanAddresses"),
                                                   settings.maxScanAddresses, 1, 65536));
    settings.onlineCheckInterval = seconds(
        reader.integer(QStringLiteral("discovery/onlineCheckSeconds"),
                       duration_cast<seconds>(settings.onlineCheckInterval).count(), 0, 24 * 3600));
    settings.offerLifetime = std::chrono::minutes(
        reader.integer(QStringLiteral("discovery/offerMinutes"),
                       duration_cast<std::chrono::minutes>(settings.offerLifetime).count(), 1, 60));
    settings.discoveryServerUrl =
        reader.text(QStringLiteral("discovery/serverUrl"), settings.discoveryServerUrl);
    if (!settings.discoveryServerUrl.isEmpty()
        && !settings.discoveryServerUrl.startsWith(QLatin1String("https://"))) {
        reader.fail(QStringLiteral("discovery/serverUrl"),
                    QStringLiteral("must be empty or https://HOST:PORT"));
    }
    settings.autoRegister =
        reader.boolean(QStringLiteral("discovery/autoRegister"), settings.autoRegister);
    settings.wolPort =
        quint16(reader.integer(QStringLiteral("discovery/wolPort"), settings.wolPort, 1, 65535));
    settings.wolBroadcast =
        reader.boolean(QStringLiteral("discovery/wolBroadcast"), settings.wolBroadcast);
    const QString subnets = reader.text(QStringLiteral("discovery/wolSubnets"), {});
    for (const auto& subnet : subnets.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (auto valid = discovery::subnetBroadcast(subnet.trimmed()); !valid) {
            reader.fail(QStringLiteral("discovery/wolSubnets"), valid.error().message);
        }
        settings.wolSubnets.append(subnet.trimmed());
    }
}

} // namespace

db::DatabaseConfig ServerSettings::databaseConfig() const
{
    db::DatabaseConfig config;
    config.kind = databaseKind;
    config.sqliteFile = sqliteFile.isEmpty()
                            ? QDir(dataDir).filePath(QStringLiteral("steward.sqlite"))
                            : sqliteFile;
    config.host = databaseHost;
    config.port = databasePort;
    config.name = databaseName;
    config.user = databaseUser;
    return config;
}

Result<std::pair<QHostAddress, quint16>> parseListenAddress(const QString& text)
{
    const int colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon < 0) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("must be ADDRESS:PORT, e.g. *:8443 or 127.0.0.1:8443"));
    }
    QString host = text.left(colon).trimmed();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']'))) {
        host = host.mid(1, host.size() - 2);
    }
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("port must be a number from 0 to 65535"));
    }
    QHostAddress address = QHostAddress::Any; // "*" or nothing: every IPv4 and IPv6 address
    if (!host.isEmpty() && host != QLatin1String("*") && !address.setAddress(host)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("\"%1\" is not an IP address").arg(host));
    }
    return std::pair{address, quint16(port)};
}

Result<ServerSettings> loadServerSettings(const QString& iniPath, const QString& dataDir)
{
    ServerSettings settings;
    settings.dataDir = dataDir;
    if (iniPath.isEmpty()) {
        return settings;
    }
    if (!QFileInfo(iniPath).isReadable()) {
        return makeError(ErrorCode::InvalidConfig,
                         QStringLiteral("%1: the settings file cannot be read").arg(iniPath));
    }
    QSettings ini(iniPath, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError) {
        return makeError(ErrorCode::InvalidConfig,
                         QStringLiteral("%1: the settings file is not valid INI").arg(iniPath));
    }
    for (const auto& key : ini.allKeys()) {
        if (!knownKeys().contains(key)) {
            qCWarning(lcServerApp).noquote()
                << QStringLiteral("unknown setting ignored file=%1 key=%2").arg(iniPath, key);
        }
    }
    Reader reader(ini, iniPath);
    readServerSection(reader, settings);
    readDatabaseSection(reader, settings);
    readLimits(reader, settings);
    readDevicesSection(reader, settings);
    readDiscoverySection(reader, settings);
    if (reader.error()) {
        return *reader.error();
    }
    return settings;
}

Result<ServerSettings> settingsFromCommandLine(const QCommandLineParser& parser)
{
    const QString dataDir = parser.value(QStringLiteral("data-dir"));
    if (dataDir.isEmpty()) {
        return makeError(ErrorCode::InvalidConfig,
                         QStringLiteral("--data-dir is required (where the database, keys and "
                                        "certificates live)"));
    }
    auto settings =
        loadServerSettings(parser.value(QStringLiteral("config")), QDir(dataDir).absolutePath());
    if (!settings) {
        return settings;
    }
    if (parser.isSet(QStringLiteral("config"))) {
        settings->configFile = QFileInfo(parser.value(QStringLiteral("config"))).absoluteFilePath();
    }
    if (parser.isSet(QStringLiteral("listen"))) {
        auto listen = parseListenAddress(parser.value(QStringLiteral("listen")));
        if (!listen) {
            return makeError(ErrorCode::InvalidConfig,
                             QStringLiteral("--listen: ") + listen.error().message);
        }
        settings->listenAddress = listen->first;
        settings->port = listen->second;
    }
    return settings;
}

} // namespace steward::server
