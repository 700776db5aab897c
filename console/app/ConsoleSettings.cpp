// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/app/ConsoleSettings.h"

#include <QDir>
#include <QStandardPaths>

namespace steward::console {
namespace {

constexpr int MaxServers = 10;
constexpr int DefaultPort = 8443;

} // namespace

ConsoleSettings::ConsoleSettings(const QString& directory)
{
    QDir().mkpath(directory);
    m_settings = std::make_unique<QSettings>(
        QDir(directory).filePath(QStringLiteral("console.conf")), QSettings::IniFormat);
}

QString ConsoleSettings::defaultDirectory()
{
    const QString configured = qEnvironmentVariable("STEWARD_CONSOLE_CONFIG_DIR");
    if (!configured.isEmpty()) {
        return configured;
    }
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("steward"));
}

QUrl ConsoleSettings::normalizeServer(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return {};
    }
    QUrl url = QUrl::fromUserInput(
        trimmed.contains(QStringLiteral("://")) ? trimmed : QStringLiteral("https://") + trimmed);
    if (!url.isValid() || url.host().isEmpty() || url.scheme() != QStringLiteral("https")) {
        return {};
    }
    if (url.port() < 0) {
        url.setPort(DefaultPort);
    }
    url.setPath({});
    url.setQuery(QString());
    url.setUserInfo({});
    return url;
}

QString ConsoleSettings::key(const QUrl& server)
{
    // QSettings keys must not contain '/' or ':' from the URL: hex keeps them plain.
    return QString::fromLatin1(
        QStringLiteral("%1:%2").arg(server.host().toLower()).arg(server.port()).toUtf8().toHex());
}

QStringList ConsoleSettings::servers() const
{
    return m_settings->value(QStringLiteral("servers/recent")).toStringList();
}

void ConsoleSettings::rememberServer(const QUrl& server, const QString& user)
{
    QStringList list = servers();
    const QString text = server.toString();
    list.removeAll(text);
    list.prepend(text);
    while (list.size() > MaxServers) {
        list.removeLast();
    }
    m_settings->setValue(QStringLiteral("servers/recent"), list);
    m_settings->setValue(QStringLiteral("users/") + key(server), user);
    m_settings->sync();
}

QString ConsoleSettings::lastUser(const QUrl& server) const
{
    return m_settings->value(QStringLiteral("users/") + key(server)).toString();
}

void ConsoleSettings::forgetServer(const QUrl& server)
{
    QStringList list = servers();
    list.removeAll(server.toString());
    m_settings->setValue(QStringLiteral("servers/recent"), list);
    m_settings->remove(QStringLiteral("users/") + key(server));
    m_settings->remove(QStringLiteral("pins/") + key(server));
    m_settings->sync();
}

QSslCertificate ConsoleSettings::pinnedCertificate(const QUrl& server) const
{
    const QByteArray pem = m_settings->value(QStringLiteral("pins/") + key(server)).toByteArray();
    return pem.isEmpty() ? QSslCertificate() : QSslCertificate(pem, QSsl::Pem);
}

void ConsoleSettings::pinCertificate(const QUrl& server, const QSslCertificate& certificate)
{
    m_settings->setValue(QStringLiteral("pins/") + key(server), certificate.toPem());
    m_settings->sync();
}

QByteArray ConsoleSettings::windowGeometry() const
{
    return m_settings->value(QStringLiteral("window/geometry")).toByteArray();
}

QByteArray ConsoleSettings::windowState() const
{
    return m_settings->value(QStringLiteral("window/state")).toByteArray();
}

void ConsoleSettings::saveWindow(const QByteArray& geometry, const QByteArray& state)
{
    m_settings->setValue(QStringLiteral("window/geometry"), geometry);
    m_settings->setValue(QStringLiteral("window/state"), state);
    m_settings->sync();
}

QString ConsoleSettings::externalViewer() const
{
    return m_settings->value(QStringLiteral("shadow/externalViewer")).toString().trimmed();
}

void ConsoleSettings::setExternalViewer(const QString& command)
{
    if (command.trimmed().isEmpty()) {
        m_settings->remove(QStringLiteral("shadow/externalViewer"));
    } else {
        m_settings->setValue(QStringLiteral("shadow/externalViewer"), command.trimmed());
    }
    m_settings->sync();
}

bool ConsoleSettings::shadowScaleToFit() const
{
    return m_settings->value(QStringLiteral("shadow/scaleToFit"), true).toBool();
}

void ConsoleSettings::setShadowScaleToFit(bool fit)
{
    m_settings->setValue(QStringLiteral("shadow/scaleToFit"), fit);
    m_settings->sync();
}

} // namespace steward::console
