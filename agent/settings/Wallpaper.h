// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Wallpaper - desktop.wallpaper: the file is downloaded from the server's file store before the
// bundle is applied (WallpaperFetcher), verified by SHA-256, and written by the applier.
#pragma once

#include "agent/settings/Applier.h"
#include "agent/settings/SettingsClient.h"

#include <QMap>
#include <QNetworkAccessManager>
#include <QSslConfiguration>
#include <QUrl>

#include <functional>
#include <memory>

namespace steward::agent::settings {

/** The files downloaded for the bundle being applied, by name (or why each could not be). */
class WallpaperFiles {
public:
    void put(const QString& name, Result<QByteArray> file);
    /** The download's error when it failed; an error too when nothing was downloaded. */
    [[nodiscard]] Result<QByteArray> get(const QString& name) const;

private:
    QMap<QString, Result<QByteArray>> m_files;
};

/**
 * wallpaper: etc/steward/wallpaper/<name> (the file's bytes) and etc/steward/wallpaper.conf
 * ("file=/etc/steward/wallpaper/<name>", or "file=" for the plain background). A file that
 * was not downloaded fails desktop.wallpaper with the download's reason.
 */
[[nodiscard]] std::unique_ptr<Applier>
wallpaperApplier(std::shared_ptr<const WallpaperFiles> files);

/**
 * Downloads GET {base}/device/v1/files/{name} with the device's client certificate (mutual
 * TLS) and checks the bytes against the X-Steward-Sha256 the server sends.
 */
class WallpaperFetcher : public QObject {
    Q_OBJECT

public:
    using Done = std::function<void(Result<QByteArray>)>;
    WallpaperFetcher(QSslConfiguration tls, qint64 maxBytes, QObject* parent = nullptr);

    void fetch(const QUrl& base, const QString& name, Done done);

private:
    QNetworkAccessManager m_network;
    QSslConfiguration m_tls;
    qint64 m_maxBytes;
};

/**
 * The SettingsClient's preparation: downloads the bundle's desktop.wallpaper (when it names a
 * file) from the server \a server() names into \a files, then lets the bundle be applied.
 */
[[nodiscard]] SettingsClient::Prepare wallpaperPreparation(WallpaperFetcher& fetcher,
                                                           std::shared_ptr<WallpaperFiles> files,
                                                           std::function<QUrl()> server);

} // namespace steward::agent::settings
