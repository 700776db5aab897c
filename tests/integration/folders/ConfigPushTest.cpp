// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The versioned push end to end: the real server, the real steward-agent process and its
// sandbox root (docs/settings.md, "Versioned push").
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TempFiles.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

const QString AgentProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent");
constexpr std::chrono::seconds Patience{20};

qint64 created(const test::RestReply& reply)
{
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 201);
    return reply.json()[QStringLiteral("id")].toInteger();
}

// An agent enrolled into \a folder, with its settings root in a sandbox directory.
struct SandboxedDevice {
    QTemporaryDir state;
    QTemporaryDir sandbox;
    qint64 id = 0;

    SandboxedDevice(DeviceTestServer& server, const QString& folder)
    {
        // An empty folder: a token without one (the device goes to the root or by the rules).
        const auto token = server.admin().post(
            QStringLiteral("/api/v1/enrollment-tokens"),
            folder.isEmpty() ? QJsonObject{} : QJsonObject{{QStringLiteral("folder"), folder}});
        REQUIRE(token.status == 201);
        auto enrolled = test::enrollAgent(
            server, state.path(), token.json()[QStringLiteral("token")].toString().toLatin1());
        REQUIRE(enrolled.ok());
        id = enrolled->deviceId;
        QFile config(QDir(state.path()).filePath(QStringLiteral("agent.conf")));
        REQUIRE(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral("[link]\nheartbeatSeconds = 1\nheartbeatJitterSeconds = 1\n"
                                    "[settings]\nroot = %1\n")
                         .arg(sandbox.path())
                         .toUtf8());
    }

    [[nodiscard]] QString file(const QString& path) const
    {
        return test::readTextFile(sandbox.filePath(path));
    }
};

struct RunningAgent {
    QProcess process;

    explicit RunningAgent(const SandboxedDevice& device)
    {
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(AgentProgram,
                      {QStringLiteral("--state-dir"), device.state.path(),
                       QStringLiteral("--vnc-source"), QStringLiteral("external:127.0.0.1:1"),
                       QStringLiteral("--shadow-port"), QStringLiteral("0"),
                       QStringLiteral("run")});
        REQUIRE(process.waitForStarted());
    }
    ~RunningAgent() { stop(); }
    void stop()
    {
        if (process.state() != QProcess::NotRunning) {
            process.terminate();
            (void)waitUntil([&] { return process.state() == QProcess::NotRunning; });
        }
    }
};

QJsonObject configState(DeviceTestServer& server, qint64 device)
{
    return server.admin().get(QStringLiteral("/api/v1/devices/%1/config-state").arg(device)).json();
}

bool stateIs(DeviceTestServer& server, qint64 device, const QString& state)
{
    return configState(server, device)[QStringLiteral("state")] == state;
}

// Every change and delivery the push queue held is done.
bool pushIdle(DeviceTestServer& server)
{
    return server.admin()
               .get(QStringLiteral("/api/v1/config-states"))
               .json()[QStringLiteral("queued")]
           == 0;
}

test::RestReply patchValues(DeviceTestServer& server, qint64 profile, const QJsonObject& values,
                            const QString& query = {})
{
    return server.admin().patch(QStringLiteral("/api/v1/profiles/%1%2").arg(profile).arg(query),
                                QJsonObject{{QStringLiteral("values"), values}});
}

} // namespace

TEST_CASE("a profile change reaches the real agent's sandbox, a failing value keeps the "
          "previous bundle, and an offline agent catches up on reconnect",
          "[integration][folders][push]")
{
    DeviceTestServer server;
    auto& admin = server.admin();
    test::EventWatcher console(server);
    const qint64 berlin =
        created(admin.post(QStringLiteral("/api/v1/folders"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("Berlin")}}));
    SandboxedDevice device(server, QStringLiteral("/Berlin"));
    const qint64 office = created(admin.post(
        QStringLiteral("/api/v1/profiles"),
        QJsonObject{
            {QStringLiteral("name"), QStringLiteral("Office")},
            {QStringLiteral("values"),
             QJsonObject{{QStringLiteral("system.timezone"), QStringLiteral("Europe/Berlin")},
                         {QStringLiteral("screen.lock_timeout"), 300}}}}));
    // Assigned while the device is offline: computed and pending, not delivered.
    created(admin.post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(office),
                       QJsonObject{{QStringLiteral("folder"), berlin}}));
    REQUIRE(waitUntil(
        [&] { return pushIdle(server) && stateIs(server, device.id, QStringLiteral("pending")); },
        Patience));
    CHECK(configState(server, device.id)[QStringLiteral("delivered")].isNull());

    RunningAgent agent(device);
    REQUIRE(
        waitUntil([&] { return stateIs(server, device.id, QStringLiteral("applied")); }, Patience));
    auto state = configState(server, device.id);
    const QString applied = state[QStringLiteral("appliedVersion")].toString();
    CHECK(applied == state[QStringLiteral("desiredVersion")].toString());
    CHECK(applied
          == admin.get(QStringLiteral("/api/v1/devices/%1/effective-config").arg(device.id))
                 .json()[QStringLiteral("version")]
                 .toString());
    CHECK(state[QStringLiteral("notApplied")].toArray().contains(
        QStringLiteral("desktop.wallpaper")));
    CHECK(device.file(QStringLiteral("etc/timezone")) == QStringLiteral("Europe/Berlin\n"));
    CHECK(device.file(QStringLiteral("etc/steward/screen.conf"))
          == QStringLiteral("lock_timeout=300\n"));
    CHECK(console.saw(QStringLiteral("changed"), device.id, QStringLiteral("device-config")));

    SECTION("a value the device cannot apply leaves the previous bundle, reported per parameter")
    {
        REQUIRE(patchValues(server, office,
                            QJsonObject{{QStringLiteral("system.timezone"),
                                         QStringLiteral("Mars/Olympus_Mons")},
                                        {QStringLiteral("screen.lock_timeout"), 900}})
                    .status
                == 200);
        REQUIRE(waitUntil([&] { return stateIs(server, device.id, QStringLiteral("failed")); },
                          Patience));
        state = configState(server, device.id);
        CHECK(state[QStringLiteral("appliedVersion")] == applied);
        CHECK(state[QStringLiteral("revision")] == 2);
        CHECK(state[QStringLiteral("failures")][QStringLiteral("system.timezone")]
                  .toString()
                  .contains(QStringLiteral("Mars/Olympus_Mons")));
        CHECK(device.file(QStringLiteral("etc/timezone")) == QStringLiteral("Europe/Berlin\n"));
        CHECK(device.file(QStringLiteral("etc/steward/screen.conf"))
              == QStringLiteral("lock_timeout=300\n"));
    }
    SECTION("an agent offline during the change gets it when it reconnects")
    {
        agent.stop();
        REQUIRE(waitUntil(
            [&] { return server.device(device.id)[QStringLiteral("online")] == false; }, Patience));
        REQUIRE(patchValues(
                    server, office,
                    QJsonObject{{QStringLiteral("system.timezone"), QStringLiteral("Asia/Tokyo")}})
                    .status
                == 200);
        REQUIRE(waitUntil(
            [&] {
                return pushIdle(server) && stateIs(server, device.id, QStringLiteral("pending"));
            },
            Patience));
        RunningAgent again(device);
        REQUIRE(waitUntil([&] { return stateIs(server, device.id, QStringLiteral("applied")); },
                          Patience));
        CHECK(configState(server, device.id)[QStringLiteral("revision")] == 2);
        CHECK(device.file(QStringLiteral("etc/timezone")) == QStringLiteral("Asia/Tokyo\n"));
    }
    SECTION("apply=next-connect holds the change for an online device until it reconnects")
    {
        REQUIRE(patchValues(server, office,
                            QJsonObject{{QStringLiteral("screen.lock_timeout"), 60}},
                            QStringLiteral("?apply=next-connect"))
                    .status
                == 200);
        REQUIRE(waitUntil(
            [&] {
                return pushIdle(server) && stateIs(server, device.id, QStringLiteral("pending"));
            },
            Patience));
        state = configState(server, device.id);
        CHECK(state[QStringLiteral("push")] == QStringLiteral("next-connect"));
        CHECK(state[QStringLiteral("deliveredVersion")] == applied);
        CHECK(device.file(QStringLiteral("etc/steward/screen.conf"))
              == QStringLiteral("lock_timeout=300\n"));
        agent.stop();
        RunningAgent again(device);
        REQUIRE(waitUntil([&] { return stateIs(server, device.id, QStringLiteral("applied")); },
                          Patience));
        CHECK(device.file(QStringLiteral("etc/steward/screen.conf"))
              == QStringLiteral("lock_timeout=60\n"));
    }
    SECTION("a bad apply option is refused before anything changes")
    {
        const auto refused =
            patchValues(server, office, QJsonObject{{QStringLiteral("screen.lock_timeout"), 60}},
                        QStringLiteral("?apply=later"));
        CHECK(refused.status == 400);
        CHECK(refused.body.contains("apply"));
        CHECK(admin.get(QStringLiteral("/api/v1/profiles/%1").arg(office))
                  .json()[QStringLiteral("values")][QStringLiteral("screen.lock_timeout")]
              == 300);
    }
}
