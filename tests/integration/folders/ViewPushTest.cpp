// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// A view as an assignment target end to end: the real server and a real steward-agent process
// whose device joins and leaves a view by attribute (docs/views.md).
#include "tests/integration/folders/SandboxedAgent.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

constexpr auto Patience = test::AgentPatience;

QJsonObject roomFilter(const QString& room)
{
    return QJsonObject{
        {QStringLiteral("all"),
         QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("attribute")},
                                {QStringLiteral("attribute"), QStringLiteral("room")},
                                {QStringLiteral("equals"), room}}}}};
}

void setRoom(DeviceTestServer& server, qint64 device, const QString& room)
{
    const auto set = server.admin().send(
        "PUT", QStringLiteral("/api/v1/devices/%1/attributes/room").arg(device),
        QJsonDocument(QJsonObject{{QStringLiteral("value"), room}}).toJson(QJsonDocument::Compact));
    INFO(set.body.toStdString());
    REQUIRE(set.status == 200);
}

} // namespace

TEST_CASE("a real agent that joins a view by attribute gets the view's profile value in its "
          "sandbox, and loses it when it leaves the view",
          "[integration][folders][push][views]")
{
    DeviceTestServer server;
    auto& admin = server.admin();
    REQUIRE(admin
                .post(QStringLiteral("/api/v1/attributes"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("room")},
                                  {QStringLiteral("type"), QStringLiteral("string")}})
                .status
            == 201);
    test::SandboxedDevice device(server, QString());
    test::SandboxedDevice bystander(server, QString());
    const qint64 view = test::createdId(
        admin.post(QStringLiteral("/api/v1/views"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("Lab")},
                               {QStringLiteral("filter"), roomFilter(QStringLiteral("lab"))}}));
    const qint64 profile = test::createdId(admin.post(
        QStringLiteral("/api/v1/profiles"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("Lab")},
                    {QStringLiteral("values"), QJsonObject{{QStringLiteral("system.timezone"),
                                                            QStringLiteral("Asia/Tokyo")}}}}));
    (void)test::createdId(admin.post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(profile),
                                     QJsonObject{{QStringLiteral("view"), view}}));

    test::RunningAgent agent(device);
    REQUIRE(
        waitUntil([&] { return test::configStateIs(server, device.id, QStringLiteral("applied")); },
                  Patience));
    const QString outside =
        test::configState(server, device.id)[QStringLiteral("desiredVersion")].toString();
    CHECK(device.file(QStringLiteral("etc/timezone")).isEmpty()); // not in the view: unmanaged

    // The attribute puts the device in the view: the profile's value reaches the sandbox.
    setRoom(server, device.id, QStringLiteral("lab"));
    REQUIRE(waitUntil(
        [&] {
            return device.file(QStringLiteral("etc/timezone")) == QStringLiteral("Asia/Tokyo\n");
        },
        Patience));
    REQUIRE(
        waitUntil([&] { return test::configStateIs(server, device.id, QStringLiteral("applied")); },
                  Patience));
    const auto explained =
        admin.get(QStringLiteral("/api/v1/devices/%1/effective-config").arg(device.id)).json();
    bool named = false;
    for (const auto value : explained[QStringLiteral("values")].toArray()) {
        if (value[QStringLiteral("key")] == QStringLiteral("system.timezone")) {
            CHECK(value[QStringLiteral("assignment")][QStringLiteral("via")]
                  == QStringLiteral("view"));
            CHECK(value[QStringLiteral("assignment")][QStringLiteral("view")] == view);
            named = true;
        }
    }
    CHECK(named);
    // Only the device whose membership changed was recomputed: the bystander has no state yet.
    CHECK(server.admin()
              .get(QStringLiteral("/api/v1/devices/%1/config-state").arg(bystander.id))
              .status
          == 404);

    SECTION("another attribute value takes it out of the view and the value reverts")
    {
        setRoom(server, device.id, QStringLiteral("office"));
        REQUIRE(waitUntil(
            [&] { return device.file(QStringLiteral("etc/timezone")) == QStringLiteral("UTC\n"); },
            Patience));
        REQUIRE(waitUntil(
            [&] {
                const auto state = test::configState(server, device.id);
                return state[QStringLiteral("state")] == QStringLiteral("applied")
                       && state[QStringLiteral("desiredVersion")] == outside;
            },
            Patience));
    }
    SECTION("editing the view's filter takes it out, and back in")
    {
        REQUIRE(admin
                    .patch(QStringLiteral("/api/v1/views/%1").arg(view),
                           QJsonObject{
                               {QStringLiteral("filter"), roomFilter(QStringLiteral("office"))}})
                    .status
                == 200);
        REQUIRE(waitUntil(
            [&] { return device.file(QStringLiteral("etc/timezone")) == QStringLiteral("UTC\n"); },
            Patience));
        setRoom(server, device.id, QStringLiteral("office"));
        REQUIRE(waitUntil(
            [&] {
                return device.file(QStringLiteral("etc/timezone"))
                       == QStringLiteral("Asia/Tokyo\n");
            },
            Patience));
    }
    SECTION("deleting the view reverts the value")
    {
        REQUIRE(admin.send("DELETE", QStringLiteral("/api/v1/views/%1").arg(view)).status == 204);
        REQUIRE(waitUntil(
            [&] { return device.file(QStringLiteral("etc/timezone")) == QStringLiteral("UTC\n"); },
            Patience));
    }
}
