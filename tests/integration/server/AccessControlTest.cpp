// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/ServerIdentity.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QJsonArray>

using namespace steward;
using test::DeviceTestServer;
using test::RestClient;
using test::waitUntil;

namespace {

QJsonObject entry(const QString& kind, qint64 id, const QString& right, const QString& effect)
{
    return QJsonObject{{QStringLiteral("principal"),
                        QJsonObject{{QStringLiteral("kind"), kind}, {QStringLiteral("id"), id}}},
                       {QStringLiteral("right"), right},
                       {QStringLiteral("effect"), effect}};
}

test::RestReply setEntries(RestClient& client, const QString& node, const QJsonArray& entries)
{
    return client.send("PUT", QStringLiteral("/api/v1/permissions?node=") + node,
                       QJsonDocument(QJsonObject{{QStringLiteral("entries"), entries}})
                           .toJson(QJsonDocument::Compact));
}

qint64 enrollDevice(DeviceTestServer& server, const QString& unitId)
{
    QTemporaryDir state;
    const auto enrolled = test::enrollAgent(server, state.path(), server.createToken(), unitId);
    INFO((enrolled.ok() ? std::string() : enrolled.error().message.toStdString()));
    REQUIRE(enrolled.ok());
    return enrolled->deviceId;
}

} // namespace

TEST_CASE("every route family refuses an administrator without the right, names it and audits it",
          "[integration][access]")
{
    DeviceTestServer server;
    const qint64 device = enrollDevice(server, QStringLiteral("00:11:22:33:44:01"));
    const QString devicePath =
        QStringLiteral("/Devices/") + server.device(device)[QStringLiteral("name")].toString();
    auto [bob, bobId] = server.addAdmin(QStringLiteral("bob"));
    const QByteArray json = "{\"name\":\"x\",\"password\":\"long enough\"}";
    struct Row {
        QByteArray verb;
        QString path;
        QByteArray body;
        QString missing; // the expected message
    };
    const QString deviceText = QString::number(device);
    const std::vector<Row> rows{
        {"GET", QStringLiteral("/api/v1/admins"), {}, QStringLiteral("Read on /Administration")},
        {"GET", QStringLiteral("/api/v1/admins/1"), {}, QStringLiteral("Read on /Administration")},
        {"POST", QStringLiteral("/api/v1/admins"), json,
         QStringLiteral("Write on /Administration")},
        {"PUT", QStringLiteral("/api/v1/admins/1/password"),
         "{\"password\":\"long enough\","
         "\"revision\":1}",
         QStringLiteral("Write on /Administration")},
        {"GET", QStringLiteral("/api/v1/audit"), {}, QStringLiteral("Read on /Administration")},
        {"POST", QStringLiteral("/api/v1/enrollment-tokens"), "{}",
         QStringLiteral("Write on /Devices")},
        {"GET",
         QStringLiteral("/api/v1/enrollment-tokens"),
         {},
         QStringLiteral("Read on /Devices")},
        {"GET",
         QStringLiteral("/api/v1/devices/") + deviceText,
         {},
         QStringLiteral("Read on ") + devicePath},
        // An unknown device is judged as its root: a refusal does not tell what exists.
        {"GET", QStringLiteral("/api/v1/devices/9999"), {}, QStringLiteral("Read on /Devices")},
        {"GET", QStringLiteral("/api/v1/groups"), {}, QStringLiteral("Read on /Administration")},
        {"GET", QStringLiteral("/api/v1/groups/1"), {}, QStringLiteral("Read on /Administration")},
        {"POST", QStringLiteral("/api/v1/groups"), "{\"name\":\"g\"}",
         QStringLiteral("Write on /Administration")},
        {"PUT", QStringLiteral("/api/v1/groups/1"), "{\"name\":\"g\",\"revision\":1}",
         QStringLiteral("Write on /Administration")},
        {"DELETE",
         QStringLiteral("/api/v1/groups/1"),
         {},
         QStringLiteral("Write on /Administration")},
        {"PUT",
         QStringLiteral("/api/v1/groups/1/members/2"),
         {},
         QStringLiteral("Write on /Administration")},
        {"DELETE",
         QStringLiteral("/api/v1/groups/1/members/2"),
         {},
         QStringLiteral("Write on /Administration")},
        {"GET",
         QStringLiteral("/api/v1/permissions?node=device:") + deviceText,
         {},
         QStringLiteral("AccessControl on ") + devicePath},
        {"PUT", QStringLiteral("/api/v1/permissions?node=root:devices"), "{\"entries\":[]}",
         QStringLiteral("AccessControl on /Devices")},
        {"GET",
         QStringLiteral("/api/v1/permissions/effective?admin=alice&node=root:devices"),
         {},
         QStringLiteral("AccessControl on /Devices")},
        {"GET",
         QStringLiteral("/api/v1/permissions/effective?node=root:jobs"),
         {},
         QStringLiteral("Browse on /Jobs")},
        // The versioned push, zero-touch rules and device statistics.
        {"GET",
         QStringLiteral("/api/v1/devices/") + deviceText + QStringLiteral("/config-state"),
         {},
         QStringLiteral("Read on ") + devicePath},
        {"POST",
         QStringLiteral("/api/v1/devices/") + deviceText + QStringLiteral("/config-push"),
         {},
         QStringLiteral("Write on ") + devicePath},
        {"GET", QStringLiteral("/api/v1/config-states"), {}, QStringLiteral("Read on /Devices")},
        {"GET", QStringLiteral("/api/v1/folder-rules"), {}, QStringLiteral("Read on /Devices")},
        {"POST", QStringLiteral("/api/v1/folder-rules"), "{}", QStringLiteral("Write on /Devices")},
        {"DELETE",
         QStringLiteral("/api/v1/folder-rules/1"),
         {},
         QStringLiteral("Write on /Devices")},
        {"POST",
         QStringLiteral("/api/v1/folder-rules/apply"),
         {},
         QStringLiteral("Write on /Devices")},
        {"GET", QStringLiteral("/api/v1/stats/devices"), {}, QStringLiteral("Read on /Devices")},
        // Views: an unknown view is judged as the Views root.
        {"POST", QStringLiteral("/api/v1/views"), "{}", QStringLiteral("Write on /Views")},
        {"GET", QStringLiteral("/api/v1/views/1"), {}, QStringLiteral("Read on /Views")},
        {"PATCH", QStringLiteral("/api/v1/views/1"), "{}", QStringLiteral("Write on /Views")},
        {"DELETE", QStringLiteral("/api/v1/views/1"), {}, QStringLiteral("Write on /Views")},
        {"GET", QStringLiteral("/api/v1/views/1/devices"), {}, QStringLiteral("Read on /Views")},
        {"DELETE",
         QStringLiteral("/api/v1/profiles/1/view-assignments/1"),
         {},
         QStringLiteral("Assign on /Profiles")},
    };
    for (const auto& row : rows) {
        INFO(row.verb.toStdString() << ' ' << row.path.toStdString());
        const auto reply = bob->send(row.verb, row.path, row.body);
        CHECK(reply.status == 403);
        CHECK(reply.errorCode() == QStringLiteral("forbidden"));
        CHECK(reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString()
              == QStringLiteral("missing right ") + row.missing);
    }
    const auto denials = server.audit(QStringLiteral("access.denied"), QStringLiteral("denied"));
    CHECK(denials.size() == qsizetype(rows.size()));
    CHECK(denials.first()[QStringLiteral("actor")].toString() == QStringLiteral("bob"));

    // What needs no right: one's own account, and a device list with nothing visible in it.
    CHECK(bob->get(QStringLiteral("/api/v1/admins/%1").arg(bobId)).status == 200);
    const auto list = bob->get(QStringLiteral("/api/v1/devices"));
    REQUIRE(list.status == 200);
    CHECK(list.json()[QStringLiteral("total")].toInt() == 0);
    // The superuser is never restricted, whatever the entries say.
    auto& alice = server.admin();
    REQUIRE(setEntries(
                alice, QStringLiteral("root:all"),
                {entry(QStringLiteral("admin"), 1, QStringLiteral("Read"), QStringLiteral("deny"))})
                .status
            == 200);
    CHECK(alice.get(QStringLiteral("/api/v1/audit")).status == 200);
}

TEST_CASE("granted rights open routes, a group Deny beats Allows and a direct entry beats both",
          "[integration][access]")
{
    DeviceTestServer server;
    auto& alice = server.admin();
    auto [bob, bobId] = server.addAdmin(QStringLiteral("bob"));
    qint64 groups[2] = {};
    for (int i = 0; i < 2; ++i) {
        const auto created = alice.post(
            QStringLiteral("/api/v1/groups"),
            QJsonObject{{QStringLiteral("name"),
                         i == 0 ? QStringLiteral("helpdesk") : QStringLiteral("contractors")}});
        REQUIRE(created.status == 201);
        groups[i] = created.json()[QStringLiteral("id")].toInteger();
        REQUIRE(alice
                    .send("PUT",
                          QStringLiteral("/api/v1/groups/%1/members/%2").arg(groups[i]).arg(bobId))
                    .status
                == 204);
    }
    const QString admin = QStringLiteral("root:administration");
    const auto helpdeskRead =
        entry(QStringLiteral("group"), groups[0], QStringLiteral("Read"), QStringLiteral("allow"));
    REQUIRE(setEntries(alice, admin, {helpdeskRead}).status == 200);
    CHECK(bob->get(QStringLiteral("/api/v1/admins")).status == 200);
    CHECK(bob->get(QStringLiteral("/api/v1/groups")).status == 200);
    CHECK(
        bob->post(QStringLiteral("/api/v1/groups"), {{QStringLiteral("name"), QStringLiteral("x")}})
            .status
        == 403);

    const auto contractorsDeny =
        entry(QStringLiteral("group"), groups[1], QStringLiteral("Read"), QStringLiteral("deny"));
    REQUIRE(setEntries(alice, admin, {helpdeskRead, contractorsDeny}).status == 200);
    CHECK(bob->get(QStringLiteral("/api/v1/admins")).status == 403);

    REQUIRE(setEntries(alice, admin,
                       {helpdeskRead, contractorsDeny,
                        entry(QStringLiteral("admin"), bobId, QStringLiteral("Read"),
                              QStringLiteral("allow"))})
                .status
            == 200);
    CHECK(bob->get(QStringLiteral("/api/v1/audit")).status == 200);
    const auto listed = alice.get(QStringLiteral("/api/v1/permissions?node=") + admin);
    REQUIRE(listed.status == 200);
    CHECK(listed.json()[QStringLiteral("entries")].toArray().size() == 3);
    CHECK(listed.json()[QStringLiteral("node")][QStringLiteral("path")].toString()
          == QStringLiteral("/Administration"));

    // The explainer, asked by the administrator about themselves.
    const auto explained =
        bob->get(QStringLiteral("/api/v1/permissions/effective?node=root:administration"));
    REQUIRE(explained.status == 200);
    const auto rights = explained.json()[QStringLiteral("rights")].toArray();
    REQUIRE(rights.size() == 9);
    const auto read = rights[1].toObject();
    CHECK(read[QStringLiteral("right")].toString() == QStringLiteral("Read"));
    CHECK(read[QStringLiteral("allowed")].toBool());
    CHECK(read[QStringLiteral("source")].toString() == QStringLiteral("direct"));
    CHECK(read[QStringLiteral("reason")].toString() == QStringLiteral("allowed for admin bob"));
    const auto chain = read[QStringLiteral("chain")].toArray();
    REQUIRE(chain.size() == 3);
    CHECK(chain[1][QStringLiteral("note")].toString()
          == QStringLiteral("overridden by a direct entry on the same node"));
    const auto write = rights[2].toObject();
    CHECK_FALSE(write[QStringLiteral("allowed")].toBool());
    CHECK(write[QStringLiteral("reason")].toString() == QStringLiteral("denied: not set"));
    // Browse is not set, but Read is granted right here: that is no browse-down.
    CHECK(rights[0][QStringLiteral("source")].toString() == QStringLiteral("default"));

    // An Allow below a Deny of the same principal is refused, naming the Deny.
    REQUIRE(setEntries(alice, QStringLiteral("root:all"), {contractorsDeny}).status == 200);
    const auto refused = setEntries(alice, admin,
                                    {entry(QStringLiteral("group"), groups[1],
                                           QStringLiteral("Read"), QStringLiteral("allow"))});
    CHECK(refused.status == 409);
    CHECK(refused.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
        QStringLiteral("group contractors has Deny Read on /")));
    const auto badRight = setEntries(
        alice, admin,
        {entry(QStringLiteral("admin"), bobId, QStringLiteral("Fly"), QStringLiteral("allow"))});
    CHECK(badRight.status == 400);
    CHECK(alice.get(QStringLiteral("/api/v1/permissions?node=folder")).status == 400);
    CHECK(alice.get(QStringLiteral("/api/v1/permissions?node=device:4242")).status == 404);
}

TEST_CASE("a console receives only what it may browse, and follows live permission changes",
          "[integration][access]")
{
    DeviceTestServer server;
    auto& alice = server.admin();
    auto [bob, bobId] = server.addAdmin(QStringLiteral("bob"));
    test::EventWatcher aliceConsole(server);
    test::EventWatcher bobConsole(server, bob->token());

    const qint64 first = enrollDevice(server, QStringLiteral("00:11:22:33:44:01"));
    REQUIRE(waitUntil([&] { return aliceConsole.saw(QStringLiteral("created"), first); }));

    // Granting Browse on the devices root shows bob the device at once ...
    const QString devices = QStringLiteral("root:devices");
    REQUIRE(setEntries(alice, devices,
                       {entry(QStringLiteral("admin"), bobId, QStringLiteral("Browse"),
                              QStringLiteral("allow"))})
                .status
            == 200);
    REQUIRE(waitUntil([&] { return bobConsole.saw(QStringLiteral("created"), first); }));
    const auto seen = bobConsole.events();
    // ... once: the enrolment event itself had been held back from bob.
    CHECK(std::count_if(seen.begin(), seen.end(),
                        [](const auto& e) { return e.kind == QStringLiteral("device"); })
          == 1);
    REQUIRE(seen.back().object.has_value());
    CHECK(seen.back().object->value(QStringLiteral("id")).toInteger() == first);

    // Revoking hides it again, live.
    REQUIRE(setEntries(alice, devices, {}).status == 200);
    REQUIRE(waitUntil([&] { return bobConsole.saw(QStringLiteral("deleted"), first); }));

    // Browse on one device: bob sees that one, in the socket and in the list, and not the other.
    const qint64 second = enrollDevice(server, QStringLiteral("00:11:22:33:44:02"));
    REQUIRE(waitUntil([&] { return aliceConsole.saw(QStringLiteral("created"), second); }));
    REQUIRE(setEntries(alice, QStringLiteral("device:%1").arg(second),
                       {entry(QStringLiteral("admin"), bobId, QStringLiteral("Browse"),
                              QStringLiteral("allow"))})
                .status
            == 200);
    REQUIRE(waitUntil([&] { return bobConsole.saw(QStringLiteral("created"), second); }));
    const auto list = bob->get(QStringLiteral("/api/v1/devices"));
    REQUIRE(list.status == 200);
    const auto items = list.json()[QStringLiteral("items")].toArray();
    REQUIRE(items.size() == 1);
    CHECK(items[0][QStringLiteral("id")].toInteger() == second);
    CHECK(list.json()[QStringLiteral("total")].toInt() == 1);
    // Browse-down: the devices root is browsable for bob now, and nothing else is granted there.
    const auto root = bob->get(QStringLiteral("/api/v1/permissions/effective?node=root:devices"));
    REQUIRE(root.status == 200);
    CHECK(root.json()[QStringLiteral("rights")][0][QStringLiteral("source")].toString()
          == QStringLiteral("browse-down"));

    // Administrator events need Read on /Administration: alice sees carol arrive, bob does not
    // until he may read there.
    const auto carol = server.addAdmin(QStringLiteral("carol")).second;
    REQUIRE(waitUntil([&] {
        return aliceConsole.saw(QStringLiteral("created"), carol, QStringLiteral("admin"));
    }));
    REQUIRE(setEntries(alice, QStringLiteral("root:administration"),
                       {entry(QStringLiteral("admin"), bobId, QStringLiteral("Read"),
                              QStringLiteral("allow"))})
                .status
            == 200);
    const auto dave = server.addAdmin(QStringLiteral("dave")).second;
    REQUIRE(waitUntil(
        [&] { return bobConsole.saw(QStringLiteral("created"), dave, QStringLiteral("admin")); }));
    CHECK_FALSE(bobConsole.saw(QStringLiteral("created"), carol, QStringLiteral("admin")));
}

TEST_CASE("rights granted on a folder reach its devices, and a device moved out of sight is gone",
          "[integration][access]")
{
    DeviceTestServer server;
    auto& alice = server.admin();
    auto [bob, bobId] = server.addAdmin(QStringLiteral("bob"));
    const auto created = alice.post(QStringLiteral("/api/v1/folders"),
                                    {{QStringLiteral("name"), QStringLiteral("Lab")}});
    REQUIRE(created.status == 201);
    const qint64 lab = created.json()[QStringLiteral("id")].toInteger();
    REQUIRE(setEntries(alice, QStringLiteral("folder:%1").arg(lab),
                       {entry(QStringLiteral("admin"), bobId, QStringLiteral("Browse"),
                              QStringLiteral("allow")),
                        entry(QStringLiteral("admin"), bobId, QStringLiteral("Read"),
                              QStringLiteral("allow"))})
                .status
            == 200);
    test::EventWatcher bobConsole(server, bob->token());
    const qint64 device = enrollDevice(server, QStringLiteral("00:11:22:33:44:03"));
    const QString path = QStringLiteral("/api/v1/devices/%1").arg(device);
    CHECK(bob->get(path).status == 403);

    // Moved into Lab: bob may read it and his console hears of it.
    REQUIRE(alice.patch(path, {{QStringLiteral("folder"), lab}}).status == 200);
    REQUIRE(waitUntil([&] { return bobConsole.saw(QStringLiteral("changed"), device); }));
    CHECK(bob->get(path).status == 200);
    const auto explained =
        bob->get(QStringLiteral("/api/v1/permissions/effective?node=device:%1").arg(device));
    REQUIRE(explained.status == 200);
    CHECK(explained.json()[QStringLiteral("rights")][1][QStringLiteral("reason")].toString()
          == QStringLiteral("allowed for admin bob (inherited from /Devices/Lab)"));

    // Moved back to the root: to bob's console it is deleted, and reading it is refused.
    REQUIRE(alice.patch(path, {{QStringLiteral("folder"), QJsonValue::Null}}).status == 200);
    REQUIRE(waitUntil([&] { return bobConsole.saw(QStringLiteral("deleted"), device); }));
    const auto refused = bob->get(path);
    CHECK(refused.status == 403);
    CHECK(refused.json()[QStringLiteral("error")][QStringLiteral("message")].toString()
          == QStringLiteral("missing right Read on /Devices/")
                 + server.device(device)[QStringLiteral("name")].toString());
}
