// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The runtime appliers end to end (docs/settings.md, "Runtime appliers"): a profile's shadow,
// vnc and agent values reach the real steward-agent, take effect while it runs, and a value it
// cannot put into effect keeps the previous bundle.
#include "agent/settings/BundleApplier.h"
#include "agent/settings/RuntimeControl.h"
#include "console/vnc/VncClient.h"
#include "tests/integration/shadow/ShadowRig.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>

using namespace steward;
using steward::console::shadow::ShadowTunnel;
using steward::console::vnc::KeyEvent;
using steward::console::vnc::PointerEvent;
using steward::console::vnc::VncClient;
using steward::test::waitUntil;

namespace {

constexpr std::chrono::seconds Patience{60};
const QString AgentProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent");
const QString ShadowProgram = QStringLiteral(STEWARD_BINARY_DIR "/console/steward-shadow");

// A real RFB 3.8 handshake up to ServerInit: the desktop name a viewer is told.
QString desktopNameAt(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QByteArray in;
    const auto need = [&](qsizetype size) {
        return waitUntil(
            [&] {
                in += socket.readAll();
                return in.size() >= size;
            },
            std::chrono::seconds(30));
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

/** steward-shadow for \a device: the local port it prints, or 0. */
quint16 startShadow(QProcess& process, test::DeviceTestServer& server, const QString& device)
{
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("STEWARD_PASSWORD"), QStringLiteral("correct horse"));
    process.setProcessEnvironment(environment);
    process.start(ShadowProgram,
                  {QStringLiteral("--server"), server.url().toString(), QStringLiteral("--user"),
                   QStringLiteral("alice"), QStringLiteral("--device"), device,
                   QStringLiteral("--fingerprint"), server.webFingerprint()});
    REQUIRE(process.waitForStarted());
    QByteArray out;
    const QRegularExpression listening(QStringLiteral("listening 127\\.0\\.0\\.1:(\\d+)"));
    quint16 port = 0;
    REQUIRE(waitUntil(
        [&] {
            out += process.readAllStandardOutput();
            const auto match = listening.match(QString::fromUtf8(out));
            port = match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
            return port != 0 || process.state() == QProcess::NotRunning;
        },
        std::chrono::seconds(30)));
    return port;
}

QJsonObject configState(test::DeviceTestServer& server, qint64 device)
{
    return server.admin().get(QStringLiteral("/api/v1/devices/%1/config-state").arg(device)).json();
}

qint64 created(const test::RestReply& reply)
{
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 201);
    return reply.json()[QStringLiteral("id")].toInteger();
}

} // namespace

TEST_CASE("a profile's vnc, shadow and heartbeat values take effect in the running real agent, "
          "and a port in use keeps the previous bundle",
          "[integration][shadow][settings]")
{
    test::DeviceTestServer server;
    QTemporaryDir state;
    QTemporaryDir sandbox;
    auto enrolled = test::enrollAgent(server, state.path(), server.createToken());
    REQUIRE(enrolled.ok());
    test::installShadowIdentity(state.path());
    {
        QFile config(QDir(state.path()).filePath(QStringLiteral("agent.conf")));
        REQUIRE(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("[settings]\nroot = %1\n").arg(sandbox.path()).toUtf8());
    }
    QProcess agent;
    agent.setProcessChannelMode(QProcess::SeparateChannels);
    agent.start(AgentProgram,
                {QStringLiteral("--state-dir"), state.path(), QStringLiteral("run"),
                 QStringLiteral("--vnc-source"), QStringLiteral("synthetic"),
                 QStringLiteral("--vnc-port"), QStringLiteral("0"), QStringLiteral("--shadow-port"),
                 QStringLiteral("0"), QStringLiteral("--shadow-bind"), QStringLiteral("127.0.0.1"),
                 QStringLiteral("--shadow-prompt"), QStringLiteral("none")});
    REQUIRE(agent.waitForStarted());
    QString log;
    const auto logged = [&](const QString& text) {
        log += QString::fromUtf8(agent.readAllStandardError());
        return log.contains(text);
    };
    REQUIRE(waitUntil(
        [&] {
            return !server.audit(QStringLiteral("shadow.certificate"), QStringLiteral("success"))
                        .isEmpty();
        },
        Patience));

    QTcpServer probe;
    REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
    const int vncPort = probe.serverPort();
    probe.close();
    REQUIRE(probe.listen(QHostAddress::LocalHost, 0));
    const int shadowPort = probe.serverPort();
    probe.close();
    auto& admin = server.admin();
    const qint64 profile = created(admin.post(
        QStringLiteral("/api/v1/profiles"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("Kiosk")},
                    {QStringLiteral("values"),
                     QJsonObject{{QStringLiteral("vnc.desktop_name"), QStringLiteral("Kiosk 7")},
                                 {QStringLiteral("vnc.port"), vncPort},
                                 {QStringLiteral("vnc.shadow_port"), shadowPort},
                                 {QStringLiteral("shadow.view_only"), true},
                                 {QStringLiteral("agent.heartbeat_interval"), 7200}}}}));
    created(admin.post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(profile),
                       QJsonObject{{QStringLiteral("device"), enrolled->deviceId}}));
    REQUIRE(waitUntil(
        [&] {
            return configState(server, enrolled->deviceId)[QStringLiteral("state")]
                   == QStringLiteral("applied");
        },
        Patience));
    const auto applied = configState(server, enrolled->deviceId);
    CHECK(applied[QStringLiteral("notApplied")].toArray().isEmpty());
    const QString version = applied[QStringLiteral("appliedVersion")].toString();

    // A real viewer through steward-shadow, the agent's TLS proxy and its restarted VNC server.
    QProcess shadow;
    const quint16 viewerPort = startShadow(shadow, server, enrolled->name);
    REQUIRE(viewerPort != 0);
    CHECK(desktopNameAt(viewerPort) == QStringLiteral("Kiosk 7"));
    REQUIRE(waitUntil([&] { return logged(QStringLiteral("view_only=yes")); }, Patience));
    CHECK(logged(QStringLiteral("heartbeat interval now 7200 s")));
    CHECK(logged(QStringLiteral("port=%1").arg(vncPort)));
    // The proxy moved and the server learnt it: the direct session above dialled the new port.
    CHECK(
        logged(QStringLiteral("shadow proxy listening address=127.0.0.1 port=%1").arg(shadowPort)));
    shadow.terminate();
    REQUIRE(waitUntil([&] { return shadow.state() == QProcess::NotRunning; }));

    // A port in use: vnc.port fails, the previous values keep running.
    QTcpServer squatter;
    REQUIRE(squatter.listen(QHostAddress::LocalHost, 0));
    REQUIRE(admin
                .patch(QStringLiteral("/api/v1/profiles/%1").arg(profile),
                       QJsonObject{
                           {QStringLiteral("values"),
                            QJsonObject{
                                {QStringLiteral("vnc.port"), int(squatter.serverPort())},
                                {QStringLiteral("vnc.desktop_name"), QStringLiteral("Other")}}}})
                .status
            == 200);
    REQUIRE(waitUntil(
        [&] {
            return configState(server, enrolled->deviceId)[QStringLiteral("state")]
                   == QStringLiteral("failed");
        },
        Patience));
    const auto failed = configState(server, enrolled->deviceId);
    CHECK(failed[QStringLiteral("appliedVersion")] == version);
    const QString why = failed[QStringLiteral("failures")][QStringLiteral("vnc.port")].toString();
    INFO(why.toStdString());
    CHECK(why.contains(QString::number(squatter.serverPort())));
    QProcess again;
    const quint16 againPort = startShadow(again, server, enrolled->name);
    REQUIRE(againPort != 0);
    CHECK(desktopNameAt(againPort) == QStringLiteral("Kiosk 7"));
    again.terminate();
    REQUIRE(waitUntil([&] { return again.state() == QProcess::NotRunning; }));
    agent.terminate();
    REQUIRE(waitUntil([&] { return agent.state() == QProcess::NotRunning; }));

    // Restarted, the agent runs the kept bundle's values before any bundle arrives: the proxy
    // on the kept port at once, the VNC server with the kept name.
    log.clear();
    agent.start(AgentProgram, agent.arguments());
    REQUIRE(agent.waitForStarted());
    REQUIRE(waitUntil(
        [&] {
            return logged(QStringLiteral("shadow proxy listening address=127.0.0.1 port=%1")
                              .arg(shadowPort))
                   && logged(QStringLiteral("link up"));
        },
        Patience));
    CHECK(logged(QStringLiteral("heartbeat interval now 7200 s")));
    QProcess restarted;
    const quint16 restartedPort = startShadow(restarted, server, enrolled->name);
    REQUIRE(restartedPort != 0);
    CHECK(desktopNameAt(restartedPort) == QStringLiteral("Kiosk 7"));
    restarted.terminate();
    REQUIRE(waitUntil([&] { return restarted.state() == QProcess::NotRunning; }));
    agent.terminate();
    REQUIRE(waitUntil([&] { return agent.state() == QProcess::NotRunning; }));
}

TEST_CASE("shadow.view_only from a settings bundle keeps a shadowing viewer's input from the "
          "screen",
          "[integration][shadow][settings]")
{
    test::ShadowRig rig;
    agent::settings::RuntimeDefaults own;
    agent::settings::RuntimeControl control(own);
    control.attachShadowing(rig.vnc.get(), rig.proxy.get());
    // As in the agent: the server's per-device policy goes through the control.
    QObject::disconnect(rig.authority.get(), nullptr, rig.proxy.get(), nullptr);
    QObject::connect(rig.authority.get(), &agent::shadow::LinkAuthority::policyChanged, &control,
                     &agent::settings::RuntimeControl::setServerPolicy);
    QTemporaryDir root;
    agent::settings::BundleApplier applier(
        root.path(), steward::settings::ParameterRegistry::standard(), control.appliers());
    const auto report = applier.apply(QStringLiteral("v1"),
                                      QJsonObject{{QStringLiteral("shadow.view_only"), true}});
    REQUIRE(report.applied);
    CHECK(report.notApplied.isEmpty());
    CHECK(rig.proxy->policy().viewOnly);

    ShadowTunnel tunnel(rig.offer(rig.requestShadow()));
    REQUIRE(test::runTunnel(tunnel));
    REQUIRE(tunnel.state() == ShadowTunnel::State::Listening);
    VncClient client;
    test::connectViewer(client, tunnel);
    REQUIRE(waitUntil([&] { return test::showsSquareAt(client, rig.source, 0); }));
    client.sendInput(PointerEvent{QPoint(5, 6), 1});
    client.sendInput(KeyEvent{0x61, true});
    // RFB is ordered: once tick 3 shows, the server has read past the input.
    for (int tick = 1; tick <= 3; ++tick) {
        rig.source.advance();
        REQUIRE(waitUntil([&] { return test::showsSquareAt(client, rig.source, tick); }));
    }
    CHECK(rig.source.pointerEvents().empty());
    CHECK(rig.source.keyEvents().empty());
    CHECK(rig.vnc->isViewOnly());
}
