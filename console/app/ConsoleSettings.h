// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ConsoleSettings - remembered servers, users, pinned certificates and window geometry.
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QSslCertificate>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace steward::console {

/**
 * An INI file, console.conf, in the configuration folder: $STEWARD_CONSOLE_CONFIG_DIR when set
 * (tests point it at a temporary folder), otherwise the platform's application config folder
 * (~/.config/steward/). Pins are stored per server (scheme, host and port) as PEM: a
 * certificate is public, never a secret. Passwords are never stored.
 */
class ConsoleSettings {
public:
    explicit ConsoleSettings(const QString& directory = defaultDirectory());

    [[nodiscard]] static QString defaultDirectory();
    [[nodiscard]] QString fileName() const { return m_settings->fileName(); }

    /** Most recently used first. */
    [[nodiscard]] QStringList servers() const;
    void rememberServer(const QUrl& server, const QString& user);
    [[nodiscard]] QString lastUser(const QUrl& server) const;
    /** Drops \a server from the list, with its last user and its pinned certificate. */
    void forgetServer(const QUrl& server);

    [[nodiscard]] QSslCertificate pinnedCertificate(const QUrl& server) const;
    void pinCertificate(const QUrl& server, const QSslCertificate& certificate);

    [[nodiscard]] QByteArray windowGeometry() const;
    [[nodiscard]] QByteArray windowState() const;
    void saveWindow(const QByteArray& geometry, const QByteArray& state);

    /**
     * The external viewer command used instead of the embedded viewer ([shadow] externalViewer);
     * empty (the default) means the embedded viewer. "{port}" becomes the local port, as in
     * steward-shadow --viewer.
     */
    [[nodiscard]] QString externalViewer() const;
    void setExternalViewer(const QString& command);
    /** Whether the shadow viewer scales the screen to fit (true) or shows it 1:1. */
    [[nodiscard]] bool shadowScaleToFit() const;
    void setShadowScaleToFit(bool fit);

    void sync() { m_settings->sync(); }

    /** "https://host:8443" from "host", "host:port" or a URL; invalid when unusable. */
    [[nodiscard]] static QUrl normalizeServer(const QString& text);

private:
    [[nodiscard]] static QString key(const QUrl& server);
    std::unique_ptr<QSettings> m_settings;
};

} // namespace steward::console
