// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Views over REST on a real server: CRUD, checks naming the field, the devices a view selects,
// profiles assigned to views, the explain output and access control (docs/views.md).
#include "tests/integration/folders/SandboxedAgent.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::RestReply;
using steward::test::SandboxedDevice;

namespace {

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject nameGlob(const QString& glob)
{
    return QJsonObject{{QStringLiteral("all"),
                        QJsonArray{QJsonObject{{QStringLiteral("field"), QStringLiteral("name")},
                                               {QStringLiteral("glob"), glob}}}}};
}

QString errorOf(const RestReply& reply)
{
    return reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString();
}

// The ids of the items of a paged device list.
std::vector<qint64> ids(const RestReply& reply)
{
    std::vector<qint64> ids;
    for (const auto item : reply.json()[QStringLiteral("items")].toArray()) {
        ids.push_back(item.toObject()[QStringLiteral("id")].toInteger());
    }
    return ids;
}

void rename(DeviceTestServer& server, qint64 device, const QString& name)
{
    REQUIRE(server.admin()
                .patch(QStringLiteral("/api/v1/devices/%1").arg(device),
                       QJsonObject{{QStringLiteral("name"), name}})
                .status
            == 200);
}

} // namespace

TEST_CASE("views over REST: create, read, change, list their devices and delete",
          "[integration][folders][views]")
{
    DeviceTestServer server;
    auto& admin = server.admin();
    test::EventWatcher console(server);
    const qint64 berlin = test::createdId(
        admin.post(QStringLiteral("/api/v1/folders"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("Berlin")}}));
    SandboxedDevice a(server, QStringLiteral("/Berlin"));
    SandboxedDevice b(server, QStringLiteral("/Berlin"));
    SandboxedDevice c(server, QString());
    rename(server, a.id, QStringLiteral("TC-1"));
    rename(server, b.id, QStringLiteral("TC-2"));
    rename(server, c.id, QStringLiteral("kiosk"));

    const auto created =
        admin.post(QStringLiteral("/api/v1/views"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("Thin clients")},
                               {QStringLiteral("description"), QStringLiteral("every TC")},
                               {QStringLiteral("filter"), nameGlob(QStringLiteral("tc-*"))}});
    const qint64 view = test::createdId(created);
    CHECK(created.json()[QStringLiteral("filter")] == QJsonValue(nameGlob(QStringLiteral("tc-*"))));
    CHECK(created.json()[QStringLiteral("revision")] == 1);
    CHECK(console.saw(QStringLiteral("created"), view, QStringLiteral("view")));

    auto devices = admin.get(QStringLiteral("/api/v1/views/%1/devices").arg(view));
    REQUIRE(devices.status == 200);
    CHECK(ids(devices) == std::vector<qint64>{a.id, b.id});
    CHECK(devices.json()[QStringLiteral("total")] == 2);
    devices = admin.get(QStringLiteral("/api/v1/views/%1/devices?offset=1&limit=1").arg(view));
    CHECK(ids(devices) == std::vector<qint64>{b.id});
    CHECK(devices.json()[QStringLiteral("total")] == 2);

    // Membership is live: renaming a device takes it out of the view.
    rename(server, b.id, QStringLiteral("kiosk-2"));
    CHECK(ids(admin.get(QStringLiteral("/api/v1/views/%1/devices").arg(view)))
          == std::vector<qint64>{a.id});

    const auto changed = admin.patch(
        QStringLiteral("/api/v1/views/%1").arg(view),
        QJsonObject{{QStringLiteral("filter"),
                     QJsonObject{{QStringLiteral("all"),
                                  QJsonArray{QJsonObject{
                                      {QStringLiteral("field"), QStringLiteral("folder")},
                                      {QStringLiteral("folder"), berlin}}}}}},
                    {QStringLiteral("revision"), 1}});
    REQUIRE(changed.status == 200);
    CHECK(changed.json()[QStringLiteral("revision")] == 2);
    CHECK(ids(admin.get(QStringLiteral("/api/v1/views/%1/devices").arg(view)))
          == std::vector<qint64>{a.id, b.id});
    const auto stale = admin.patch(QStringLiteral("/api/v1/views/%1").arg(view),
                                   QJsonObject{{QStringLiteral("revision"), 1}});
    CHECK(stale.status == 409);

    const auto list = admin.get(QStringLiteral("/api/v1/views"));
    REQUIRE(list.status == 200);
    REQUIRE(list.json()[QStringLiteral("items")].toArray().size() == 1);
    CHECK(list.json()[QStringLiteral("items")][0][QStringLiteral("name")]
          == QStringLiteral("Thin clients"));

    CHECK(admin.send("DELETE", QStringLiteral("/api/v1/views/%1").arg(view)).status == 204);
    CHECK(admin.get(QStringLiteral("/api/v1/views/%1").arg(view)).status == 404);
    CHECK(console.saw(QStringLiteral("deleted"), view, QStringLiteral("view")));
    CHECK(server.audit(QStringLiteral("view.create"), QStringLiteral("ok")).size() == 1);
    CHECK(server.audit(QStringLiteral("view.change"), QStringLiteral("ok")).size() == 1);
    CHECK(server.audit(QStringLiteral("view.delete"), QStringLiteral("ok")).size() == 1);
}

TEST_CASE("a bad view is refused naming the field, and nothing is stored",
          "[integration][folders][views]")
{
    DeviceTestServer server;
    auto& admin = server.admin();
    const auto post = [&](const QJsonObject& body) {
        return admin.post(QStringLiteral("/api/v1/views"), body);
    };
    const auto noFilter = post(QJsonObject{{QStringLiteral("name"), QStringLiteral("v")}});
    CHECK(noFilter.status == 400);
    CHECK(errorOf(noFilter).contains(QStringLiteral("body.filter")));
    const auto badField = post(QJsonObject{
        {QStringLiteral("name"), QStringLiteral("v")},
        {QStringLiteral("filter"), json(R"({"all":[{"field":"colour","equals":"red"}]})")}});
    CHECK(badField.status == 400);
    CHECK(errorOf(badField).contains(QStringLiteral("body.filter.all[0].field")));
    const auto badRegex = post(QJsonObject{
        {QStringLiteral("name"), QStringLiteral("v")},
        {QStringLiteral("filter"), json(R"({"all":[{"field":"name","regex":"(x"}]})")}});
    CHECK(badRegex.status == 400);
    CHECK(errorOf(badRegex).contains(QStringLiteral("body.filter.all[0].regex")));
    const auto noFolder = post(QJsonObject{
        {QStringLiteral("name"), QStringLiteral("v")},
        {QStringLiteral("filter"), json(R"({"all":[{"field":"folder","folder":42}]})")}});
    CHECK(noFolder.status == 400);
    CHECK(errorOf(noFolder).contains(QStringLiteral("no folder 42")));
    const auto noName = post(QJsonObject{{QStringLiteral("name"), QString()},
                                         {QStringLiteral("filter"), json(R"({"all":[]})")}});
    CHECK(noName.status == 400);
    CHECK(errorOf(noName).contains(QStringLiteral("body.name")));
    CHECK(admin.get(QStringLiteral("/api/v1/views"))
              .json()[QStringLiteral("items")]
              .toArray()
              .isEmpty());
    CHECK(server.audit(QStringLiteral("view.create"), QStringLiteral("denied")).size() == 4);

    REQUIRE(post(QJsonObject{{QStringLiteral("name"), QStringLiteral("v")},
                             {QStringLiteral("filter"), json(R"({"all":[]})")}})
                .status
            == 201);
    const auto twin = post(QJsonObject{{QStringLiteral("name"), QStringLiteral("v")},
                                       {QStringLiteral("filter"), json(R"({"all":[]})")}});
    CHECK(twin.status == 409);
}

TEST_CASE("a profile assigned to a view reaches its devices, ranks between direct and folder "
          "assignments, and the explain output names the view",
          "[integration][folders][views][profiles]")
{
    DeviceTestServer server;
    auto& admin = server.admin();
    const qint64 berlin = test::createdId(
        admin.post(QStringLiteral("/api/v1/folders"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("Berlin")}}));
    SandboxedDevice device(server, QStringLiteral("/Berlin"));
    rename(server, device.id, QStringLiteral("TC-1"));
    const qint64 view = test::createdId(
        admin.post(QStringLiteral("/api/v1/views"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("Thin clients")},
                               {QStringLiteral("filter"), nameGlob(QStringLiteral("TC-*"))}}));
    const auto profile = [&](const char* name, int timeout) {
        return test::createdId(admin.post(
            QStringLiteral("/api/v1/profiles"),
            QJsonObject{{QStringLiteral("name"), QLatin1String(name)},
                        {QStringLiteral("values"),
                         QJsonObject{{QStringLiteral("shadow.prompt_timeout"), timeout}}}}));
    };
    const auto assign = [&](qint64 id, const QJsonObject& target) {
        return admin.post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(id), target);
    };
    // Created first (lower id), so only the rule can make the view's profile win.
    const qint64 viewed = profile("Viewed", 120);
    const qint64 folder = profile("Folder", 90);
    REQUIRE(assign(folder, QJsonObject{{QStringLiteral("folder"), berlin}}).status == 201);
    const auto assigned = assign(viewed, QJsonObject{{QStringLiteral("view"), view}});
    const qint64 assignment = test::createdId(assigned);
    CHECK(assigned.json()[QStringLiteral("view")] == view);
    CHECK(assign(viewed, QJsonObject{{QStringLiteral("view"), view}}).status == 409);
    CHECK(assign(viewed, QJsonObject{{QStringLiteral("view"), 999}}).status == 404);
    CHECK(assign(viewed,
                 QJsonObject{{QStringLiteral("view"), view}, {QStringLiteral("folder"), berlin}})
              .status
          == 400);
    const QJsonArray listed = admin.get(QStringLiteral("/api/v1/profiles/%1").arg(viewed))
                                  .json()[QStringLiteral("assignments")]
                                  .toArray();
    REQUIRE(listed.size() == 1);
    CHECK(listed[0][QStringLiteral("view")] == view);
    CHECK(admin.get(QStringLiteral("/api/v1/views/%1").arg(view))
              .json()[QStringLiteral("profiles")][0][QStringLiteral("profile")]
          == viewed);

    const auto timeoutOf = [&]() {
        const auto config =
            admin.get(QStringLiteral("/api/v1/devices/%1/effective-config").arg(device.id));
        REQUIRE(config.status == 200);
        for (const auto value : config.json()[QStringLiteral("values")].toArray()) {
            if (value[QStringLiteral("key")] == QStringLiteral("shadow.prompt_timeout")) {
                return value.toObject();
            }
        }
        FAIL("no shadow.prompt_timeout");
        return QJsonObject{};
    };
    auto explained = timeoutOf();
    CHECK(explained[QStringLiteral("value")] == 120);
    CHECK(explained[QStringLiteral("assignment")][QStringLiteral("via")] == QStringLiteral("view"));
    CHECK(explained[QStringLiteral("assignment")][QStringLiteral("view")] == view);
    CHECK(explained[QStringLiteral("reason")].toString().contains(
        QStringLiteral("assigned to view \"Thin clients\"")));
    CHECK(explained[QStringLiteral("overrode")][0][QStringLiteral("profile")][QStringLiteral("id")]
          == folder);

    const qint64 direct = profile("Direct", 45);
    REQUIRE(assign(direct, QJsonObject{{QStringLiteral("device"), device.id}}).status == 201);
    CHECK(timeoutOf()[QStringLiteral("value")] == 45);
    CHECK(admin.send("DELETE", QStringLiteral("/api/v1/profiles/%1").arg(direct)).status == 204);
    CHECK(timeoutOf()[QStringLiteral("value")] == 120);

    // Removing the view assignment: the folder's value is back.
    CHECK(admin
              .send("DELETE", QStringLiteral("/api/v1/profiles/%1/view-assignments/%2")
                                  .arg(viewed)
                                  .arg(assignment))
              .status
          == 204);
    CHECK(timeoutOf()[QStringLiteral("value")] == 90);
    CHECK(admin
              .send("DELETE", QStringLiteral("/api/v1/profiles/%1/view-assignments/%2")
                                  .arg(viewed)
                                  .arg(assignment))
              .status
          == 404);
    CHECK(server.audit(QStringLiteral("profile.assign"), QStringLiteral("ok")).size() == 3);
    CHECK(server.audit(QStringLiteral("profile.unassign"), QStringLiteral("ok")).size() == 1);
}

TEST_CASE("each view is a permission node below the Views root", "[integration][views][access]")
{
    DeviceTestServer server;
    auto& alice = server.admin();
    SandboxedDevice device(server, QString());
    const qint64 view =
        test::createdId(alice.post(QStringLiteral("/api/v1/views"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("All")},
                                               {QStringLiteral("filter"), json(R"({"all":[]})")}}));
    auto [bob, bobId] = server.addAdmin(QStringLiteral("bob"));
    const auto grant = [&](const QString& node, const QStringList& rights) {
        QJsonArray entries;
        for (const auto& right : rights) {
            entries.append(
                QJsonObject{{QStringLiteral("principal"),
                             QJsonObject{{QStringLiteral("kind"), QStringLiteral("admin")},
                                         {QStringLiteral("id"), bobId}}},
                            {QStringLiteral("right"), right},
                            {QStringLiteral("effect"), QStringLiteral("allow")}});
        }
        REQUIRE(alice
                    .send("PUT", QStringLiteral("/api/v1/permissions?node=") + node,
                          QJsonDocument(QJsonObject{{QStringLiteral("entries"), entries}})
                              .toJson(QJsonDocument::Compact))
                    .status
                == 200);
    };
    CHECK(bob->get(QStringLiteral("/api/v1/views"))
              .json()[QStringLiteral("items")]
              .toArray()
              .isEmpty());
    const auto refused = bob->get(QStringLiteral("/api/v1/views/%1").arg(view));
    CHECK(refused.status == 403);
    CHECK(errorOf(refused) == QStringLiteral("missing right Read on /Views/All"));

    grant(QStringLiteral("view:%1").arg(view), {QStringLiteral("Browse"), QStringLiteral("Read")});
    CHECK(bob->get(QStringLiteral("/api/v1/views")).json()[QStringLiteral("items")].toArray().size()
          == 1);
    // Read on the view, but no Browse on the device: the view lists nothing for bob.
    const auto devices = bob->get(QStringLiteral("/api/v1/views/%1/devices").arg(view));
    REQUIRE(devices.status == 200);
    CHECK(devices.json()[QStringLiteral("total")] == 0);
    CHECK(bob->patch(QStringLiteral("/api/v1/views/%1").arg(view),
                     QJsonObject{{QStringLiteral("name"), QStringLiteral("x")}})
              .status
          == 403);

    grant(QStringLiteral("root:views"), {QStringLiteral("Write")});
    CHECK(bob->post(QStringLiteral("/api/v1/views"),
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("Bob's")},
                                {QStringLiteral("filter"), json(R"({"all":[]})")}})
              .status
          == 201);
    // Assigning a profile to a view needs Assign on the profile and Read on the view.
    const qint64 profile =
        test::createdId(alice.post(QStringLiteral("/api/v1/profiles"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("p")}}));
    grant(QStringLiteral("profile:%1").arg(profile), {QStringLiteral("Assign")});
    const qint64 hidden =
        test::createdId(alice.post(QStringLiteral("/api/v1/views"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("Hidden")},
                                               {QStringLiteral("filter"), json(R"({"all":[]})")}}));
    grant(QStringLiteral("view:%1").arg(hidden), {});
    const auto toHidden = bob->post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(profile),
                                    QJsonObject{{QStringLiteral("view"), hidden}});
    CHECK(toHidden.status == 403);
    CHECK(errorOf(toHidden).contains(QStringLiteral("Read on /Views/Hidden")));
    CHECK(bob->post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(profile),
                    QJsonObject{{QStringLiteral("view"), view}})
              .status
          == 201);
}
