// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/ServerIdentity.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QJsonArray>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

qint64 created(const test::RestReply& reply)
{
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 201);
    return reply.json()[QStringLiteral("id")].toInteger();
}

QJsonObject entry(const QJsonObject& config, const QString& key)
{
    for (const auto& value : config[QStringLiteral("values")].toArray()) {
        if (value[QStringLiteral("key")] == key) {
            return value.toObject();
        }
    }
    return {};
}

} // namespace

TEST_CASE("profiles over REST explain a device's effective configuration",
          "[integration][folders][profiles]")
{
    DeviceTestServer server;
    auto& admin = server.admin();
    test::EventWatcher console(server);
    const qint64 berlin =
        created(admin.post(QStringLiteral("/api/v1/folders"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("Berlin")}}));
    const auto token =
        admin.post(QStringLiteral("/api/v1/enrollment-tokens"),
                   QJsonObject{{QStringLiteral("folder"), QStringLiteral("/Berlin")}});
    QTemporaryDir state;
    const auto enrolled = test::enrollAgent(
        server, state.path(), token.json()[QStringLiteral("token")].toString().toLatin1());
    REQUIRE(enrolled.ok());
    const qint64 device = enrolled->deviceId;

    const auto parameters = admin.get(QStringLiteral("/api/v1/parameters"));
    REQUIRE(parameters.status == 200);
    CHECK(parameters.json()[QStringLiteral("parameters")].toArray().size() >= 19);

    const qint64 office = created(admin.post(
        QStringLiteral("/api/v1/profiles"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("Office")},
                    {QStringLiteral("values"), QJsonObject{{QStringLiteral("shadow.prompt"), true},
                                                           {QStringLiteral("system.timezone"),
                                                            QStringLiteral("Europe/Berlin")}}}}));
    REQUIRE(waitUntil(
        [&] { return console.saw(QStringLiteral("created"), office, QStringLiteral("profile")); }));
    const qint64 strict =
        created(admin.post(QStringLiteral("/api/v1/profiles"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("Strict")},
                                       {QStringLiteral("kind"), QStringLiteral("priority")},
                                       {QStringLiteral("values"),
                                        QJsonObject{{QStringLiteral("shadow.prompt"), false}}}}));
    created(admin.post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(office),
                       QJsonObject{{QStringLiteral("folder"), berlin}}));
    created(admin.post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(strict),
                       QJsonObject{{QStringLiteral("device"), device}}));

    auto config = admin.get(QStringLiteral("/api/v1/devices/%1/effective-config").arg(device));
    INFO(config.body.toStdString());
    REQUIRE(config.status == 200);
    CHECK(config.json()[QStringLiteral("path")] == QStringLiteral("/Berlin"));
    const QJsonArray assigned = config.json()[QStringLiteral("profiles")].toArray();
    REQUIRE(assigned.size() == 2);
    CHECK(assigned[0][QStringLiteral("profile")][QStringLiteral("name")]
          == QStringLiteral("Strict"));
    CHECK(assigned[0][QStringLiteral("direct")] == true);
    CHECK(assigned[1][QStringLiteral("direct")] == false);
    CHECK(assigned[1][QStringLiteral("assignment")][QStringLiteral("path")]
          == QStringLiteral("/Berlin"));

    const QJsonObject prompt = entry(config.json(), QStringLiteral("shadow.prompt"));
    CHECK(prompt[QStringLiteral("value")] == false);
    CHECK(prompt[QStringLiteral("source")] == QStringLiteral("priority-profile"));
    CHECK(prompt[QStringLiteral("reason")]
          == QStringLiteral("priority profile \"Strict\" (id %1) assigned to the device")
                 .arg(strict));
    CHECK(prompt[QStringLiteral("overrode")][0][QStringLiteral("profile")][QStringLiteral("name")]
          == QStringLiteral("Office"));
    CHECK(entry(config.json(), QStringLiteral("system.timezone"))[QStringLiteral("value")]
          == QStringLiteral("Europe/Berlin"));
    CHECK(entry(config.json(), QStringLiteral("vnc.port"))[QStringLiteral("source")]
          == QStringLiteral("default"));

    const QString version = config.json()[QStringLiteral("version")].toString();
    CHECK(version.size() == 64);

    // A local value shows up under the profiles that beat it.
    REQUIRE(admin
                .send("PUT", QStringLiteral("/api/v1/devices/%1/local-config").arg(device),
                      R"({"values":{"system.timezone":"UTC","screen.lock_timeout":0}})")
                .status
            == 200);
    config = admin.get(QStringLiteral("/api/v1/devices/%1/effective-config").arg(device));
    CHECK(entry(config.json(), QStringLiteral("screen.lock_timeout"))[QStringLiteral("source")]
          == QStringLiteral("local"));
    CHECK(config.json()[QStringLiteral("version")].toString() != version);
    CHECK(entry(config.json(),
                QStringLiteral(
                    "system.timezone"))[QStringLiteral("overrode")][0][QStringLiteral("source")]
          == QStringLiteral("local"));

    // Bad values name the parameter; a stale revision is a conflict.
    const auto bad = admin.patch(
        QStringLiteral("/api/v1/profiles/%1").arg(office),
        QJsonObject{{QStringLiteral("values"),
                     QJsonObject{{QStringLiteral("shadow.path"), QStringLiteral("tunnel")}}}});
    CHECK(bad.status == 400);
    CHECK(bad.body.contains("shadow.path must be one of"));
    const auto stale = admin.patch(QStringLiteral("/api/v1/profiles/%1").arg(office),
                                   QJsonObject{{QStringLiteral("revision"), 9},
                                               {QStringLiteral("name"), QStringLiteral("x")}});
    CHECK(stale.status == 409);

    // Export, then import under another name.
    const auto file = admin.get(QStringLiteral("/api/v1/profiles/%1/export").arg(office));
    REQUIRE(file.status == 200);
    QJsonObject copy = file.json();
    copy[QStringLiteral("name")] = QStringLiteral("Office copy");
    const auto imported = admin.post(QStringLiteral("/api/v1/profiles/import"), copy);
    REQUIRE(imported.status == 201);
    CHECK(imported.json()[QStringLiteral("values")] == file.json()[QStringLiteral("values")]);
    CHECK(admin.post(QStringLiteral("/api/v1/profiles/import"), file.json()).status == 409);

    REQUIRE(admin.send("DELETE", QStringLiteral("/api/v1/profiles/%1").arg(strict)).status == 204);
    config = admin.get(QStringLiteral("/api/v1/devices/%1/effective-config").arg(device));
    CHECK(entry(config.json(), QStringLiteral("shadow.prompt"))[QStringLiteral("value")] == true);
    CHECK(server.audit(QStringLiteral("profile.assign"), QStringLiteral("ok")).size() == 2);
    CHECK(server.audit(QStringLiteral("profile.change"), QStringLiteral("denied")).size() == 2);
}

TEST_CASE(
    "profiles change only with Write on the Profiles root, local values with Write on the device",
    "[integration][folders][profiles]")
{
    DeviceTestServer server;
    const qint64 profile =
        created(server.admin().post(QStringLiteral("/api/v1/profiles"),
                                    QJsonObject{{QStringLiteral("name"), QStringLiteral("p")}}));
    REQUIRE(server.admin()
                .post(QStringLiteral("/api/v1/admins"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")},
                                  {QStringLiteral("password"), QStringLiteral("battery staple")}})
                .status
            == 201);
    test::RestClient bob(server.port(), {server.app().identity().rootCa().toQSslCertificate()});
    REQUIRE(bob.login(QStringLiteral("bob"), QStringLiteral("battery staple")).status == 200);
    CHECK(bob.get(QStringLiteral("/api/v1/profiles")).status == 200);
    CHECK(bob.post(QStringLiteral("/api/v1/profiles"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("q")}})
              .status
          == 403);
    CHECK(bob.patch(QStringLiteral("/api/v1/profiles/%1").arg(profile),
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("q")}})
              .status
          == 403);
    CHECK(bob.send("DELETE", QStringLiteral("/api/v1/profiles/%1").arg(profile)).status == 403);
    CHECK(bob.post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(profile),
                   QJsonObject{{QStringLiteral("folder"), 1}})
              .status
          == 403);
    CHECK(bob.post(QStringLiteral("/api/v1/profiles/import"), QJsonObject{}).status == 403);
    CHECK(
        bob.send("PUT", QStringLiteral("/api/v1/devices/1/local-config"), R"({"values":{}})").status
        == 403);
    CHECK(server.admin()
              .get(QStringLiteral("/api/v1/profiles/%1").arg(profile))
              .json()[QStringLiteral("name")]
          == QStringLiteral("p"));

    // Granted Write on the Profiles root, bob creates one; assigning still needs Assign.
    qint64 bobId = 0;
    for (const auto item : server.admin()
                               .get(QStringLiteral("/api/v1/admins"))
                               .json()[QStringLiteral("items")]
                               .toArray()) {
        if (item.toObject()[QStringLiteral("name")] == QStringLiteral("bob")) {
            bobId = item.toObject()[QStringLiteral("id")].toInteger();
        }
    }
    REQUIRE(bobId > 0);
    REQUIRE(server.admin()
                .send("PUT", QStringLiteral("/api/v1/permissions?node=root:profiles"),
                      QStringLiteral(R"({"entries":[{"principal":{"kind":"admin","id":%1},)"
                                     R"("right":"Write","effect":"allow"}]})")
                          .arg(bobId)
                          .toUtf8())
                .status
            == 200);
    CHECK(bob.post(QStringLiteral("/api/v1/profiles"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("q")}})
              .status
          == 201);
    const auto assign = bob.post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(profile),
                                 QJsonObject{{QStringLiteral("folder"), 1}});
    CHECK(assign.status == 403);
    CHECK(QString::fromUtf8(assign.body).contains(QStringLiteral("missing right Assign")));
}

TEST_CASE("each profile is a permission node: Browse, Read, Write and Assign per profile, "
          "inherited from the Profiles root",
          "[integration][folders][profiles][access]")
{
    DeviceTestServer server;
    auto& alice = server.admin();
    const qint64 languages =
        created(alice.post(QStringLiteral("/api/v1/profiles"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("Languages")}}));
    const qint64 printers =
        created(alice.post(QStringLiteral("/api/v1/profiles"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("Printers")}}));
    const qint64 folder =
        created(alice.post(QStringLiteral("/api/v1/folders"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("Lab")},
                                       {QStringLiteral("parent"), QJsonValue::Null}}));
    const qint64 bobId = created(
        alice.post(QStringLiteral("/api/v1/admins"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("bob")},
                               {QStringLiteral("password"), QStringLiteral("battery staple")}}));
    test::RestClient bob(server.port(), {server.app().identity().rootCa().toQSslCertificate()});
    REQUIRE(bob.login(QStringLiteral("bob"), QStringLiteral("battery staple")).status == 200);
    const auto grant = [&](const QString& node, const QStringList& rights, const QString& effect) {
        QJsonArray entries;
        for (const auto& right : rights) {
            entries.append(
                QJsonObject{{QStringLiteral("principal"),
                             QJsonObject{{QStringLiteral("kind"), QStringLiteral("admin")},
                                         {QStringLiteral("id"), bobId}}},
                            {QStringLiteral("right"), right},
                            {QStringLiteral("effect"), effect}});
        }
        const auto reply =
            alice.send("PUT", QStringLiteral("/api/v1/permissions?node=") + node,
                       QJsonDocument(QJsonObject{{QStringLiteral("entries"), entries}})
                           .toJson(QJsonDocument::Compact));
        INFO(reply.body.toStdString());
        REQUIRE(reply.status == 200);
    };
    const auto refusal = [](const test::RestReply& reply) {
        return reply.status == 403
                   ? reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString()
                   : QStringLiteral("HTTP %1").arg(reply.status);
    };
    const QString languagesPath = QStringLiteral("/api/v1/profiles/%1").arg(languages);
    const QString printersPath = QStringLiteral("/api/v1/profiles/%1").arg(printers);

    // Browse and Read on Languages only: the list shows it alone, Printers cannot be read.
    grant(QStringLiteral("profile:%1").arg(languages),
          {QStringLiteral("Browse"), QStringLiteral("Read")}, QStringLiteral("allow"));
    const QJsonArray listed =
        bob.get(QStringLiteral("/api/v1/profiles")).json()[QStringLiteral("items")].toArray();
    REQUIRE(listed.size() == 1);
    CHECK(listed.first()[QStringLiteral("name")] == QStringLiteral("Languages"));
    CHECK(bob.get(languagesPath).status == 200);
    CHECK(bob.get(languagesPath + QStringLiteral("/export")).status == 200);
    CHECK(refusal(bob.get(printersPath))
          == QStringLiteral("missing right Read on /Profiles/Printers"));
    CHECK(refusal(bob.get(printersPath + QStringLiteral("/export")))
          == QStringLiteral("missing right Read on /Profiles/Printers"));
    CHECK(refusal(bob.patch(languagesPath,
                            QJsonObject{{QStringLiteral("description"), QStringLiteral("x")}}))
          == QStringLiteral("missing right Write on /Profiles/Languages"));

    // Write and Assign on the Profiles root reach every profile, except where denied.
    grant(QStringLiteral("root:profiles"), {QStringLiteral("Write"), QStringLiteral("Assign")},
          QStringLiteral("allow"));
    grant(QStringLiteral("profile:%1").arg(printers),
          {QStringLiteral("Write"), QStringLiteral("Assign")}, QStringLiteral("deny"));
    CHECK(
        bob.patch(languagesPath, QJsonObject{{QStringLiteral("description"), QStringLiteral("x")}})
            .status
        == 200);
    CHECK(bob.post(languagesPath + QStringLiteral("/assignments"),
                   QJsonObject{{QStringLiteral("folder"), folder}})
              .status
          == 201);
    CHECK(refusal(bob.patch(printersPath,
                            QJsonObject{{QStringLiteral("description"), QStringLiteral("x")}}))
          == QStringLiteral("missing right Write on /Profiles/Printers"));
    CHECK(refusal(bob.send("DELETE", printersPath))
          == QStringLiteral("missing right Write on /Profiles/Printers"));
    CHECK(refusal(bob.post(printersPath + QStringLiteral("/assignments"),
                           QJsonObject{{QStringLiteral("folder"), folder}}))
          == QStringLiteral("missing right Assign on /Profiles/Printers"));
    CHECK(alice.get(printersPath).json()[QStringLiteral("description")] == QString());

    // The explainer names the profile and the Deny on it.
    const QJsonObject explained =
        alice
            .get(QStringLiteral("/api/v1/permissions/effective?admin=bob&node=profile:%1")
                     .arg(printers))
            .json();
    CHECK(explained[QStringLiteral("node")][QStringLiteral("path")]
          == QStringLiteral("/Profiles/Printers"));
    for (const auto& right : explained[QStringLiteral("rights")].toArray()) {
        if (right[QStringLiteral("right")] == QStringLiteral("Write")) {
            CHECK(right[QStringLiteral("reason")] == QStringLiteral("denied for admin bob"));
        }
    }

    // A profile made later is a node at once: entries can be set on it, and it is filtered.
    const qint64 later =
        created(alice.post(QStringLiteral("/api/v1/profiles"),
                           QJsonObject{{QStringLiteral("name"), QStringLiteral("Later")}}));
    grant(QStringLiteral("profile:%1").arg(later), {QStringLiteral("Read")},
          QStringLiteral("deny"));
    CHECK(refusal(bob.get(QStringLiteral("/api/v1/profiles/%1").arg(later)))
          == QStringLiteral("missing right Read on /Profiles/Later"));
}
