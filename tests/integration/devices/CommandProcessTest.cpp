// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Device commands end to end: the real steward-agent process, its hooks and the real server.
#include "agent/app/AgentApp.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TempFiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QProcess>

#include <csignal>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

const QString AgentProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent");

// An enrolled state dir with an agent.conf whose hooks append their arguments to a marker file.
struct Device {
    QTemporaryDir state;
    QTemporaryDir hooks;
    agent::AgentState enrolled;
    qint64 id = 0;

    Device(DeviceTestServer& server, const QByteArray& extraConfig = {})
    {
        auto result = test::enrollAgent(server, state.path(), server.createToken());
        REQUIRE(result.ok());
        enrolled = *result;
        id = enrolled.deviceId;
        const QString script = hooks.filePath(QStringLiteral("hook.sh"));
        QFile file(script);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$(dirname \"$0\")/marker\"\n");
        file.close();
        REQUIRE(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QFile config(QDir(state.path()).filePath(QStringLiteral("agent.conf")));
        REQUIRE(config.open(QIODevice::WriteOnly));
        config.write("[link]\nheartbeatSeconds = 1\nheartbeatJitterSeconds = 1\n[hooks]\n");
        config.write(
            QStringLiteral("reboot = %1 reboot\nrename = %1 rename\n").arg(script).toUtf8());
        config.write(extraConfig);
    }

    [[nodiscard]] QString marker() const
    {
        return test::readTextFile(hooks.filePath(QStringLiteral("marker")));
    }
};

struct RunningAgent {
    QProcess process;

    explicit RunningAgent(const Device& device)
    {
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(AgentProgram,
                      {QStringLiteral("--state-dir"), device.state.path(), QStringLiteral("run")});
        REQUIRE(process.waitForStarted());
    }
    ~RunningAgent()
    {
        if (process.state() != QProcess::NotRunning) {
            ::kill(pid_t(process.processId()), SIGCONT);
            process.terminate();
            (void)waitUntil([&] { return process.state() == QProcess::NotRunning; });
        }
    }
};

QJsonObject kind(const QString& name)
{
    return QJsonObject{{QStringLiteral("kind"), name}};
}

bool auditHas(DeviceTestServer& server, const QString& action, const QString& outcome,
              const QString& detail)
{
    for (const auto& entry : server.audit(action, outcome)) {
        if (entry[QStringLiteral("details")].toString().contains(detail)) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("a reboot command reaches the real agent, runs its hook and is acknowledged over "
          "REST, audited and published",
          "[integration][devices][commands]")
{
    DeviceTestServer server;
    test::EventWatcher events(server);
    Device device(server);
    RunningAgent agent(device);
    REQUIRE(waitUntil([&] { return server.device(device.id)[QStringLiteral("online")] == true; },
                      std::chrono::seconds(10)));

    const auto created = server.sendCommand(device.id, kind(QStringLiteral("reboot")));
    const qint64 id = created[QStringLiteral("id")].toInteger();
    CHECK(created[QStringLiteral("kind")] == QStringLiteral("reboot"));
    CHECK(created[QStringLiteral("createdBy")] == QStringLiteral("alice"));
    REQUIRE(waitUntil(
        [&] {
            return server.command(device.id, id)[QStringLiteral("state")]
                   == QStringLiteral("succeeded");
        },
        std::chrono::seconds(10)));
    CHECK(device.marker() == QStringLiteral("reboot\n"));
    const auto done = server.command(device.id, id);
    CHECK(done[QStringLiteral("message")] == QStringLiteral("reboot hook finished"));
    CHECK_FALSE(done[QStringLiteral("finished")].isNull());
    CHECK(auditHas(server, QStringLiteral("device.command"), QStringLiteral("ok"),
                   QStringLiteral("command %1 reboot").arg(id)));
    CHECK(auditHas(server, QStringLiteral("device.command.result"), QStringLiteral("ok"),
                   QStringLiteral("command %1 reboot").arg(id)));
    REQUIRE(waitUntil(
        [&] { return events.saw(QStringLiteral("created"), id, QStringLiteral("command")); }));
    REQUIRE(waitUntil(
        [&] { return events.saw(QStringLiteral("changed"), id, QStringLiteral("command")); }));

    SECTION("a command without a hook fails with a clear message")
    {
        const auto shutdown = server.sendCommand(device.id, kind(QStringLiteral("shutdown")));
        const qint64 failedId = shutdown[QStringLiteral("id")].toInteger();
        REQUIRE(waitUntil(
            [&] {
                return server.command(device.id, failedId)[QStringLiteral("state")]
                       == QStringLiteral("failed");
            },
            std::chrono::seconds(10)));
        CHECK(server.command(device.id, failedId)[QStringLiteral("message")].toString().contains(
            QStringLiteral("no shutdown hook is configured")));
        CHECK(auditHas(server, QStringLiteral("device.command.result"), QStringLiteral("failed"),
                       QStringLiteral("command %1 shutdown").arg(failedId)));
    }
    SECTION("rename with network runs the rename hook with the name as its own argument and "
            "renames the device")
    {
        const auto renamed = server.sendCommand(
            device.id, QJsonObject{{QStringLiteral("kind"), QStringLiteral("rename")},
                                   {QStringLiteral("args"),
                                    QJsonObject{{QStringLiteral("name"), QStringLiteral("kiosk-7")},
                                                {QStringLiteral("network"), true}}}});
        REQUIRE(waitUntil(
            [&] {
                return server.device(device.id)[QStringLiteral("name")]
                       == QStringLiteral("kiosk-7");
            },
            std::chrono::seconds(10)));
        CHECK(device.marker().endsWith(QStringLiteral("rename kiosk-7\n")));
        CHECK(server.command(device.id,
                             renamed[QStringLiteral("id")].toInteger())[QStringLiteral("state")]
              == QStringLiteral("succeeded"));
    }
    SECTION("rename without network is applied by the server at once")
    {
        const auto renamed = server.sendCommand(
            device.id,
            QJsonObject{{QStringLiteral("kind"), QStringLiteral("rename")},
                        {QStringLiteral("args"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("desk-3")}}}});
        CHECK(renamed[QStringLiteral("state")] == QStringLiteral("succeeded"));
        CHECK(server.device(device.id)[QStringLiteral("name")] == QStringLiteral("desk-3"));
        CHECK_FALSE(device.marker().contains(QStringLiteral("desk-3")));
    }
}

TEST_CASE("a command for an offline device waits in the queue and runs after the agent "
          "connects, and an expired one never runs",
          "[integration][devices][commands]")
{
    DeviceTestServer server;
    Device device(server);
    const auto expiring = server.sendCommand(
        device.id, QJsonObject{{QStringLiteral("kind"), QStringLiteral("rename")},
                               {QStringLiteral("args"),
                                QJsonObject{{QStringLiteral("name"), QStringLiteral("never")},
                                            {QStringLiteral("network"), true}}},
                               {QStringLiteral("ttl"), 1}});
    const auto queued = server.sendCommand(device.id, kind(QStringLiteral("reboot")));
    const qint64 expiringId = expiring[QStringLiteral("id")].toInteger();
    const qint64 queuedId = queued[QStringLiteral("id")].toInteger();
    CHECK(queued[QStringLiteral("state")] == QStringLiteral("queued"));
    REQUIRE(waitUntil(
        [&] {
            return server.command(device.id, expiringId)[QStringLiteral("state")]
                   == QStringLiteral("expired");
        },
        std::chrono::seconds(5)));
    CHECK(server.command(device.id, expiringId)[QStringLiteral("message")]
          == QStringLiteral("expired before the device connected"));
    CHECK(server.command(device.id, queuedId)[QStringLiteral("state")] == QStringLiteral("queued"));

    RunningAgent agent(device);
    REQUIRE(waitUntil(
        [&] {
            return server.command(device.id, queuedId)[QStringLiteral("state")]
                   == QStringLiteral("succeeded");
        },
        std::chrono::seconds(10)));
    CHECK(device.marker() == QStringLiteral("reboot\n"));
    CHECK(server.device(device.id)[QStringLiteral("name")] != QStringLiteral("never"));
    CHECK(server.command(device.id, expiringId)[QStringLiteral("state")]
          == QStringLiteral("expired"));
}

TEST_CASE("a signed release makes the real agent forget its binding, the device is released "
          "and refused on reconnect with an audit entry",
          "[integration][devices][commands]")
{
    DeviceTestServer server;
    Device device(server);
    RunningAgent agent(device);
    REQUIRE(waitUntil([&] { return server.device(device.id)[QStringLiteral("online")] == true; },
                      std::chrono::seconds(10)));
    const auto release = server.sendCommand(device.id, kind(QStringLiteral("release")));
    REQUIRE(waitUntil([&] { return agent.process.state() == QProcess::NotRunning; },
                      std::chrono::seconds(15)));
    CHECK(agent.process.exitCode() == 0);
    CHECK_FALSE(agent::StateDirectory(device.state.path()).isEnrolled());
    const auto view = server.device(device.id);
    CHECK(view[QStringLiteral("released")] == true);
    CHECK(view[QStringLiteral("online")] == false);
    CHECK(server.command(device.id,
                         release[QStringLiteral("id")].toInteger())[QStringLiteral("state")]
          == QStringLiteral("succeeded"));
    CHECK(server.audit(QStringLiteral("device.release"), QStringLiteral("ok")).size() == 1);

    // The old certificate (kept by the test, forgotten by the agent) no longer gets in.
    auto link = test::linkFor(device.enrolled);
    link->start();
    REQUIRE(waitUntil([&] {
        return auditHas(server, QStringLiteral("device.connect"), QStringLiteral("denied"),
                        QStringLiteral("was released"));
    }));
    CHECK(link->state() != agent::ServerLink::State::Up);
    link->stop();
    const auto refused =
        server.admin().post(QStringLiteral("/api/v1/devices/%1/commands").arg(device.id),
                            kind(QStringLiteral("reboot")));
    CHECK(refused.status == 409);
}

TEST_CASE("local steward-agent release tells the server, or says it could not",
          "[integration][devices][commands]")
{
    DeviceTestServer server;
    QProcess release;
    SECTION("server reachable")
    {
        Device device(server);
        release.start(AgentProgram, {QStringLiteral("--state-dir"), device.state.path(),
                                     QStringLiteral("release")});
        REQUIRE(waitUntil([&] { return release.state() == QProcess::NotRunning; },
                          std::chrono::seconds(15)));
        CHECK(release.exitCode() == 0);
        CHECK(QString::fromUtf8(release.readAllStandardOutput())
                  .contains(QStringLiteral("the server marked device %1 released").arg(device.id)));
        CHECK(server.device(device.id)[QStringLiteral("released")] == true);
        CHECK_FALSE(agent::StateDirectory(device.state.path()).isEnrolled());
    }
    SECTION("server unreachable: forgotten locally all the same")
    {
        Device device(server, "[server]\naddresses = 127.0.0.1:1\n");
        release.start(AgentProgram, {QStringLiteral("--state-dir"), device.state.path(),
                                     QStringLiteral("release")});
        REQUIRE(waitUntil([&] { return release.state() == QProcess::NotRunning; },
                          std::chrono::seconds(15)));
        CHECK(release.exitCode() == 0);
        CHECK(QString::fromUtf8(release.readAllStandardError())
                  .contains(QStringLiteral("forgetting the enrolment locally only")));
        CHECK(server.device(device.id)[QStringLiteral("released")] == false);
        CHECK_FALSE(agent::StateDirectory(device.state.path()).isEnrolled());
    }
}

TEST_CASE("a frozen agent goes offline within the keepalive window, and its inventory, boot time "
          "and operating time show over REST",
          "[integration][devices][commands]")
{
    DeviceTestServer server;
    Device device(server);
    RunningAgent agent(device);
    REQUIRE(
        waitUntil([&] { return !server.device(device.id)[QStringLiteral("inventory")].isNull(); },
                  std::chrono::seconds(10)));
    const auto view = server.device(device.id);
    const auto inventory = view[QStringLiteral("inventory")].toObject();
    CHECK(inventory[QStringLiteral("cpuCores")].toInt() > 0);
    CHECK(inventory[QStringLiteral("memoryBytes")].toInteger() > 0);
    CHECK_FALSE(inventory[QStringLiteral("disks")].toArray().isEmpty());
    CHECK_FALSE(view[QStringLiteral("lastBoot")].isNull());
    CHECK(view[QStringLiteral("runtimeSeconds")].toInteger() > 0);
    CHECK(view[QStringLiteral("operatingSeconds")].toInteger() >= 0);

    // SIGSTOP: the TCP connection stays open but nothing answers; only keepalive can tell.
    REQUIRE(::kill(pid_t(agent.process.processId()), SIGSTOP) == 0);
    QElapsedTimer silent;
    silent.start();
    REQUIRE(waitUntil([&] { return server.device(device.id)[QStringLiteral("online")] == false; },
                      std::chrono::seconds(5)));
    // Idle timeout 400 ms, checked every 50 ms ping; the REST polling adds a little.
    CHECK(silent.elapsed() < 2000);
    CHECK(server.device(device.id)[QStringLiteral("runtimeSeconds")].isNull());
    ::kill(pid_t(agent.process.processId()), SIGCONT);
}

TEST_CASE("the agent reports its inventory again on a heartbeat only when it changed",
          "[integration][devices][commands]")
{
    DeviceTestServer server;
    test::EventWatcher events(server);
    QTemporaryDir state;
    auto enrolled = test::enrollAgent(server, state.path(), server.createToken());
    REQUIRE(enrolled.ok());
    auto settings = agent::linkSettingsFor(
        *enrolled, {std::chrono::milliseconds(20), std::chrono::milliseconds(200)});
    settings.heartbeat = std::chrono::milliseconds(30);
    settings.heartbeatJitter = std::chrono::milliseconds(20);
    protocol::DeviceInventory inventory;
    inventory.hostname = QStringLiteral("before");
    inventory.bootTime = 1790000000;
    int collected = 0;
    settings.inventory = [&] {
        ++collected;
        return inventory;
    };
    agent::ServerLink link(settings);
    link.start();
    REQUIRE(waitUntil([&] {
        return server.device(enrolled->deviceId)[QStringLiteral("hostname")]
               == QStringLiteral("before");
    }));
    // Several heartbeats pass without a change: nothing more is stored.
    const qint64 revision =
        server.device(enrolled->deviceId)[QStringLiteral("revision")].toInteger();
    REQUIRE(waitUntil([&] { return collected >= 5; }));
    CHECK(server.device(enrolled->deviceId)[QStringLiteral("revision")].toInteger() == revision);
    inventory.hostname = QStringLiteral("after");
    REQUIRE(waitUntil([&] {
        return server.device(enrolled->deviceId)[QStringLiteral("hostname")]
               == QStringLiteral("after");
    }));
    CHECK(server.device(enrolled->deviceId)[QStringLiteral("lastBoot")]
          == QStringLiteral("2026-09-21T14:13:20Z"));
    // The link stays usable (on a loaded machine a 30 ms heartbeat may meet a reconnect).
    CHECK(waitUntil([&] { return link.state() == agent::ServerLink::State::Up; }));
    link.stop();
}
