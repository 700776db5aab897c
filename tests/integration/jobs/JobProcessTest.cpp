// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Jobs end to end: REST on a real server over TLS, real steward-agent processes on loopback,
// the console event socket, and a server restart in the same data directory.
#include "server/app/ServerApp.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/integration/jobs/HookAgent.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TempFiles.h"
#include "tests/support/server/DeviceSeed.h"

#include <QDateTime>
#include <QJsonArray>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

qint64 createFolder(DeviceTestServer& server, const QString& name,
                    std::optional<qint64> parent = std::nullopt)
{
    QJsonObject body{{QStringLiteral("name"), name}};
    if (parent) {
        body.insert(QStringLiteral("parent"), *parent);
    }
    const auto reply = server.admin().post(QStringLiteral("/api/v1/folders"), body);
    REQUIRE(reply.status == 201);
    return reply.json()[QStringLiteral("id")].toInteger();
}

void moveDevice(DeviceTestServer& server, qint64 device, qint64 folder)
{
    const auto reply = server.admin().patch(QStringLiteral("/api/v1/devices/%1").arg(device),
                                            {{QStringLiteral("folder"), folder}});
    REQUIRE(reply.status == 200);
}

QJsonObject job(test::RestClient& client, qint64 id)
{
    const auto reply = client.get(QStringLiteral("/api/v1/jobs/%1").arg(id));
    REQUIRE(reply.status == 200);
    return reply.json();
}

QJsonArray commandsOf(test::RestClient& client, qint64 device)
{
    const auto reply = client.get(QStringLiteral("/api/v1/devices/%1/commands").arg(device));
    REQUIRE(reply.status == 200);
    return reply.json()[QStringLiteral("items")].toArray();
}

} // namespace

TEST_CASE("a reboot job over a folder and its subfolder reaches done on three real agents, "
          "live on the event socket",
          "[integration][jobs]")
{
    DeviceTestServer server;
    test::EventWatcher events(server);
    test::HookAgent first(server);
    test::HookAgent second(server);
    test::HookAgent third(server);
    const qint64 lab = createFolder(server, QStringLiteral("Lab"));
    const qint64 row = createFolder(server, QStringLiteral("Row 2"), lab);
    moveDevice(server, first.id, lab);
    moveDevice(server, second.id, row);
    moveDevice(server, third.id, row);
    REQUIRE(waitUntil(
        [&] {
            for (const qint64 id : {first.id, second.id, third.id}) {
                if (server.device(id)[QStringLiteral("online")] != true) {
                    return false;
                }
            }
            return true;
        },
        std::chrono::seconds(20)));

    const auto created = server.admin().post(
        QStringLiteral("/api/v1/jobs"),
        {{QStringLiteral("kind"), QStringLiteral("reboot")},
         {QStringLiteral("name"), QStringLiteral("Lab reboot")},
         {QStringLiteral("target"), QJsonObject{{QStringLiteral("folder"), lab}}}});
    INFO(created.body.toStdString());
    REQUIRE(created.status == 201);
    const qint64 id = created.json()[QStringLiteral("id")].toInteger();
    CHECK(created.json()[QStringLiteral("total")] == 3);
    CHECK(created.json()[QStringLiteral("target")].toObject()[QStringLiteral("subfolders")]
          == true);

    REQUIRE(waitUntil(
        [&] {
            return job(server.admin(), id)[QStringLiteral("state")] == QStringLiteral("finished");
        },
        std::chrono::seconds(20)));
    const auto finished = job(server.admin(), id);
    CHECK(finished[QStringLiteral("progress")] == 100);
    CHECK(finished[QStringLiteral("counts")].toObject()[QStringLiteral("done")] == 3);
    for (const auto& device : finished[QStringLiteral("devices")].toArray()) {
        CHECK(device.toObject()[QStringLiteral("state")] == QStringLiteral("done"));
        CHECK(device.toObject()[QStringLiteral("commandId")].toInteger() > 0);
    }
    CHECK(first.marker() == QStringLiteral("reboot\n"));
    CHECK(second.marker() == QStringLiteral("reboot\n"));
    CHECK(third.marker() == QStringLiteral("reboot\n"));
    REQUIRE(waitUntil([&] {
        return events.latest(QStringLiteral("changed"), QStringLiteral("job"), id)
                   .value(QStringLiteral("progress"))
               == 100;
    }));
    CHECK(events.saw(QStringLiteral("created"), id, QStringLiteral("job")));
    CHECK_FALSE(server.audit(QStringLiteral("job.create"), QStringLiteral("ok")).isEmpty());

    const auto listed = server.admin().get(QStringLiteral("/api/v1/jobs"));
    REQUIRE(listed.status == 200);
    CHECK(listed.json()[QStringLiteral("total")] == 1);
    const auto removed = server.admin().send("DELETE", QStringLiteral("/api/v1/jobs/%1").arg(id));
    CHECK(removed.status == 204);
    REQUIRE(waitUntil(
        [&] { return events.saw(QStringLiteral("deleted"), id, QStringLiteral("job")); }));
    CHECK(server.admin().get(QStringLiteral("/api/v1/jobs/%1").arg(id)).status == 404);
}

TEST_CASE("cancelling a job before its time leaves nothing sent to the online agent",
          "[integration][jobs]")
{
    DeviceTestServer server;
    test::HookAgent agent(server);
    REQUIRE(waitUntil([&] { return server.device(agent.id)[QStringLiteral("online")] == true; },
                      std::chrono::seconds(20)));
    const auto runAt = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
    const auto created =
        server.admin().post(QStringLiteral("/api/v1/jobs"),
                            {{QStringLiteral("kind"), QStringLiteral("reboot")},
                             {QStringLiteral("runAt"), runAt},
                             {QStringLiteral("target"),
                              QJsonObject{{QStringLiteral("devices"), QJsonArray{agent.id}}}}});
    REQUIRE(created.status == 201);
    CHECK(created.json()[QStringLiteral("state")] == QStringLiteral("scheduled"));
    const qint64 id = created.json()[QStringLiteral("id")].toInteger();

    const auto cancelled =
        server.admin().post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(id), QJsonObject{});
    REQUIRE(cancelled.status == 200);
    CHECK(cancelled.json()[QStringLiteral("state")] == QStringLiteral("cancelled"));
    CHECK(cancelled.json()[QStringLiteral("cancelledNow")] == 1);
    CHECK(cancelled.json()[QStringLiteral("alreadyReached")] == 0);
    CHECK(commandsOf(server.admin(), agent.id).isEmpty());
    CHECK(agent.marker().isEmpty());
    const auto again =
        server.admin().post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(id), QJsonObject{});
    CHECK(again.status == 409);
}

TEST_CASE("jobs refuse targets the administrator may not command, naming them, and bad "
          "requests with the field named",
          "[integration][jobs]")
{
    DeviceTestServer server;
    QTemporaryDir state;
    auto enrolled = test::enrollAgent(server, state.path(), server.createToken());
    REQUIRE(enrolled.ok());
    const qint64 device = enrolled->deviceId;
    const QString name = server.device(device)[QStringLiteral("name")].toString();
    const QJsonObject target{{QStringLiteral("devices"), QJsonArray{device}}};

    auto [bob, bobId] = server.addAdmin(QStringLiteral("bob"));
    const auto refused = bob->post(
        QStringLiteral("/api/v1/jobs"),
        {{QStringLiteral("kind"), QStringLiteral("reboot")}, {QStringLiteral("target"), target}});
    CHECK(refused.status == 403);
    CHECK(refused.errorCode() == QStringLiteral("forbidden"));
    CHECK(refused.json()[QStringLiteral("error")]
              .toObject()[QStringLiteral("message")]
              .toString()
              .contains(QStringLiteral("%1 (%2)").arg(name).arg(device)));
    CHECK(bob->get(QStringLiteral("/api/v1/jobs")).json()[QStringLiteral("total")] == 0);

    // alice's job: bob sees none of it and may not cancel it; alice may.
    const auto later = QDateTime::currentSecsSinceEpoch() + 3600;
    const auto made = server.admin().post(QStringLiteral("/api/v1/jobs"),
                                          {{QStringLiteral("kind"), QStringLiteral("wake")},
                                           {QStringLiteral("runAt"), later},
                                           {QStringLiteral("target"), target}});
    REQUIRE(made.status == 201);
    const qint64 job = made.json()[QStringLiteral("id")].toInteger();
    CHECK(bob->get(QStringLiteral("/api/v1/jobs")).json()[QStringLiteral("total")] == 0);
    const auto read = bob->get(QStringLiteral("/api/v1/jobs/%1").arg(job));
    CHECK(read.status == 403);
    CHECK(read.body.contains("Read on /Jobs"));
    const auto cancel = bob->post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(job), {});
    CHECK(cancel.status == 403);
    CHECK(cancel.body.contains("Write on /Jobs"));
    CHECK(server.admin().post(QStringLiteral("/api/v1/jobs/%1/cancel").arg(job), {}).status == 200);
    CHECK(server.admin().send("DELETE", QStringLiteral("/api/v1/jobs/%1").arg(job)).status == 204);

    const auto badTime = server.admin().post(QStringLiteral("/api/v1/jobs"),
                                             {{QStringLiteral("kind"), QStringLiteral("reboot")},
                                              {QStringLiteral("runAt"), QStringLiteral("soon")},
                                              {QStringLiteral("target"), target}});
    CHECK(badTime.status == 400);
    CHECK(badTime.body.contains("runAt"));
    const auto hugeTime = server.admin().post(QStringLiteral("/api/v1/jobs"),
                                              {{QStringLiteral("kind"), QStringLiteral("reboot")},
                                               {QStringLiteral("runAt"), 1e300},
                                               {QStringLiteral("target"), target}});
    CHECK(hugeTime.status == 400);
    CHECK(hugeTime.body.contains("runAt"));
    const auto unknown = server.admin().post(QStringLiteral("/api/v1/jobs"),
                                             {{QStringLiteral("kind"), QStringLiteral("reboot")},
                                              {QStringLiteral("when"), 5},
                                              {QStringLiteral("target"), target}});
    CHECK(unknown.status == 400);
    CHECK(unknown.body.contains("when is not a job field"));
    const auto noDevice =
        server.admin().post(QStringLiteral("/api/v1/jobs"),
                            {{QStringLiteral("kind"), QStringLiteral("shutdown")},
                             {QStringLiteral("target"),
                              QJsonObject{{QStringLiteral("devices"), QJsonArray{device, 4242}}}}});
    CHECK(noDevice.status == 404);
    CHECK(noDevice.body.contains("no device 4242"));
    CHECK(server.admin().get(QStringLiteral("/api/v1/jobs")).json()[QStringLiteral("total")] == 0);
    CHECK(commandsOf(server.admin(), device).isEmpty());
    // The routes are described in the OpenAPI document.
    const auto paths = server.admin()
                           .get(QStringLiteral("/api/v1/openapi.json"))
                           .json()[QStringLiteral("paths")]
                           .toObject();
    CHECK(paths.contains(QStringLiteral("/api/v1/jobs")));
    CHECK(paths.contains(QStringLiteral("/api/v1/jobs/{id}/cancel")));
}

TEST_CASE("a scheduled job survives a server restart and runs at its time", "[integration][jobs]")
{
    QTemporaryDir dir;
    test::prepareServerDataDir(dir.path());
    server::ServerSettings settings;
    settings.dataDir = dir.path();
    settings.listenAddress = QHostAddress::LocalHost;
    settings.port = 0;
    settings.onlineCheckInterval = std::chrono::milliseconds(0);
    const auto login = [](server::ServerApp& app) {
        auto client = std::make_unique<test::RestClient>(
            app.port(), QList<QSslCertificate>{app.identity().rootCa().toQSslCertificate()});
        REQUIRE(client->login(QStringLiteral("alice"), QStringLiteral("correct horse")).status
                == 200);
        return client;
    };

    auto app = std::make_unique<server::ServerApp>(settings);
    REQUIRE(app->start().ok());
    REQUIRE(test::seedDevices(settings.databaseConfig(), 2).ok());
    auto client = login(*app);
    // A view as the target: its members when the job is created.
    const auto view = client->post(
        QStringLiteral("/api/v1/views"),
        {{QStringLiteral("name"), QStringLiteral("Seeds")},
         {QStringLiteral("filter"),
          QJsonObject{
              {QStringLiteral("all"),
               QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("name")},
                                      {QStringLiteral("glob"), QStringLiteral("seed-*")}}}}}}});
    REQUIRE(view.status == 201);
    const auto viewJob =
        client->post(QStringLiteral("/api/v1/jobs"),
                     {{QStringLiteral("kind"), QStringLiteral("shutdown")},
                      {QStringLiteral("target"),
                       QJsonObject{{QStringLiteral("view"), view.json()[QStringLiteral("id")]}}}});
    INFO(viewJob.body.toStdString());
    REQUIRE(viewJob.status == 201);
    CHECK(viewJob.json()[QStringLiteral("total")] == 2);
    CHECK(viewJob.json()[QStringLiteral("state")] == QStringLiteral("running"));
    const qint64 runAt = QDateTime::currentSecsSinceEpoch() + 3;
    const auto created = client->post(
        QStringLiteral("/api/v1/jobs"),
        {{QStringLiteral("kind"), QStringLiteral("push-settings")},
         {QStringLiteral("runAt"), runAt},
         {QStringLiteral("target"), QJsonObject{{QStringLiteral("devices"), QJsonArray{1, 2}}}}});
    INFO(created.body.toStdString());
    REQUIRE(created.status == 201);
    const qint64 id = created.json()[QStringLiteral("id")].toInteger();
    CHECK(created.json()[QStringLiteral("state")] == QStringLiteral("scheduled"));
    client.reset();
    app.reset();

    app = std::make_unique<server::ServerApp>(settings);
    REQUIRE(app->start().ok());
    client = login(*app);
    CHECK(job(*client, id)[QStringLiteral("runAt")]
          == QDateTime::fromSecsSinceEpoch(runAt, Qt::UTC).toString(Qt::ISODate));
    // The devices are offline: once the job runs, each has a queued push-settings command
    // (newest first, after the view job's shutdown).
    REQUIRE(waitUntil(
        [&]() -> bool {
            return commandsOf(*client, 1).size() == 2 && commandsOf(*client, 2).size() == 2;
        },
        std::chrono::seconds(15)));
    CHECK(QDateTime::currentSecsSinceEpoch() >= runAt);
    const auto command = commandsOf(*client, 1).first().toObject();
    CHECK(command[QStringLiteral("kind")] == QStringLiteral("push-settings"));
    CHECK(command[QStringLiteral("state")] == QStringLiteral("queued"));
    CHECK(command[QStringLiteral("createdBy")] == QStringLiteral("alice"));
    const auto running = job(*client, id);
    CHECK(running[QStringLiteral("state")] == QStringLiteral("running"));
    CHECK(running[QStringLiteral("counts")].toObject()[QStringLiteral("queued")] == 2);
}
