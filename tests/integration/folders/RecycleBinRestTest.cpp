// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QJsonArray>
#include <QProcess>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::RestReply;
using steward::test::waitUntil;

namespace {

const QString AgentProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent");

qint64 createFolder(DeviceTestServer& server, const QString& name)
{
    const auto reply = server.admin().post(QStringLiteral("/api/v1/folders"),
                                           QJsonObject{{QStringLiteral("name"), name}});
    REQUIRE(reply.status == 201);
    return reply.json()[QStringLiteral("id")].toInteger();
}

qint64 enrolled(DeviceTestServer& server, const QTemporaryDir& state)
{
    const auto agent = test::enrollAgent(server, state.path(), server.createToken());
    REQUIRE(agent.ok());
    return agent->deviceId;
}

void checkError(const RestReply& reply, int status, const QString& code, const QString& text)
{
    INFO(reply.body.toStdString());
    CHECK(reply.status == status);
    CHECK(reply.errorCode() == code);
    CHECK(
        reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(text));
}

RestReply sendJson(test::RestClient& client, const QByteArray& verb, const QString& path,
                   const QJsonObject& body)
{
    return client.send(verb, path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QJsonObject ids(std::initializer_list<qint64> list)
{
    QJsonArray array;
    for (const qint64 id : list) {
        array.append(id);
    }
    return QJsonObject{{QStringLiteral("ids"), array}};
}

qint64 total(DeviceTestServer& server, const QString& path)
{
    const auto reply = server.admin().get(path);
    REQUIRE(reply.status == 200);
    return reply.json()[QStringLiteral("total")].toInteger();
}

qint64 folderCount(DeviceTestServer& server, qint64 folder)
{
    return server.admin()
        .get(QStringLiteral("/api/v1/folders/%1").arg(folder))
        .json()[QStringLiteral("deviceCount")]
        .toInteger();
}

} // namespace

TEST_CASE("a deleted device leaves lists and counts, is refused, restores into its folder and "
          "purges, with events and audit",
          "[integration][folders][recycle]")
{
    DeviceTestServer server;
    test::EventWatcher console(server);
    const qint64 lab = createFolder(server, QStringLiteral("Lab"));
    QTemporaryDir first;
    QTemporaryDir second;
    const qint64 a = enrolled(server, first);
    const qint64 b = enrolled(server, second);
    REQUIRE(server.admin()
                .patch(QStringLiteral("/api/v1/devices/%1").arg(a),
                       QJsonObject{{QStringLiteral("folder"), lab}})
                .status
            == 200);
    REQUIRE(folderCount(server, lab) == 1);

    const auto removed = server.admin().send("DELETE", QStringLiteral("/api/v1/devices/%1").arg(a));
    INFO(removed.body.toStdString());
    REQUIRE(removed.status == 200);
    CHECK(removed.json()[QStringLiteral("deletedBy")] == QStringLiteral("alice"));
    CHECK(removed.json()[QStringLiteral("folder")] == lab);
    REQUIRE(waitUntil([&] { return console.saw(QStringLiteral("deleted"), a); }));
    REQUIRE(waitUntil(
        [&] { return console.saw(QStringLiteral("created"), a, QStringLiteral("recycle-bin")); }));

    CHECK(total(server, QStringLiteral("/api/v1/devices")) == 1);
    CHECK(total(server, QStringLiteral("/api/v1/devices?folder=%1").arg(lab)) == 0);
    CHECK(folderCount(server, lab) == 0);
    const auto bin = server.admin().get(QStringLiteral("/api/v1/recycle-bin"));
    REQUIRE(bin.status == 200);
    CHECK(bin.json()[QStringLiteral("total")] == 1);
    const auto entry = bin.json()[QStringLiteral("items")][0].toObject();
    CHECK(entry[QStringLiteral("id")] == a);
    CHECK(entry[QStringLiteral("deletedBy")] == QStringLiteral("alice"));
    CHECK(entry[QStringLiteral("deletedAt")].toString().endsWith(QLatin1Char('Z')));
    CHECK(server.audit(QStringLiteral("device.delete"), QStringLiteral("ok")).size() == 1);

    // Binned: refused everywhere that acts on it, with one clear reason.
    checkError(server.admin().send("DELETE", QStringLiteral("/api/v1/devices/%1").arg(a)), 409,
               QStringLiteral("conflict"), QStringLiteral("already in the recycle bin"));
    checkError(server.admin().get(QStringLiteral("/api/v1/devices/%1").arg(a)), 409,
               QStringLiteral("conflict"), QStringLiteral("is in the recycle bin"));
    checkError(server.admin().patch(QStringLiteral("/api/v1/devices/%1").arg(a),
                                    QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}}),
               409, QStringLiteral("conflict"), QStringLiteral("is in the recycle bin"));
    checkError(server.admin().post(QStringLiteral("/api/v1/devices/%1/commands").arg(a),
                                   QJsonObject{{QStringLiteral("kind"), QStringLiteral("reboot")}}),
               409, QStringLiteral("conflict"), QStringLiteral("is in the recycle bin"));
    checkError(server.admin().post(QStringLiteral("/api/v1/devices/%1/shadow").arg(a),
                                   QJsonObject{{QStringLiteral("path"), QStringLiteral("auto")}}),
               409, QStringLiteral("conflict"), QStringLiteral("is in the recycle bin"));
    checkError(server.admin().send("DELETE", QStringLiteral("/api/v1/devices/4242")), 404,
               QStringLiteral("not_found"), QStringLiteral("no device 4242"));
    checkError(server.admin().post(QStringLiteral("/api/v1/recycle-bin/%1/restore").arg(b), {}),
               409, QStringLiteral("conflict"), QStringLiteral("not in the recycle bin"));

    const auto restored =
        server.admin().post(QStringLiteral("/api/v1/recycle-bin/%1/restore").arg(a), {});
    INFO(restored.body.toStdString());
    REQUIRE(restored.status == 200);
    CHECK(restored.json()[QStringLiteral("folder")] == lab);
    REQUIRE(waitUntil([&] { return console.saw(QStringLiteral("created"), a); }));
    REQUIRE(waitUntil(
        [&] { return console.saw(QStringLiteral("deleted"), a, QStringLiteral("recycle-bin")); }));
    CHECK(folderCount(server, lab) == 1);
    CHECK(total(server, QStringLiteral("/api/v1/recycle-bin")) == 0);

    // Bulk: all or nothing.
    checkError(
        sendJson(server.admin(), "DELETE", QStringLiteral("/api/v1/devices"), ids({a, 4242})), 404,
        QStringLiteral("not_found"), QStringLiteral("no device 4242"));
    CHECK(total(server, QStringLiteral("/api/v1/devices")) == 2);
    checkError(
        server.admin().send("DELETE", QStringLiteral("/api/v1/devices"), "{\"ids\":[\"1\"]}"), 400,
        QStringLiteral("invalid_value"), QStringLiteral("body.ids[0]"));
    const auto both =
        sendJson(server.admin(), "DELETE", QStringLiteral("/api/v1/devices"), ids({a, b}));
    REQUIRE(both.status == 200);
    CHECK(both.json()[QStringLiteral("items")].toArray().size() == 2);
    CHECK(total(server, QStringLiteral("/api/v1/devices")) == 0);

    const auto purged =
        server.admin().send("DELETE", QStringLiteral("/api/v1/recycle-bin/%1").arg(a));
    REQUIRE(purged.status == 200);
    CHECK(purged.json()[QStringLiteral("purged")] == QJsonArray{a});
    checkError(server.admin().get(QStringLiteral("/api/v1/devices/%1").arg(a)), 404,
               QStringLiteral("not_found"), QStringLiteral("no device"));
    const auto emptied = server.admin().send("DELETE", QStringLiteral("/api/v1/recycle-bin"));
    REQUIRE(emptied.status == 200);
    CHECK(emptied.json()[QStringLiteral("purged")] == QJsonArray{b});
    CHECK(total(server, QStringLiteral("/api/v1/recycle-bin")) == 0);
    REQUIRE(waitUntil(
        [&] { return console.saw(QStringLiteral("deleted"), b, QStringLiteral("recycle-bin")); }));
    CHECK(server.audit(QStringLiteral("device.purge"), QStringLiteral("ok")).size() == 2);
}

TEST_CASE("deleting needs Write on the device, and the bin lists only what one may browse",
          "[integration][folders][recycle]")
{
    DeviceTestServer server;
    QTemporaryDir state;
    const qint64 id = enrolled(server, state);
    auto [bob, bobId] = server.addAdmin(QStringLiteral("bob"));
    checkError(bob->send("DELETE", QStringLiteral("/api/v1/devices/%1").arg(id)), 403,
               QStringLiteral("forbidden"), QStringLiteral("missing right Write"));
    CHECK(total(server, QStringLiteral("/api/v1/devices")) == 1);
    REQUIRE(server.admin().send("DELETE", QStringLiteral("/api/v1/devices/%1").arg(id)).status
            == 200);
    const auto seen = bob->get(QStringLiteral("/api/v1/recycle-bin"));
    REQUIRE(seen.status == 200);
    CHECK(seen.json()[QStringLiteral("total")] == 0);
    checkError(bob->post(QStringLiteral("/api/v1/recycle-bin/%1/restore").arg(id), {}), 403,
               QStringLiteral("forbidden"), QStringLiteral("missing right Write"));
    checkError(bob->send("DELETE", QStringLiteral("/api/v1/recycle-bin/%1").arg(id)), 403,
               QStringLiteral("forbidden"), QStringLiteral("missing right Write"));
    CHECK(total(server, QStringLiteral("/api/v1/recycle-bin")) == 1);
}

TEST_CASE("a deleted device's channel is closed and refused until it is restored",
          "[integration][folders][recycle]")
{
    DeviceTestServer server;
    test::EventWatcher console(server);
    QTemporaryDir state;
    const auto agent = test::enrollAgent(server, state.path(), server.createToken());
    REQUIRE(agent.ok());
    auto link = test::linkFor(*agent);
    link->start();
    const qint64 id = agent->deviceId;
    REQUIRE(waitUntil([&] { return server.app().isDeviceOnline(id); }));

    REQUIRE(server.admin().send("DELETE", QStringLiteral("/api/v1/devices/%1").arg(id)).status
            == 200);
    REQUIRE(waitUntil([&] { return link->state() != agent::ServerLink::State::Up; }));
    // Its "offline" carries no device: consoles must not list it again.
    REQUIRE(waitUntil([&] { return console.saw(QStringLiteral("offline"), id); }));
    CHECK(console.latest(QStringLiteral("offline"), QStringLiteral("device"), id).isEmpty());
    // It keeps trying (20-200 ms back-off) and the server keeps refusing, saying why.
    REQUIRE(waitUntil([&] {
        const auto denied =
            server.audit(QStringLiteral("device.connect"), QStringLiteral("denied"));
        return !denied.isEmpty()
               && denied.last()[QStringLiteral("details")].toString().contains(
                   QStringLiteral("recycle bin"));
    }));
    CHECK_FALSE(server.app().isDeviceOnline(id));

    REQUIRE(server.admin().post(QStringLiteral("/api/v1/recycle-bin/%1/restore").arg(id), {}).status
            == 200);
    REQUIRE(waitUntil([&] { return link->state() == agent::ServerLink::State::Up; }));
    CHECK(server.device(id)[QStringLiteral("online")] == true);
}

TEST_CASE("the real steward-agent is cut off while its device is in the recycle bin and "
          "reconnects once it is restored",
          "[integration][folders][recycle]")
{
    DeviceTestServer server;
    QTemporaryDir state;
    const qint64 id = enrolled(server, state);
    QProcess run;
    QString err;
    QObject::connect(&run, &QProcess::readyReadStandardError,
                     [&] { err += QString::fromUtf8(run.readAllStandardError()); });
    run.start(AgentProgram, {QStringLiteral("--state-dir"), state.path(), QStringLiteral("run"),
                             QStringLiteral("--discovery-listen"), QStringLiteral("127.0.0.1:0")});
    REQUIRE(run.waitForStarted());
    REQUIRE(waitUntil([&] { return server.device(id)[QStringLiteral("online")] == true; },
                      std::chrono::seconds(10)));

    REQUIRE(server.admin().send("DELETE", QStringLiteral("/api/v1/devices/%1").arg(id)).status
            == 200);
    REQUIRE(waitUntil([&] { return err.contains(QStringLiteral("moved to the recycle bin")); }));
    CHECK(run.state() == QProcess::Running);
    CHECK_FALSE(server.app().isDeviceOnline(id));

    REQUIRE(server.admin().post(QStringLiteral("/api/v1/recycle-bin/%1/restore").arg(id), {}).status
            == 200);
    // The agent's own back-off (1 s doubling, full jitter) decides when it comes back.
    INFO(err.toStdString());
    REQUIRE(waitUntil([&] { return server.app().isDeviceOnline(id); }, std::chrono::seconds(30)));
    run.terminate();
    REQUIRE(waitUntil([&] { return run.state() == QProcess::NotRunning; }));
}
