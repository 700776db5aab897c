// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The wallpaper applier below a sandbox root: the downloaded file and the config naming it, and
// a file that could not be downloaded failing desktop.wallpaper (docs/settings.md).
#include "agent/settings/BundleApplier.h"
#include "agent/settings/Wallpaper.h"
#include "tests/support/CatchQt.h"

#include <QFile>
#include <QTemporaryDir>

using namespace steward;
using agent::settings::BundleApplier;
using agent::settings::WallpaperFiles;

namespace {

QByteArray read(const QTemporaryDir& root, const QString& path)
{
    QFile file(root.filePath(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

} // namespace

TEST_CASE("the wallpaper applier writes the downloaded file and names it, and a file the server "
          "does not have keeps the previous bundle",
          "[unit][agent][settings][wallpaper]")
{
    QTemporaryDir root;
    auto files = std::make_shared<WallpaperFiles>();
    auto appliers = agent::settings::fileAppliers();
    appliers.push_back(agent::settings::wallpaperApplier(files));
    BundleApplier applier(root.path(), steward::settings::ParameterRegistry::standard(),
                          std::move(appliers));
    const QByteArray png("\x89PNG\r\n\x1a\n-bytes", 14);
    files->put(QStringLiteral("office.png"), png);
    auto report = applier.apply(
        QStringLiteral("v1"),
        QJsonObject{{QStringLiteral("desktop.wallpaper"), QStringLiteral("office.png")}});
    INFO(report.failures.values().join(QStringLiteral("; ")).toStdString());
    REQUIRE(report.applied);
    CHECK(report.notApplied.isEmpty());
    CHECK(read(root, QStringLiteral("etc/steward/wallpaper/office.png")) == png);
    CHECK(read(root, QStringLiteral("etc/steward/wallpaper.conf"))
          == "file=/etc/steward/wallpaper/office.png\n");

    SECTION("a missing file fails desktop.wallpaper with the download's reason")
    {
        files->put(
            QStringLiteral("gone.png"),
            makeError(ErrorCode::NotFound, QStringLiteral("the server has no file \"gone.png\"")));
        report = applier.apply(
            QStringLiteral("v2"),
            QJsonObject{{QStringLiteral("desktop.wallpaper"), QStringLiteral("gone.png")},
                        {QStringLiteral("system.timezone"), QStringLiteral("Asia/Tokyo")}});
        CHECK_FALSE(report.applied);
        CHECK(report.version == QStringLiteral("v1"));
        CHECK(report.failures.keys() == QStringList{QStringLiteral("desktop.wallpaper")});
        CHECK(report.failures.value(QStringLiteral("desktop.wallpaper"))
              == QStringLiteral("desktop.wallpaper: the server has no file \"gone.png\""));
        CHECK(read(root, QStringLiteral("etc/steward/wallpaper.conf"))
              == "file=/etc/steward/wallpaper/office.png\n");
        CHECK(read(root, QStringLiteral("etc/timezone")) == "<missing>");
    }
    SECTION("a file nobody downloaded is refused too")
    {
        report = applier.apply(
            QStringLiteral("v2"),
            QJsonObject{{QStringLiteral("desktop.wallpaper"), QStringLiteral("never.png")}});
        CHECK_FALSE(report.applied);
        CHECK(report.failures.value(QStringLiteral("desktop.wallpaper"))
                  .contains(QStringLiteral("not downloaded")));
    }
    SECTION("leaving the bundle goes back to the plain background")
    {
        report = applier.apply(QStringLiteral("v2"), {});
        REQUIRE(report.applied);
        CHECK(read(root, QStringLiteral("etc/steward/wallpaper.conf")) == "file=\n");
    }
}
