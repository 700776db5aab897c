// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Views under access control on a real server: view:ID nodes below root:views (docs/views.md).
#include "tests/integration/folders/SandboxedAgent.h"
#include "tests/support/CatchQt.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::SandboxedDevice;

namespace {

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QString errorOf(const test::RestReply& reply)
{
    return reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString();
}

} // namespace

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
