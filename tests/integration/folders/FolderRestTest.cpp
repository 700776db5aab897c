// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/ServerIdentity.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QJsonArray>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::RestReply;
using steward::test::waitUntil;

namespace {

qint64 createFolder(DeviceTestServer& server, const QString& name, const QJsonValue& parent)
{
    const auto reply = server.admin().post(
        QStringLiteral("/api/v1/folders"),
        QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("parent"), parent}});
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 201);
    return reply.json()[QStringLiteral("id")].toInteger();
}

QJsonObject folderByPath(DeviceTestServer& server, const QString& path)
{
    const auto list = server.admin().get(QStringLiteral("/api/v1/folders"));
    REQUIRE(list.status == 200);
    for (const auto& item : list.json()[QStringLiteral("items")].toArray()) {
        if (item[QStringLiteral("path")] == path) {
            return item.toObject();
        }
    }
    return {};
}

void checkError(const RestReply& reply, int status, const QString& code, const QString& text)
{
    INFO(reply.body.toStdString());
    CHECK(reply.status == status);
    CHECK(reply.errorCode() == code);
    CHECK(
        reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(text));
}

} // namespace

TEST_CASE("folders are created, listed, renamed, moved and deleted over REST with events",
          "[integration][folders]")
{
    DeviceTestServer server;
    test::EventWatcher console(server);
    const qint64 berlin = createFolder(server, QStringLiteral("Berlin"), QJsonValue::Null);
    const qint64 floor2 = createFolder(server, QStringLiteral("Floor 2"), berlin);
    REQUIRE(waitUntil(
        [&] { return console.saw(QStringLiteral("created"), floor2, QStringLiteral("folder")); }));

    const auto floor = folderByPath(server, QStringLiteral("/Berlin/Floor 2"));
    CHECK(floor[QStringLiteral("id")].toInteger() == floor2);
    CHECK(floor[QStringLiteral("parent")].toInteger() == berlin);
    CHECK(floor[QStringLiteral("name")] == QStringLiteral("Floor 2"));
    CHECK(floor[QStringLiteral("deviceCount")] == 0);
    CHECK(server.admin().get(QStringLiteral("/api/v1/folders/%1").arg(floor2)).json() == floor);

    checkError(server.admin().post(QStringLiteral("/api/v1/folders"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("floor 2")},
                                               {QStringLiteral("parent"), berlin}}),
               409, QStringLiteral("already_exists"), QStringLiteral("/Berlin already has"));
    checkError(server.admin().post(QStringLiteral("/api/v1/folders"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("a/b")}}),
               400, QStringLiteral("invalid_value"), QStringLiteral("contains '/'"));
    checkError(server.admin().post(QStringLiteral("/api/v1/folders"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                               {QStringLiteral("parent"), QStringLiteral("1")}}),
               400, QStringLiteral("wrong_field_type"), QStringLiteral("body.parent"));
    checkError(server.admin().post(QStringLiteral("/api/v1/folders"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("x")},
                                               {QStringLiteral("parent"), 4242}}),
               404, QStringLiteral("not_found"), QStringLiteral("no parent folder 4242"));

    // Rename and move to the root in one PATCH; the path follows.
    const auto moved =
        server.admin().patch(QStringLiteral("/api/v1/folders/%1").arg(floor2),
                             QJsonObject{{QStringLiteral("name"), QStringLiteral("Lab")},
                                         {QStringLiteral("parent"), QJsonValue::Null}});
    INFO(moved.body.toStdString());
    REQUIRE(moved.status == 200);
    CHECK(moved.json()[QStringLiteral("path")] == QStringLiteral("/Lab"));
    REQUIRE(waitUntil(
        [&] { return console.saw(QStringLiteral("changed"), floor2, QStringLiteral("folder")); }));
    checkError(server.admin().patch(QStringLiteral("/api/v1/folders/%1").arg(berlin), {}), 400,
               QStringLiteral("invalid_argument"), QStringLiteral("give \"name\" or \"parent\""));
    const qint64 inner = createFolder(server, QStringLiteral("Inner"), berlin);
    checkError(server.admin().patch(QStringLiteral("/api/v1/folders/%1").arg(berlin),
                                    QJsonObject{{QStringLiteral("parent"), inner}}),
               400, QStringLiteral("invalid_value"), QStringLiteral("one of its subfolders"));

    checkError(server.admin().send("DELETE", QStringLiteral("/api/v1/folders/%1").arg(berlin)), 409,
               QStringLiteral("conflict"), QStringLiteral("?recursive=true"));
    const auto removed = server.admin().send(
        "DELETE", QStringLiteral("/api/v1/folders/%1?recursive=true").arg(berlin));
    REQUIRE(removed.status == 200);
    CHECK(removed.json()[QStringLiteral("deletedFolders")].toArray().size() == 2);
    REQUIRE(waitUntil(
        [&] { return console.saw(QStringLiteral("deleted"), inner, QStringLiteral("folder")); }));
    CHECK(server.admin().get(QStringLiteral("/api/v1/folders/%1").arg(berlin)).status == 404);
    CHECK(server.audit(QStringLiteral("folder.create"), QStringLiteral("ok")).size() == 3);
    CHECK(server.audit(QStringLiteral("folder.create"), QStringLiteral("denied")).size() == 3);
    CHECK(server.audit(QStringLiteral("folder.delete"), QStringLiteral("ok")).size() == 1);
}

TEST_CASE("an enrolment token's folder places the device, and devices move between folders",
          "[integration][folders]")
{
    DeviceTestServer server;
    const qint64 berlin = createFolder(server, QStringLiteral("Berlin"), QJsonValue::Null);
    const qint64 floor2 = createFolder(server, QStringLiteral("Floor 2"), berlin);

    checkError(server.admin().post(
                   QStringLiteral("/api/v1/enrollment-tokens"),
                   QJsonObject{{QStringLiteral("folder"), QStringLiteral("/Berlin/Floor 3")}}),
               404, QStringLiteral("not_found"), QStringLiteral("no folder /Berlin/Floor 3"));
    const auto token = server.admin().post(
        QStringLiteral("/api/v1/enrollment-tokens"),
        QJsonObject{{QStringLiteral("folder"), QStringLiteral("/Berlin/Floor 2")}});
    REQUIRE(token.status == 201);
    // Renamed after the token was made: the token still means this folder.
    REQUIRE(server.admin()
                .patch(QStringLiteral("/api/v1/folders/%1").arg(floor2),
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("Second floor")}})
                .status
            == 200);

    QTemporaryDir state;
    const auto enrolled = test::enrollAgent(
        server, state.path(), token.json()[QStringLiteral("token")].toString().toLatin1());
    REQUIRE(enrolled.ok());
    const qint64 device = enrolled->deviceId;
    CHECK(server.device(device)[QStringLiteral("folder")].toInteger() == floor2);
    CHECK(
        folderByPath(server, QStringLiteral("/Berlin/Second floor"))[QStringLiteral("deviceCount")]
        == 1);
    CHECK(server.audit(QStringLiteral("enroll"), QStringLiteral("ok"))[0][QStringLiteral("details")]
              .toString()
              .contains(QStringLiteral("folder=%1").arg(floor2)));

    test::EventWatcher console(server);
    const auto toRoot =
        server.admin().patch(QStringLiteral("/api/v1/devices/%1").arg(device),
                             QJsonObject{{QStringLiteral("folder"), QJsonValue::Null},
                                         {QStringLiteral("name"), QStringLiteral("reception")}});
    INFO(toRoot.body.toStdString());
    REQUIRE(toRoot.status == 200);
    CHECK(toRoot.json()[QStringLiteral("folder")].isNull());
    CHECK(toRoot.json()[QStringLiteral("name")] == QStringLiteral("reception"));
    REQUIRE(waitUntil([&] { return console.saw(QStringLiteral("changed"), device); }));
    checkError(server.admin().patch(QStringLiteral("/api/v1/devices/%1").arg(device),
                                    QJsonObject{{QStringLiteral("folder"), 999}}),
               404, QStringLiteral("not_found"), QStringLiteral("no folder 999"));
    checkError(server.admin().patch(QStringLiteral("/api/v1/devices/9999"),
                                    QJsonObject{{QStringLiteral("folder"), berlin}}),
               404, QStringLiteral("not_found"), QStringLiteral("no device 9999"));
    REQUIRE(server.admin()
                .patch(QStringLiteral("/api/v1/devices/%1").arg(device),
                       QJsonObject{{QStringLiteral("folder"), berlin}})
                .status
            == 200);

    // A recursive delete moves the device to the root rather than deleting it.
    REQUIRE(server.admin()
                .send("DELETE", QStringLiteral("/api/v1/folders/%1?recursive=true").arg(berlin))
                .status
            == 200);
    CHECK(server.device(device)[QStringLiteral("folder")].isNull());
    CHECK(server.device(device)[QStringLiteral("name")] == QStringLiteral("reception"));
}

TEST_CASE("only a superuser changes folders and device placement, anyone reads them",
          "[integration][folders]")
{
    DeviceTestServer server;
    const qint64 lab = createFolder(server, QStringLiteral("Lab"), QJsonValue::Null);
    REQUIRE(server.admin()
                .post(QStringLiteral("/api/v1/admins"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")},
                                  {QStringLiteral("password"), QStringLiteral("battery staple")}})
                .status
            == 201);
    test::RestClient bob(server.port(), {server.app().identity().rootCa().toQSslCertificate()});
    REQUIRE(bob.login(QStringLiteral("bob"), QStringLiteral("battery staple")).status == 200);

    CHECK(bob.get(QStringLiteral("/api/v1/folders")).status == 200);
    checkError(bob.post(QStringLiteral("/api/v1/folders"),
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}}),
               403, QStringLiteral("not_authorised"), QStringLiteral("create folders"));
    checkError(bob.patch(QStringLiteral("/api/v1/folders/%1").arg(lab),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}}),
               403, QStringLiteral("not_authorised"), QStringLiteral("change folders"));
    checkError(bob.send("DELETE", QStringLiteral("/api/v1/folders/%1").arg(lab)), 403,
               QStringLiteral("not_authorised"), QStringLiteral("delete folders"));
    checkError(bob.patch(QStringLiteral("/api/v1/devices/1"),
                         QJsonObject{{QStringLiteral("folder"), lab}}),
               403, QStringLiteral("not_authorised"), QStringLiteral("move or rename devices"));
    CHECK(folderByPath(server, QStringLiteral("/Lab"))[QStringLiteral("id")].toInteger() == lab);
}

TEST_CASE("the device list narrows to one folder's own devices or to the root",
          "[integration][folders]")
{
    DeviceTestServer server;
    const qint64 lab = createFolder(server, QStringLiteral("Lab"), QJsonValue::Null);
    QTemporaryDir first;
    QTemporaryDir second;
    const auto a = test::enrollAgent(server, first.path(), server.createToken());
    const auto b = test::enrollAgent(server, second.path(), server.createToken());
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    REQUIRE(server.admin()
                .patch(QStringLiteral("/api/v1/devices/%1").arg(b->deviceId),
                       QJsonObject{{QStringLiteral("folder"), lab}})
                .status
            == 200);
    const auto inLab = server.admin().get(QStringLiteral("/api/v1/devices?folder=%1").arg(lab));
    REQUIRE(inLab.status == 200);
    CHECK(inLab.json()[QStringLiteral("total")] == 1);
    CHECK(inLab.json()[QStringLiteral("items")][0][QStringLiteral("id")] == b->deviceId);
    const auto atRoot = server.admin().get(QStringLiteral("/api/v1/devices?folder=root"));
    REQUIRE(atRoot.status == 200);
    CHECK(atRoot.json()[QStringLiteral("total")] == 1);
    CHECK(atRoot.json()[QStringLiteral("items")][0][QStringLiteral("id")] == a->deviceId);
    CHECK(server.admin().get(QStringLiteral("/api/v1/devices")).json()[QStringLiteral("total")]
          == 2);
    checkError(server.admin().get(QStringLiteral("/api/v1/devices?folder=lab")), 400,
               QStringLiteral("invalid_value"), QStringLiteral("folder must be a folder id"));
}
