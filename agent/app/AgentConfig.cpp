// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/app/AgentConfig.h"

#include "agent/app/Logging.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QSettings>

#include <optional>

namespace steward::agent {
namespace {

const QStringList KnownKeys{
    QStringLiteral("server/addresses"),      QStringLiteral("server/port"),
    QStringLiteral("link/heartbeatSeconds"), QStringLiteral("link/heartbeatJitterSeconds"),
    QStringLiteral("hooks/reboot"),          QStringLiteral("hooks/shutdown"),
    QStringLiteral("hooks/rename"),          QStringLiteral("hooks/timeoutSeconds"),
    QStringLiteral("settings/root"),
};

class Reader {
public:
    Reader(QSettings& ini, QString path) : m_ini(ini), m_path(std::move(path)) {}

    [[nodiscard]] QString text(const QString& key) const
    {
        const QVariant value = m_ini.value(key);
        // QSettings splits unquoted commas into a list; a text setting wants them back.
        return value.typeId() == QMetaType::QStringList
                   ? value.toStringList().join(QLatin1Char(','))
                   : value.toString().trimmed();
    }
    qint64 integer(const QString& key, qint64 fallback, qint64 min, qint64 max)
    {
        if (!m_ini.contains(key)) {
            return fallback;
        }
        bool ok = false;
        const qint64 value = text(key).toLongLong(&ok);
        if (!ok || value < min || value > max) {
            fail(key, QStringLiteral("must be a whole number from %1 to %2").arg(min).arg(max));
            return fallback;
        }
        return value;
    }
    QStringList command(const QString& key)
    {
        const QString value = text(key);
        const QStringList parts = QProcess::splitCommand(value);
        if (!value.isEmpty() && parts.isEmpty()) {
            fail(key, QStringLiteral("is not a program with arguments"));
        }
        return parts;
    }
    void fail(const QString& key, const QString& why)
    {
        if (!m_error) {
            m_error =
                makeError(ErrorCode::InvalidConfig,
                          QStringLiteral("%1: %2 = \"%3\" %4").arg(m_path, key, text(key), why));
        }
    }
    [[nodiscard]] const std::optional<Error>& error() const { return m_error; }

private:
    QSettings& m_ini;
    QString m_path;
    std::optional<Error> m_error;
};

// "host", "host:port" or "[v6]:port"; the URL the channel opens.
std::optional<QUrl> channelUrl(const QString& address, int defaultPort)
{
    QUrl url(QStringLiteral("wss://") + address);
    if (!url.isValid() || url.host().isEmpty() || !url.path().isEmpty() || !url.userInfo().isEmpty()
        || url.hasQuery() || url.hasFragment()) {
        return std::nullopt;
    }
    if (url.port() < 0) {
        url.setPort(defaultPort);
    }
    url.setPath(QStringLiteral("/device/v1/ws"));
    return url;
}

} // namespace

QList<QUrl> AgentConfig::serverUrls(const QUrl& enrolled) const
{
    QList<QUrl> urls;
    for (const auto& address : addresses) {
        if (auto url = channelUrl(address, port)) {
            urls.append(*url);
        }
    }
    if (urls.isEmpty()) {
        QUrl url = enrolled;
        url.setScheme(QStringLiteral("wss"));
        url.setPath(QStringLiteral("/device/v1/ws"));
        urls.append(url);
    }
    return urls;
}

QString defaultAgentConfigPath(const QString& stateDir)
{
    return QDir(stateDir).filePath(QStringLiteral("agent.conf"));
}

Result<AgentConfig> loadAgentConfig(const QString& path, bool mustExist)
{
    AgentConfig config;
    if (!QFileInfo::exists(path)) {
        if (mustExist) {
            return makeError(ErrorCode::InvalidConfig,
                             QStringLiteral("%1: the settings file does not exist").arg(path));
        }
        return config;
    }
    if (!QFileInfo(path).isReadable()) {
        return makeError(ErrorCode::InvalidConfig,
                         QStringLiteral("%1: the settings file cannot be read").arg(path));
    }
    QSettings ini(path, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError) {
        return makeError(ErrorCode::InvalidConfig,
                         QStringLiteral("%1: the settings file is not valid INI").arg(path));
    }
    for (const auto& key : ini.allKeys()) {
        if (!KnownKeys.contains(key)) {
            qCWarning(lcAgentApp).noquote()
                << QStringLiteral("unknown setting ignored file=%1 key=%2").arg(path, key);
        }
    }
    Reader reader(ini, path);
    config.port = int(reader.integer(QStringLiteral("server/port"), config.port, 1, 65535));
    const QString addresses = reader.text(QStringLiteral("server/addresses"));
    for (const auto& part : addresses.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString address = part.trimmed();
        if (!channelUrl(address, config.port)) {
            reader.fail(QStringLiteral("server/addresses"),
                        QStringLiteral("has \"%1\", which is not HOST or HOST:PORT").arg(address));
        }
        config.addresses.append(address);
    }
    config.heartbeat = std::chrono::seconds(reader.integer(QStringLiteral("link/heartbeatSeconds"),
                                                           config.heartbeat.count(), 1, 24 * 3600));
    config.heartbeatJitter =
        std::chrono::seconds(reader.integer(QStringLiteral("link/heartbeatJitterSeconds"),
                                            config.heartbeatJitter.count(), 0, 24 * 3600));
    config.rebootHook = reader.command(QStringLiteral("hooks/reboot"));
    config.shutdownHook = reader.command(QStringLiteral("hooks/shutdown"));
    config.renameHook = reader.command(QStringLiteral("hooks/rename"));
    config.hookTimeout = std::chrono::seconds(reader.integer(QStringLiteral("hooks/timeoutSeconds"),
                                                             config.hookTimeout.count(), 1, 3600));
    if (ini.contains(QStringLiteral("settings/root"))) {
        config.settingsRoot = reader.text(QStringLiteral("settings/root"));
        if (!QDir::isAbsolutePath(config.settingsRoot)) {
            reader.fail(QStringLiteral("settings/root"), QStringLiteral("is not an absolute path"));
        }
    }
    if (reader.error()) {
        return *reader.error();
    }
    return config;
}

} // namespace steward::agent
