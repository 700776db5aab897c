// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/folders/SandboxedAgent.h"

#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TempFiles.h"

#include <QDir>
#include <QFile>

namespace steward::test {
namespace {

const QString AgentProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent");

} // namespace

qint64 createdId(const RestReply& reply)
{
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 201);
    return reply.json()[QStringLiteral("id")].toInteger();
}

SandboxedDevice::SandboxedDevice(DeviceTestServer& server, const QString& folder)
{
    // An empty folder: a token without one (the device goes to the root or by the rules).
    const auto token = server.admin().post(
        QStringLiteral("/api/v1/enrollment-tokens"),
        folder.isEmpty() ? QJsonObject{} : QJsonObject{{QStringLiteral("folder"), folder}});
    REQUIRE(token.status == 201);
    auto enrolled = enrollAgent(server, state.path(),
                                token.json()[QStringLiteral("token")].toString().toLatin1());
    REQUIRE(enrolled.ok());
    id = enrolled->deviceId;
    QFile config(QDir(state.path()).filePath(QStringLiteral("agent.conf")));
    REQUIRE(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("[link]\nheartbeatSeconds = 1\nheartbeatJitterSeconds = 1\n"
                                "[settings]\nroot = %1\n")
                     .arg(sandbox.path())
                     .toUtf8());
}

QString SandboxedDevice::file(const QString& path) const
{
    return readTextFile(sandbox.filePath(path));
}

RunningAgent::RunningAgent(const SandboxedDevice& device)
{
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(AgentProgram,
                  {QStringLiteral("--state-dir"), device.state.path(),
                   QStringLiteral("--vnc-source"), QStringLiteral("external:127.0.0.1:1"),
                   QStringLiteral("--shadow-port"), QStringLiteral("0"), QStringLiteral("run")});
    REQUIRE(process.waitForStarted());
}

void RunningAgent::stop()
{
    if (process.state() != QProcess::NotRunning) {
        process.terminate();
        (void)waitUntil([&] { return process.state() == QProcess::NotRunning; });
    }
}

QJsonObject configState(DeviceTestServer& server, qint64 device)
{
    return server.admin().get(QStringLiteral("/api/v1/devices/%1/config-state").arg(device)).json();
}

bool configStateIs(DeviceTestServer& server, qint64 device, const QString& state)
{
    return configState(server, device)[QStringLiteral("state")] == state;
}

bool pushIdle(DeviceTestServer& server)
{
    return server.admin()
               .get(QStringLiteral("/api/v1/config-states"))
               .json()[QStringLiteral("queued")]
           == 0;
}

} // namespace steward::test
