// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The runtime appliers (shadow, vnc, agent): what they combine, and the all-or-nothing bundle
// with a real VNC server and a real link object (docs/settings.md, "Runtime appliers").
#include "agent/link/ServerLink.h"
#include "agent/settings/BundleApplier.h"
#include "agent/settings/RuntimeControl.h"
#include "agent/vnc/SyntheticScreenSource.h"
#include "agent/vnc/VncServer.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtEndian>

using namespace steward;
using namespace std::chrono_literals;
using agent::settings::BundleApplier;
using agent::settings::RuntimeApplier;
using agent::settings::RuntimeControl;
using steward::shadow::PathPreference;
using steward::shadow::ShadowPolicy;
using steward::test::waitUntil;

namespace {

QByteArray read(const QTemporaryDir& root, const QString& path)
{
    QFile file(root.filePath(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

// A free loopback port, closed again so the agent can take it.
quint16 freePort()
{
    QTcpServer probe;
    REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
    return probe.serverPort();
}

// A real RFB 3.8 handshake up to ServerInit: the desktop name a viewer is told.
QString desktopNameAt(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QByteArray in;
    const auto need = [&](qsizetype size) {
        return waitUntil([&] {
            in += socket.readAll();
            return in.size() >= size;
        });
    };
    if (!need(12)) {
        return QStringLiteral("<no answer>");
    }
    socket.write("RFB 003.008\n");
    in.remove(0, 12);
    if (!need(1) || !need(1 + quint8(in.at(0)))) {
        return QStringLiteral("<no security types>");
    }
    in.remove(0, 1 + quint8(in.at(0)));
    socket.write(QByteArray(1, '\1')); // None
    if (!need(4)) {
        return QStringLiteral("<no security result>");
    }
    in.remove(0, 4);
    socket.write(QByteArray(1, '\1')); // shared
    if (!need(24)) {
        return QStringLiteral("<no server init>");
    }
    const auto length = qFromBigEndian<quint32>(in.constData() + 20);
    if (!need(24 + qsizetype(length))) {
        return QStringLiteral("<short name>");
    }
    return QString::fromUtf8(in.mid(24, length));
}

agent::LinkSettings unstartedLink()
{
    agent::LinkSettings settings;
    settings.url = QUrl(QStringLiteral("wss://127.0.0.1:1/device/v1/ws"));
    settings.heartbeat = 1s;
    return settings;
}

} // namespace

TEST_CASE("the bundle's shadow values combine with the server's policy without loosening it",
          "[unit][agent][settings][runtime]")
{
    ShadowPolicy server;
    CHECK(agent::settings::shadowPolicyWith(server, {}) == server);

    const auto strict = agent::settings::shadowPolicyWith(
        server, QJsonObject{{QStringLiteral("shadow.view_only"), true},
                            {QStringLiteral("shadow.prompt"), true},
                            {QStringLiteral("shadow.prompt_timeout"), 45},
                            {QStringLiteral("shadow.path"), QStringLiteral("relay")}});
    CHECK(strict.viewOnly);
    CHECK(strict.prompt);
    CHECK(strict.promptTimeout == 45s);
    CHECK(strict.path == PathPreference::RelayOnly);
    CHECK(strict.allowed);

    // The bundle cannot lift what the per-device policy demands.
    server.allowed = false;
    server.viewOnly = true;
    const auto loose = agent::settings::shadowPolicyWith(
        server, QJsonObject{{QStringLiteral("shadow.allow"), true},
                            {QStringLiteral("shadow.view_only"), false},
                            {QStringLiteral("shadow.secure_only"), false}});
    CHECK_FALSE(loose.allowed);
    CHECK(loose.viewOnly);
    CHECK(loose.secureOnly);
    CHECK_FALSE(agent::settings::shadowPolicyWith(
                    ShadowPolicy{}, QJsonObject{{QStringLiteral("shadow.allow"), false}})
                    .allowed);
}

TEST_CASE("vnc and heartbeat values fall back to the agent's own settings when the bundle "
          "leaves them out",
          "[unit][agent][settings][runtime]")
{
    agent::settings::VncValues own;
    own.port = 0;
    CHECK(agent::settings::vncValuesWith(own, {}) == own);
    const auto changed = agent::settings::vncValuesWith(
        own, QJsonObject{{QStringLiteral("vnc.port"), 6001},
                         {QStringLiteral("vnc.shadow_port"), 6000},
                         {QStringLiteral("vnc.poll_interval_ms"), 40},
                         {QStringLiteral("vnc.desktop_name"), QStringLiteral("Kiosk")}});
    CHECK(changed.port == 6001);
    CHECK(changed.shadowPort == 6000);
    CHECK(changed.pollInterval == 40ms);
    CHECK(changed.desktopName == QStringLiteral("Kiosk"));
    CHECK(agent::settings::heartbeatWith(60s, {}) == 60s);
    CHECK(agent::settings::heartbeatWith(
              60s, QJsonObject{{QStringLiteral("agent.heartbeat_interval"), 7200}})
          == 7200s);
}

TEST_CASE("a runtime applier that fails to activate puts back the files and the runtime values "
          "activated before it",
          "[unit][agent][settings][runtime]")
{
    QTemporaryDir root;
    QStringList log; // every activation, in order
    const auto recorder = [&log](const QString& name, bool fail) {
        return [&log, name, fail](const QJsonObject& values) -> Result<void> {
            const QString value = values.isEmpty() ? QStringLiteral("own")
                                                   : values.begin().value().toVariant().toString();
            log.append(name + QLatin1Char('=') + value);
            if (fail && !values.isEmpty()) {
                return makeError(ErrorCode::InvalidValue,
                                 QStringLiteral("%1: cannot").arg(values.begin().key()));
            }
            return {};
        };
    };
    auto appliers = agent::settings::fileAppliers();
    appliers.push_back(std::make_unique<RuntimeApplier>(QStringLiteral("agent"), nullptr,
                                                        recorder(QStringLiteral("agent"), false)));
    appliers.push_back(std::make_unique<RuntimeApplier>(QStringLiteral("vnc"), nullptr,
                                                        recorder(QStringLiteral("vnc"), true)));
    const QString state = root.filePath(QStringLiteral("state/settings.json"));
    BundleApplier applier(root.filePath(QStringLiteral("sys")),
                          steward::settings::ParameterRegistry::standard(), std::move(appliers),
                          state);
    const QJsonObject first{{QStringLiteral("system.timezone"), QStringLiteral("Europe/Berlin")},
                            {QStringLiteral("agent.heartbeat_interval"), 3600}};
    REQUIRE(applier.apply(QStringLiteral("v1"), first).applied);
    CHECK(log == QStringList{QStringLiteral("agent=3600"), QStringLiteral("vnc=own")});
    CHECK(read(root, QStringLiteral("sys/etc/timezone")) == "Europe/Berlin\n");
    log.clear();

    const auto report =
        applier.apply(QStringLiteral("v2"),
                      QJsonObject{{QStringLiteral("system.timezone"), QStringLiteral("Asia/Tokyo")},
                                  {QStringLiteral("agent.heartbeat_interval"), 7200},
                                  {QStringLiteral("vnc.desktop_name"), QStringLiteral("Kiosk")}});
    CHECK_FALSE(report.applied);
    CHECK(report.version == QStringLiteral("v1"));
    CHECK(report.failures.keys() == QStringList{QStringLiteral("vnc.desktop_name")});
    // agent got 7200, vnc failed, agent went back to 3600; the time zone file is back too.
    CHECK(log
          == QStringList{QStringLiteral("agent=7200"), QStringLiteral("vnc=Kiosk"),
                         QStringLiteral("agent=3600")});
    CHECK(read(root, QStringLiteral("sys/etc/timezone")) == "Europe/Berlin\n");
    CHECK(QString::fromUtf8(read(root, QStringLiteral("state/settings.json")))
              .contains(QStringLiteral("\"v1\"")));
}

TEST_CASE("vnc and agent values take effect in a running VNC server and link, a port in use "
          "fails the bundle and keeps the previous values, and they survive a restart",
          "[unit][agent][settings][runtime]")
{
    QTemporaryDir root;
    const QString state = root.filePath(QStringLiteral("settings.json"));
    agent::vnc::SyntheticScreenSource source;
    agent::vnc::VncServerOptions options;
    options.port = 0;
    agent::vnc::VncServer vnc(source, options);
    REQUIRE(vnc.start().ok());
    agent::ServerLink link(unstartedLink());
    agent::settings::RuntimeDefaults own;
    own.vnc.port = 0;
    own.heartbeat = 60s;
    RuntimeControl control(own);
    control.attachLink(&link);
    control.attachShadowing(&vnc, nullptr);
    auto appliers = agent::settings::fileAppliers();
    for (auto& runtime : control.appliers()) {
        appliers.push_back(std::move(runtime));
    }
    BundleApplier applier(root.filePath(QStringLiteral("sys")),
                          steward::settings::ParameterRegistry::standard(), std::move(appliers),
                          state);
    CHECK(link.heartbeat() == 60s);
    CHECK(desktopNameAt(vnc.port()) == QStringLiteral("steward"));

    const quint16 port = freePort();
    const QJsonObject kiosk{{QStringLiteral("vnc.port"), port},
                            {QStringLiteral("vnc.desktop_name"), QStringLiteral("Kiosk 7")},
                            {QStringLiteral("vnc.poll_interval_ms"), 20},
                            {QStringLiteral("agent.heartbeat_interval"), 3600}};
    auto report = applier.apply(QStringLiteral("v1"), kiosk);
    INFO(report.failures.values().join(QStringLiteral("; ")).toStdString());
    REQUIRE(report.applied);
    CHECK(report.notApplied.isEmpty());
    CHECK(vnc.port() == port);
    CHECK(vnc.options().pollInterval == 20ms);
    CHECK(desktopNameAt(port) == QStringLiteral("Kiosk 7"));
    CHECK(link.heartbeat() == 3600s);

    SECTION("a port in use fails vnc.port and nothing of the bundle takes effect")
    {
        QTcpServer squatter;
        REQUIRE(squatter.listen(QHostAddress::LocalHost, 0));
        QJsonObject next = kiosk;
        next.insert(QStringLiteral("vnc.port"), squatter.serverPort());
        next.insert(QStringLiteral("vnc.desktop_name"), QStringLiteral("Other"));
        next.insert(QStringLiteral("system.timezone"), QStringLiteral("Asia/Tokyo"));
        report = applier.apply(QStringLiteral("v2"), next);
        CHECK_FALSE(report.applied);
        CHECK(report.failures.keys() == QStringList{QStringLiteral("vnc.port")});
        CHECK(report.failures.value(QStringLiteral("vnc.port"))
                  .contains(QString::number(squatter.serverPort())));
        CHECK(vnc.port() == port);
        CHECK(desktopNameAt(port) == QStringLiteral("Kiosk 7"));
        CHECK(read(root, QStringLiteral("sys/etc/timezone")) == "<missing>");
        CHECK(applier.appliedVersion() == QStringLiteral("v1"));
    }
    SECTION("values left out of the next bundle go back to the agent's own settings")
    {
        report = applier.apply(QStringLiteral("v2"), {});
        REQUIRE(report.applied);
        CHECK(link.heartbeat() == 60s);
        CHECK(vnc.port() != port);
        CHECK(desktopNameAt(vnc.port()) == QStringLiteral("steward"));
    }
    SECTION("a restarted agent puts the kept values into effect again")
    {
        agent::ServerLink restartedLink(unstartedLink());
        RuntimeControl restarted(own);
        restarted.attachLink(&restartedLink);
        BundleApplier again(root.filePath(QStringLiteral("sys")),
                            steward::settings::ParameterRegistry::standard(), restarted.appliers(),
                            state);
        CHECK(again.appliedVersion() == QStringLiteral("v1"));
        CHECK(again.activateRuntime().isEmpty());
        CHECK(restartedLink.heartbeat() == 3600s);
        CHECK(restarted.vnc().port == port);
        CHECK(restarted.vnc().desktopName == QStringLiteral("Kiosk 7"));
    }
}
