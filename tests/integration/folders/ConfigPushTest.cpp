// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The versioned push end to end: the real server, the real steward-agent process and its
// sandbox root (docs/settings.md, "Versioned push").
#include "tests/integration/folders/SandboxedAgent.h"
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

using test::configState;
using test::pushIdle;
using test::RunningAgent;
using test::SandboxedDevice;
constexpr auto Patience = test::AgentPatience;

qint64 created(const test::RestReply& reply)
{
    return test::createdId(reply);
}

bool stateIs(DeviceTestServer& server, qint64 device, const QString& state)
{
    return test::configStateIs(server, device, state);
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
    // Only what the profile sets is managed: the registry's defaults never overwrite the
    // device's own settings (no keyboard file, nothing "not applied" such as the wallpaper).
    CHECK(state[QStringLiteral("notApplied")].toArray().isEmpty());
    CHECK_FALSE(QFile::exists(device.sandbox.filePath(QStringLiteral("etc/default/keyboard"))));
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

TEST_CASE("a default directory rule places an enrolling real agent and its folder's profile "
          "reaches the agent's sandbox with no hands",
          "[integration][folders][push][zerotouch]")
{
    DeviceTestServer server;
    auto& admin = server.admin();
    const qint64 kiosks =
        created(admin.post(QStringLiteral("/api/v1/folders"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("Kiosks")}}));
    const qint64 berlin =
        created(admin.post(QStringLiteral("/api/v1/folders"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("Berlin")}}));
    const qint64 profile =
        created(admin.post(QStringLiteral("/api/v1/profiles"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("Kiosk")},
                                       {QStringLiteral("values"),
                                        QJsonObject{{QStringLiteral("system.timezone"),
                                                     QStringLiteral("America/New_York")}}}}));
    created(admin.post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(profile),
                       QJsonObject{{QStringLiteral("folder"), kiosks}}));
    // Tried first, matches nothing here; then every loopback address goes to /Kiosks.
    created(admin.post(QStringLiteral("/api/v1/folder-rules"),
                       QJsonObject{{QStringLiteral("match"), QStringLiteral("hostname")},
                                   {QStringLiteral("pattern"), QStringLiteral("no-such-host-*")},
                                   {QStringLiteral("folder"), berlin}}));
    const qint64 rule =
        created(admin.post(QStringLiteral("/api/v1/folder-rules"),
                           QJsonObject{{QStringLiteral("match"), QStringLiteral("ip")},
                                       {QStringLiteral("pattern"), QStringLiteral("127.0.0.0/8")},
                                       {QStringLiteral("folder"), kiosks}}));
    CHECK(admin.get(QStringLiteral("/api/v1/folder-rules"))
              .json()[QStringLiteral("items")]
              .toArray()
              .size()
          == 2);

    SECTION("a device without a folder lands in the rule's folder and gets its profile")
    {
        SandboxedDevice device(server, QString());
        CHECK(server.device(device.id)[QStringLiteral("folder")] == kiosks);
        RunningAgent agent(device);
        REQUIRE(waitUntil([&] { return stateIs(server, device.id, QStringLiteral("applied")); },
                          Patience));
        CHECK(device.file(QStringLiteral("etc/timezone")) == QStringLiteral("America/New_York\n"));
    }
    SECTION("a token's folder stands unless the rule overrides membership")
    {
        SandboxedDevice kept(server, QStringLiteral("/Berlin"));
        CHECK(server.device(kept.id)[QStringLiteral("folder")] == berlin);
        REQUIRE(admin
                    .patch(QStringLiteral("/api/v1/folder-rules/%1").arg(rule),
                           QJsonObject{{QStringLiteral("override"), true}})
                    .status
                == 200);
        SandboxedDevice moved(server, QStringLiteral("/Berlin"));
        CHECK(server.device(moved.id)[QStringLiteral("folder")] == kiosks);
        // On demand, existing devices follow the rules too (by host name: the enrolled one
        // has not connected, so it has no address yet).
        REQUIRE(admin
                    .patch(QStringLiteral("/api/v1/folder-rules/%1").arg(rule),
                           QJsonObject{{QStringLiteral("match"), QStringLiteral("hostname")},
                                       {QStringLiteral("pattern"), QStringLiteral("thin-*")}})
                    .status
                == 200);
        const auto applied = admin.post(QStringLiteral("/api/v1/folder-rules/apply"), {});
        REQUIRE(applied.status == 200);
        CHECK(applied.json()[QStringLiteral("moved")].toArray().contains(kept.id));
        CHECK(server.device(kept.id)[QStringLiteral("folder")] == kiosks);
        CHECK(server.audit(QStringLiteral("folder-rule.apply"), QStringLiteral("ok")).size() == 1);
    }
    SECTION("a rule that names no usable range or folder is refused naming the problem")
    {
        const auto badRange =
            admin.post(QStringLiteral("/api/v1/folder-rules"),
                       QJsonObject{{QStringLiteral("match"), QStringLiteral("ip")},
                                   {QStringLiteral("pattern"), QStringLiteral("10.0.0.0/33")},
                                   {QStringLiteral("folder"), kiosks}});
        CHECK(badRange.status == 400);
        CHECK(badRange.body.contains("10.0.0.0/33"));
        const auto noFolder =
            admin.post(QStringLiteral("/api/v1/folder-rules"),
                       QJsonObject{{QStringLiteral("match"), QStringLiteral("hostname")},
                                   {QStringLiteral("pattern"), QStringLiteral("a*")},
                                   {QStringLiteral("folder"), 999}});
        CHECK(noFolder.status == 404);
        CHECK(server.audit(QStringLiteral("folder-rule.create"), QStringLiteral("denied")).size()
              >= 1);
    }
}
