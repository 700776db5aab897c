// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/settings/BundleApplier.h"
#include "tests/support/CatchQt.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

using namespace steward;
using steward::agent::settings::BundleApplier;

namespace {

QByteArray read(const QTemporaryDir& root, const QString& path)
{
    QFile file(root.filePath(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

const QJsonObject Office{
    {QStringLiteral("system.hostname"), QStringLiteral("kiosk-7")},
    {QStringLiteral("system.timezone"), QStringLiteral("Europe/Berlin")},
    {QStringLiteral("input.keyboard_layout"), QStringLiteral("de(nodeadkeys)")},
    {QStringLiteral("shadow.prompt"), true}};

} // namespace

TEST_CASE("a bundle is applied below a sandbox root and its version reported",
          "[unit][agent][settings]")
{
    QTemporaryDir root;
    BundleApplier applier(root.path(), steward::settings::ParameterRegistry::standard(),
                          agent::settings::fileAppliers());
    const auto report = applier.apply(QStringLiteral("v1"), Office);
    INFO(report.failures.values().join(QStringLiteral("; ")).toStdString());
    REQUIRE(report.applied);
    CHECK(report.version == QStringLiteral("v1"));
    CHECK(applier.appliedVersion() == QStringLiteral("v1"));
    CHECK(read(root, QStringLiteral("etc/hostname")) == "kiosk-7\n");
    CHECK(read(root, QStringLiteral("etc/timezone")) == "Europe/Berlin\n");
    CHECK(read(root, QStringLiteral("etc/default/keyboard"))
          == "XKBLAYOUT=\"de\"\nXKBVARIANT=\"nodeadkeys\"\n");
    CHECK(report.notApplied == QStringList{QStringLiteral("shadow.prompt")});
    CHECK_FALSE(report.rebootRequired);

    SECTION("a changed reboot-only parameter asks for a restart")
    {
        QJsonObject next = Office;
        next.insert(QStringLiteral("commands.boot"),
                    QJsonArray{QStringLiteral("/usr/sbin/update-grub")});
        CHECK(applier.apply(QStringLiteral("v2"), next).rebootRequired);
        CHECK_FALSE(applier.apply(QStringLiteral("v3"), next).rebootRequired);
    }
}

TEST_CASE("a parameter no bundle manages is left alone, and one that leaves the bundle reverts "
          "to its default",
          "[unit][agent][settings]")
{
    QTemporaryDir root;
    BundleApplier applier(root.path(), steward::settings::ParameterRegistry::standard(),
                          agent::settings::fileAppliers());
    REQUIRE(applier.apply(QStringLiteral("v1"), Office).applied);
    // Nothing manages the screen lock: its file is never written.
    CHECK(read(root, QStringLiteral("etc/steward/screen.conf")) == "<missing>");

    const QJsonObject onlyZone{{QStringLiteral("system.timezone"), QStringLiteral("Asia/Tokyo")}};
    const auto report = applier.apply(QStringLiteral("v2"), onlyZone);
    INFO(report.failures.values().join(QStringLiteral("; ")).toStdString());
    REQUIRE(report.applied);
    CHECK(read(root, QStringLiteral("etc/timezone")) == "Asia/Tokyo\n");
    // The keyboard layout was managed by v1 and is not any more: back to the default.
    CHECK(read(root, QStringLiteral("etc/default/keyboard"))
          == "XKBLAYOUT=\"us\"\nXKBVARIANT=\"\"\n");
    CHECK(read(root, QStringLiteral("etc/steward/screen.conf")) == "<missing>");

    // v2 no longer managed the keyboard: a later bundle without it leaves the file as it is.
    QFile::remove(root.filePath(QStringLiteral("etc/default/keyboard")));
    REQUIRE(applier.apply(QStringLiteral("v3"), onlyZone).applied);
    CHECK(read(root, QStringLiteral("etc/default/keyboard")) == "<missing>");
}

TEST_CASE("a failing parameter leaves the previous bundle in place and is reported",
          "[unit][agent][settings]")
{
    QTemporaryDir root;
    BundleApplier applier(root.path(), steward::settings::ParameterRegistry::standard(),
                          agent::settings::fileAppliers());
    REQUIRE(applier.apply(QStringLiteral("v1"), Office).applied);

    QJsonObject next = Office;
    next.insert(QStringLiteral("system.hostname"), QStringLiteral("kiosk-8"));
    SECTION("a zone this device does not know")
    {
        next.insert(QStringLiteral("system.timezone"), QStringLiteral("Mars/Olympus_Mons"));
        const auto report = applier.apply(QStringLiteral("v2"), next);
        CHECK_FALSE(report.applied);
        CHECK(report.version == QStringLiteral("v1"));
        // Reported under the parameter the applier names, not the applier.
        REQUIRE(report.failures.contains(QStringLiteral("system.timezone")));
        CHECK(report.failures.value(QStringLiteral("system.timezone"))
                  .contains(QStringLiteral("no time zone \"Mars/Olympus_Mons\"")));
    }
    SECTION("a value the registry refuses")
    {
        next.insert(QStringLiteral("shadow.prompt_timeout"), 1);
        const auto report = applier.apply(QStringLiteral("v2"), next);
        CHECK_FALSE(report.applied);
        CHECK(report.failures.value(QStringLiteral("shadow.prompt_timeout"))
                  .contains(QStringLiteral("from 5 to 300")));
    }
    SECTION("a file that cannot be written after another one was")
    {
        // etc/default becomes a file: etc/default/keyboard cannot be written, after
        // etc/hostname already was; the hostname is put back.
        REQUIRE(QDir(root.filePath(QStringLiteral("etc/default"))).removeRecursively());
        QFile blocker(root.filePath(QStringLiteral("etc/default")));
        REQUIRE(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const auto report = applier.apply(QStringLiteral("v2"), next);
        CHECK_FALSE(report.applied);
        CHECK(report.failures.contains(QStringLiteral("files")));
    }
    CHECK(applier.appliedVersion() == QStringLiteral("v1"));
    CHECK(read(root, QStringLiteral("etc/hostname")) == "kiosk-7\n");
    CHECK(read(root, QStringLiteral("etc/timezone")) == "Europe/Berlin\n");
}

TEST_CASE("the applied version survives a restart of the agent", "[unit][agent][settings]")
{
    QTemporaryDir root;
    QTemporaryDir state;
    const QString stateFile = state.filePath(QStringLiteral("settings.json"));
    {
        BundleApplier applier(root.path(), steward::settings::ParameterRegistry::standard(),
                              agent::settings::fileAppliers(), stateFile);
        CHECK(applier.appliedVersion().isEmpty());
        REQUIRE(applier.apply(QStringLiteral("v7"), Office).applied);
    }
    BundleApplier restarted(root.path(), steward::settings::ParameterRegistry::standard(),
                            agent::settings::fileAppliers(), stateFile);
    CHECK(restarted.appliedVersion() == QStringLiteral("v7"));
    QJsonObject next = Office;
    next.insert(QStringLiteral("commands.boot"), QJsonArray{}); // the default: nothing changes
    CHECK_FALSE(restarted.apply(QStringLiteral("v8"), next).rebootRequired);

    // A state file that cannot be written undoes the files as well.
    REQUIRE(QFile::remove(stateFile));
    REQUIRE(QDir().mkpath(stateFile)); // a folder where the file should go
    next.insert(QStringLiteral("system.hostname"), QStringLiteral("kiosk-9"));
    const auto report = restarted.apply(QStringLiteral("v9"), next);
    CHECK_FALSE(report.applied);
    CHECK(read(root, QStringLiteral("etc/hostname")) == "kiosk-7\n");
    CHECK(restarted.appliedVersion() == QStringLiteral("v8"));
}

TEST_CASE("the screen, sessions and commands appliers render their files below the root",
          "[unit][agent][settings]")
{
    QTemporaryDir root;
    BundleApplier applier(root.path(), steward::settings::ParameterRegistry::standard(),
                          agent::settings::deviceAppliers());
    const QJsonObject launcher{{QStringLiteral("name"), QStringLiteral("Citrix")},
                               {QStringLiteral("type"), QStringLiteral("browser")},
                               {QStringLiteral("target"), QStringLiteral("https://apps.example")}};
    const QJsonObject values{
        {QStringLiteral("screen.lock_timeout"), 300},
        {QStringLiteral("sessions.launchers"), QJsonArray{launcher}},
        {QStringLiteral("commands.boot"),
         QJsonArray{QStringLiteral("/usr/bin/setterm -blank 0"), QStringLiteral("echo $HOME")}},
        {QStringLiteral("commands.desktop_start"), QJsonArray{}},
        {QStringLiteral("desktop.wallpaper"), QStringLiteral("beach.png")}};
    const auto report = applier.apply(QStringLiteral("v1"), values);
    INFO(report.failures.values().join(QStringLiteral("; ")).toStdString());
    REQUIRE(report.applied);
    CHECK(report.rebootRequired); // commands.boot changed from its default
    CHECK(report.notApplied == QStringList{QStringLiteral("desktop.wallpaper")});
    CHECK(read(root, QStringLiteral("etc/steward/screen.conf")) == "lock_timeout=300\n");
    CHECK(QJsonDocument::fromJson(read(root, QStringLiteral("etc/steward/launchers.json"))).array()
          == QJsonArray{launcher});
    // The commands are written as the administrator typed them, one per line; nothing runs.
    CHECK(read(root, QStringLiteral("etc/steward/boot.sh"))
              .endsWith("\n/usr/bin/setterm -blank 0\necho $HOME\n"));
    CHECK(read(root, QStringLiteral("etc/steward/desktop-start.sh")).startsWith("#!/bin/sh\n"));
}
