// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/settings/Wallpaper.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QNetworkReply>

namespace steward::agent::settings {
namespace {

const QString Key = QStringLiteral("desktop.wallpaper");

class WallpaperApplier final : public Applier {
public:
    explicit WallpaperApplier(std::shared_ptr<const WallpaperFiles> files)
        : m_files(std::move(files))
    {}
    QString name() const override { return QStringLiteral("wallpaper"); }
    Result<std::vector<FileChange>> render(const QJsonObject& values) const override
    {
        const QString name = values.value(Key).toString();
        const QString conf = QStringLiteral("etc/steward/wallpaper.conf");
        if (name.isEmpty()) {
            return std::vector<FileChange>{{conf, "file=\n"}};
        }
        auto file = m_files->get(name);
        if (!file) {
            return makeError(file.error().code, Key + QStringLiteral(": ") + file.error().message);
        }
        const QString path = QStringLiteral("etc/steward/wallpaper/") + name;
        return std::vector<FileChange>{{path, *file}, {conf, "file=/" + path.toUtf8() + '\n'}};
    }

private:
    std::shared_ptr<const WallpaperFiles> m_files;
};

} // namespace

void WallpaperFiles::put(const QString& name, Result<QByteArray> file)
{
    m_files.insert(name, std::move(file));
}

Result<QByteArray> WallpaperFiles::get(const QString& name) const
{
    const auto it = m_files.constFind(name);
    if (it == m_files.constEnd()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("the file \"%1\" was not downloaded").arg(name));
    }
    return *it;
}

std::unique_ptr<Applier> wallpaperApplier(std::shared_ptr<const WallpaperFiles> files)
{
    return std::make_unique<WallpaperApplier>(std::move(files));
}

WallpaperFetcher::WallpaperFetcher(QSslConfiguration tls, qint64 maxBytes, QObject* parent)
    : QObject(parent), m_tls(std::move(tls)), m_maxBytes(maxBytes)
{}

void WallpaperFetcher::fetch(const QUrl& base, const QString& name, Done done)
{
    QUrl url = base;
    url.setScheme(QStringLiteral("https"));
    url.setPath(QStringLiteral("/device/v1/files/") + name);
    QNetworkRequest request(url);
    request.setSslConfiguration(m_tls);
    request.setTransferTimeout(30000);
    QNetworkReply* reply = m_network.get(request);
    connect(reply, &QNetworkReply::downloadProgress, reply, [this, reply](qint64 received, qint64) {
        if (received > m_maxBytes) {
            reply->setProperty("tooLarge", true);
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, name, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        if (reply->property("tooLarge").toBool()) {
            done(makeError(ErrorCode::FrameTooLarge,
                           QStringLiteral("the file \"%1\" is larger than %2 bytes")
                               .arg(name)
                               .arg(m_maxBytes)));
            return;
        }
        if (status == 404) {
            done(makeError(ErrorCode::NotFound,
                           QStringLiteral("the server has no file \"%1\"").arg(name)));
            return;
        }
        if (reply->error() != QNetworkReply::NoError || status != 200) {
            const QString message = QJsonDocument::fromJson(body)
                                        .object()
                                        .value(QStringLiteral("error"))
                                        .toObject()
                                        .value(QStringLiteral("message"))
                                        .toString();
            done(makeError(ErrorCode::ConnectionFailed,
                           QStringLiteral("downloading \"%1\" failed: %2")
                               .arg(name, message.isEmpty() ? reply->errorString() : message)));
            return;
        }
        const QByteArray expected = reply->rawHeader("X-Steward-Sha256").toLower();
        const QByteArray actual =
            QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex();
        if (expected.isEmpty() || expected != actual) {
            done(makeError(
                ErrorCode::InvalidValue,
                QStringLiteral("the download of \"%1\" has SHA-256 %2, the server "
                               "stores %3")
                    .arg(name, QString::fromLatin1(actual), QString::fromLatin1(expected))));
            return;
        }
        done(body);
    });
}

SettingsClient::Prepare wallpaperPreparation(WallpaperFetcher& fetcher,
                                             std::shared_ptr<WallpaperFiles> files,
                                             std::function<QUrl()> server)
{
    return [&fetcher, files, server](const protocol::SettingsBundle& bundle,
                                     std::function<void()> ready) {
        const QString name = bundle.values.value(Key).toString();
        if (name.isEmpty()) {
            ready();
            return;
        }
        fetcher.fetch(server(), name, [files, name, ready](Result<QByteArray> file) {
            files->put(name, std::move(file));
            ready();
        });
    };
}

} // namespace steward::agent::settings
