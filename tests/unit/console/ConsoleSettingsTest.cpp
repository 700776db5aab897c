// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/app/ConsoleSettings.h"
#include "console/net/Connector.h"
#include "tests/support/CatchQt.h"
#include "tests/support/TestPki.h"

#include <QJsonArray>
#include <QTemporaryDir>

using steward::console::ConsoleSettings;

TEST_CASE("server addresses are normalised to https://host:port")
{
    CHECK(ConsoleSettings::normalizeServer(QStringLiteral("steward.example")).toString()
          == QStringLiteral("https://steward.example:8443"));
    CHECK(ConsoleSettings::normalizeServer(QStringLiteral(" 10.0.0.5:9443 ")).toString()
          == QStringLiteral("https://10.0.0.5:9443"));
    CHECK(ConsoleSettings::normalizeServer(QStringLiteral("https://h:1/x?y")).toString()
          == QStringLiteral("https://h:1"));
    CHECK_FALSE(ConsoleSettings::normalizeServer(QStringLiteral("http://h:1")).isValid());
    CHECK_FALSE(ConsoleSettings::normalizeServer(QString()).isValid());
}

TEST_CASE("servers, users and pins are remembered per server in the redirected folder")
{
    QTemporaryDir dir;
    const QUrl a(QStringLiteral("https://a:8443"));
    const QUrl b(QStringLiteral("https://b:8443"));
    const auto certificate =
        steward::test::TestPki::certificate(steward::test::TestPki::Entity::Server);
    {
        ConsoleSettings settings(dir.path());
        CHECK(settings.fileName().startsWith(dir.path()));
        settings.rememberServer(a, QStringLiteral("alice"));
        settings.rememberServer(b, QStringLiteral("bob"));
        settings.rememberServer(a, QStringLiteral("alice"));
        settings.pinCertificate(b, certificate);
        settings.saveWindow("geometry", "state");
    }
    ConsoleSettings settings(dir.path());
    CHECK(settings.servers() == QStringList{a.toString(), b.toString()});
    CHECK(settings.lastUser(b) == QStringLiteral("bob"));
    CHECK(settings.pinnedCertificate(b) == certificate);
    CHECK(settings.pinnedCertificate(a).isNull());
    CHECK(settings.windowGeometry() == QByteArray("geometry"));
}

TEST_CASE("the shadow viewer settings: an external viewer command, and scaling")
{
    QTemporaryDir dir;
    {
        ConsoleSettings settings(dir.path());
        CHECK(settings.externalViewer().isEmpty()); // the embedded viewer by default
        CHECK(settings.shadowScaleToFit());
        settings.setExternalViewer(QStringLiteral("  vncviewer 127.0.0.1::{port}  "));
        settings.setShadowScaleToFit(false);
    }
    ConsoleSettings settings(dir.path());
    CHECK(settings.externalViewer() == QStringLiteral("vncviewer 127.0.0.1::{port}"));
    CHECK_FALSE(settings.shadowScaleToFit());
    settings.setExternalViewer(QStringLiteral("   "));
    CHECK(ConsoleSettings(dir.path()).externalViewer().isEmpty());
}

TEST_CASE("the lock time and the route list are read from the server's answers")
{
    using namespace steward::console::net;
    CHECK(lockSecondsLeft(QStringLiteral("the account is locked after too many failed logins; "
                                         "try again in 287 s"))
          == 287);
    CHECK(lockSecondsLeft(QStringLiteral("locked")) == 0);
    const auto capabilities = Capabilities::fromOpenApi(
        QJsonObject{{QStringLiteral("paths"),
                     QJsonObject{{QStringLiteral("/api/v1/devices/{id}"),
                                  QJsonObject{{QStringLiteral("get"), QJsonObject{}},
                                              {QStringLiteral("patch"), QJsonObject{}}}}}}});
    CHECK(capabilities.has(QStringLiteral("PATCH"), QStringLiteral("/api/v1/devices/{id}")));
    CHECK_FALSE(capabilities.has(QStringLiteral("DELETE"), QStringLiteral("/api/v1/devices/{id}")));
}
