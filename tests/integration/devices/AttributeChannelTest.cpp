// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/app/AgentApp.h"
#include "agent/attributes/AttributeClient.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QJsonArray>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

QString errorMessage(const test::RestReply& reply)
{
    return reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString();
}

test::RestReply putValue(test::RestClient& client, qint64 device, const QString& name,
                         const QString& value)
{
    return client.send("PUT",
                       QStringLiteral("/api/v1/devices/%1/attributes/%2").arg(device).arg(name),
                       QJsonDocument(QJsonObject{{QStringLiteral("value"), value}})
                           .toJson(QJsonDocument::Compact));
}

} // namespace

TEST_CASE("attribute changes are audited, published to consoles and pushed to the device's "
          "channel",
          "[integration][devices][attributes]")
{
    DeviceTestServer server;
    test::EventWatcher watcher(server);
    QTemporaryDir dir;
    const auto state = test::enrollAgent(server, dir.path(), server.createToken());
    REQUIRE(state.ok());
    const qint64 device = state->deviceId;
    REQUIRE(server.admin()
                .post(QStringLiteral("/api/v1/attributes"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("room")},
                                  {QStringLiteral("type"), QStringLiteral("string")}})
                .status
            == 201); // overwriteRule defaults to "server"

    auto link = test::linkFor(*state);
    std::vector<protocol::AttributeSnapshot> pushed;
    QObject::connect(
        link.get(), &agent::ServerLink::received, [&](const protocol::IncomingMessage& incoming) {
            if (const auto* snapshot = std::get_if<protocol::AttributeSnapshot>(&incoming.message);
                snapshot && !incoming.re) {
                pushed.push_back(*snapshot);
            }
        });
    link->start();
    REQUIRE(waitUntil([&] { return link->state() == agent::ServerLink::State::Up; }));

    REQUIRE(putValue(server.admin(), device, QStringLiteral("room"), QStringLiteral("R1")).status
            == 200);
    // Consoles see the device changed, with its attributes.
    REQUIRE(waitUntil([&] {
        return !watcher.latest(QStringLiteral("changed"), QStringLiteral("device"), device)
                    .isEmpty();
    }));
    const auto event = watcher.latest(QStringLiteral("changed"), QStringLiteral("device"), device);
    CHECK(event[QStringLiteral("attributes")][0][QStringLiteral("value")] == QStringLiteral("R1"));
    // The running agent gets the new snapshot without asking.
    REQUIRE(waitUntil([&] { return !pushed.empty(); }));
    REQUIRE(pushed.back().attributes.size() == 1);
    CHECK(pushed.back().attributes[0].value == QStringLiteral("R1"));
    CHECK(pushed.back().attributes[0].setBy == protocol::AttributeWriter::Server);
    CHECK(server.audit(QStringLiteral("device.attribute.set"), QStringLiteral("success")).size()
          == 1);

    // The device's refused write is answered with the reason and audited as denied.
    const auto refused = agent::requestAttributes(
        agent::linkSettingsFor(*state, {}),
        protocol::AttributeSet{QStringLiteral("room"), QStringLiteral("R2")},
        std::chrono::seconds(10));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::OverwriteRefused);
    CHECK(refused.error().message.contains(QStringLiteral("\"room\"")));
    const auto denied =
        server.audit(QStringLiteral("device.attribute.set"), QStringLiteral("denied"));
    REQUIRE(denied.size() == 1);
    CHECK(denied[0][QStringLiteral("actor")] == QStringLiteral("device"));

    // A definition change reaches the running agent as well.
    const std::size_t before = pushed.size();
    REQUIRE(server.admin()
                .post(QStringLiteral("/api/v1/attributes"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("floor")},
                                  {QStringLiteral("type"), QStringLiteral("number")}})
                .status
            == 201);
    REQUIRE(waitUntil([&] { return pushed.size() > before; }));
    CHECK(pushed.back().attributes.size() == 2);
    CHECK(server.audit(QStringLiteral("attribute.create"), QStringLiteral("success")).size() == 2);
    link->stop();
}

TEST_CASE("attribute definitions are validated with clear errors and changed only with Write",
          "[integration][devices][attributes]")
{
    DeviceTestServer server;
    auto& admin = server.admin();
    const auto define = [&](const QJsonObject& body) {
        return admin.post(QStringLiteral("/api/v1/attributes"), body);
    };
    const auto badName = define({{QStringLiteral("name"), QStringLiteral("2nd floor")},
                                 {QStringLiteral("type"), QStringLiteral("string")}});
    CHECK(badName.status == 400);
    CHECK(errorMessage(badName).contains(QStringLiteral("must start with a letter")));
    const auto badType = define({{QStringLiteral("name"), QStringLiteral("floor")},
                                 {QStringLiteral("type"), QStringLiteral("integer")}});
    CHECK(badType.status == 400);
    CHECK(errorMessage(badType).contains(QStringLiteral("string, number, date, list")));
    const auto emptyList = define({{QStringLiteral("name"), QStringLiteral("city")},
                                   {QStringLiteral("type"), QStringLiteral("list")}});
    CHECK(emptyList.status == 400);
    CHECK(errorMessage(emptyList).contains(QStringLiteral("allowed values")));
    const auto badRule = define({{QStringLiteral("name"), QStringLiteral("city")},
                                 {QStringLiteral("type"), QStringLiteral("string")},
                                 {QStringLiteral("overwriteRule"), QStringLiteral("anyone")}});
    CHECK(badRule.status == 400);
    CHECK(errorMessage(badRule).contains(QStringLiteral("server, device, both")));
    const auto city = define({{QStringLiteral("name"), QStringLiteral("city")},
                              {QStringLiteral("type"), QStringLiteral("list")},
                              {QStringLiteral("allowedValues"),
                               QJsonArray{QStringLiteral("Berlin"), QStringLiteral("Paris")}}});
    REQUIRE(city.status == 201);
    CHECK(define({{QStringLiteral("name"), QStringLiteral("city")},
                  {QStringLiteral("type"), QStringLiteral("string")}})
              .status
          == 409);

    // Narrowing the allowed values under a device's value is refused, naming the problem.
    QTemporaryDir dir;
    const auto state = test::enrollAgent(server, dir.path(), server.createToken());
    REQUIRE(state.ok());
    REQUIRE(putValue(admin, state->deviceId, QStringLiteral("city"), QStringLiteral("Paris")).status
            == 200);
    const qint64 id = city.json()[QStringLiteral("id")].toInteger();
    const auto narrowed =
        admin.send("PUT", QStringLiteral("/api/v1/attributes/%1").arg(id),
                   QJsonDocument(QJsonObject{{QStringLiteral("name"), QStringLiteral("city")},
                                             {QStringLiteral("type"), QStringLiteral("list")},
                                             {QStringLiteral("allowedValues"),
                                              QJsonArray{QStringLiteral("Berlin")}}})
                       .toJson(QJsonDocument::Compact));
    CHECK(narrowed.status == 409);
    CHECK(errorMessage(narrowed).contains(
        QStringLiteral("device %1 holds \"Paris\"").arg(state->deviceId)));
    CHECK(admin.send("DELETE", QStringLiteral("/api/v1/attributes/%1?force=maybe").arg(id)).status
          == 400);

    // Another administrator without rights reads the definitions, nothing of a device, and
    // may change nothing: each refusal names the missing right.
    REQUIRE(admin
                .post(QStringLiteral("/api/v1/admins"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")},
                                  {QStringLiteral("password"), QStringLiteral("battery staple")},
                                  {QStringLiteral("superuser"), false}})
                .status
            == 201);
    test::RestClient bob(server.port(), {server.app().identity().rootCa().toQSslCertificate()});
    REQUIRE(bob.login(QStringLiteral("bob"), QStringLiteral("battery staple")).status == 200);
    CHECK(bob.get(QStringLiteral("/api/v1/attributes")).status == 200);
    CHECK(bob.get(QStringLiteral("/api/v1/devices/%1/attributes").arg(state->deviceId)).status
          == 403);
    const auto forbidden =
        putValue(bob, state->deviceId, QStringLiteral("city"), QStringLiteral("Berlin"));
    CHECK(forbidden.status == 403);
    CHECK(forbidden.errorCode() == QStringLiteral("forbidden"));
    CHECK(QString::fromUtf8(forbidden.body).contains(QStringLiteral("missing right Write")));
    CHECK(bob.send("DELETE", QStringLiteral("/api/v1/attributes/%1?force=true").arg(id)).status
          == 403);
}
