// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Live revocation (issue #9): an open shadow session whose administrator loses the Shadow right
// on the device is ended at once, directly and through the relay; others' sessions stay open.
#include "console/vnc/VncClient.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/shadow/ShadowRig.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

using namespace steward;
using steward::console::shadow::ShadowApi;
using steward::console::shadow::ShadowTunnel;
using steward::console::vnc::VncClient;
using steward::test::RestClient;
using steward::test::ShadowRig;
using steward::test::waitUntil;

namespace {

QJsonObject allowShadow(const QString& kind, qint64 id)
{
    return QJsonObject{{QStringLiteral("principal"),
                        QJsonObject{{QStringLiteral("kind"), kind}, {QStringLiteral("id"), id}}},
                       {QStringLiteral("right"), QStringLiteral("Shadow")},
                       {QStringLiteral("effect"), QStringLiteral("allow")}};
}

void setDeviceEntries(ShadowRig& rig, const QJsonArray& entries)
{
    const auto reply = rig.server.admin().send(
        "PUT", QStringLiteral("/api/v1/permissions?node=device:%1").arg(rig.deviceId()),
        QJsonDocument(QJsonObject{{QStringLiteral("entries"), entries}})
            .toJson(QJsonDocument::Compact));
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 200);
}

/** One administrator's open session: the console's tunnel and a libvncclient viewer on it. */
struct Viewer {
    std::unique_ptr<ShadowApi> api;
    std::unique_ptr<ShadowTunnel> tunnel;
    std::unique_ptr<VncClient> client;
    QString session;
};

std::unique_ptr<Viewer> openViewer(ShadowRig& rig, RestClient& as, const QString& path)
{
    const auto reply = as.post(QStringLiteral("/api/v1/devices/%1/shadow").arg(rig.deviceId()),
                               QJsonObject{{QStringLiteral("path"), path}});
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == 201);
    auto viewer = std::make_unique<Viewer>();
    viewer->session = reply.json()[QStringLiteral("session")].toString();
    console::shadow::TunnelOptions options;
    if (path == QLatin1String("relay")) {
        viewer->api = std::make_unique<ShadowApi>(rig.server.url(), rig.server.webFingerprint());
        viewer->api->setToken(as.token());
        ShadowApi* api = viewer->api.get();
        options.relay = [api](const QString& session) { return api->openTunnel(session); };
    }
    viewer->tunnel = std::make_unique<ShadowTunnel>(rig.offer(reply.json()), options);
    REQUIRE(test::runTunnel(*viewer->tunnel));
    REQUIRE(viewer->tunnel->state() == ShadowTunnel::State::Listening);
    viewer->client = std::make_unique<VncClient>();
    test::connectViewer(*viewer->client, *viewer->tunnel);
    return viewer;
}

bool closed(const Viewer& viewer)
{
    return viewer.client->state() != VncClient::State::Connected
           && viewer.tunnel->state() == ShadowTunnel::State::Finished;
}

} // namespace

TEST_CASE("a shadow session whose administrator loses the Shadow right is ended at once",
          "[integration][shadow][revocation]")
{
    const QString path = GENERATE(QStringLiteral("direct"), QStringLiteral("relay"));
    INFO(path.toStdString());
    ShadowRig rig;
    auto [bob, bobId] = rig.server.addAdmin(QStringLiteral("bob"));
    auto [carol, carolId] = rig.server.addAdmin(QStringLiteral("carol"));
    setDeviceEntries(rig, {allowShadow(QStringLiteral("admin"), bobId),
                           allowShadow(QStringLiteral("admin"), carolId)});
    auto bobs = openViewer(rig, *bob, path);
    auto carols = openViewer(rig, *carol, path);
    REQUIRE(waitUntil([&] { return rig.vnc->clientCount() == 2; }));

    // Alice takes Shadow away from bob: his viewer is cut off, carol's stays.
    setDeviceEntries(rig, {allowShadow(QStringLiteral("admin"), carolId)});
    REQUIRE(waitUntil([&] { return closed(*bobs); }));
    REQUIRE(waitUntil([&] { return rig.vnc->clientCount() == 1; }));
    REQUIRE(waitUntil([&] {
        return rig.auditCount(QStringLiteral("shadow.end"), QStringLiteral("success"),
                              QStringLiteral("reason=rights revoked"))
               == 1;
    }));
    const auto ends = rig.server.audit(QStringLiteral("shadow.end"), QStringLiteral("success"));
    REQUIRE(ends.size() == 1);
    CHECK(ends[0].toObject()[QStringLiteral("actor")].toString() == QStringLiteral("bob"));
    CHECK(ends[0].toObject()[QStringLiteral("details")].toString().contains(bobs->session));
    CHECK(rig.auditCount(QStringLiteral("shadow.revoke"), QStringLiteral("success"), bobs->session)
          == 1);
    if (path == QLatin1String("relay")) {
        REQUIRE(waitUntil([&] {
            return rig.auditCount(QStringLiteral("tunnel.end"), QStringLiteral("success"),
                                  QStringLiteral("reason=rights revoked"))
                   == 1;
        }));
    }

    CHECK(carols->client->state() == VncClient::State::Connected);
    CHECK(carols->tunnel->state() != ShadowTunnel::State::Finished);
    rig.source.advance();
    REQUIRE(waitUntil([&] { return test::showsSquareAt(*carols->client, rig.source, 1); }));
    CHECK(rig.auditCount(QStringLiteral("shadow.revoke"), QStringLiteral("success")) == 1);

    // Bob cannot come back; carol leaving is an ordinary end.
    CHECK(bob->post(QStringLiteral("/api/v1/devices/%1/shadow").arg(rig.deviceId()),
                    QJsonObject{{QStringLiteral("path"), path}})
              .status
          == 403);
    carols->client->disconnectFromHost();
    REQUIRE(waitUntil([&] {
        return rig.auditCount(QStringLiteral("shadow.end"), QStringLiteral("success")) == 2;
    }));
    CHECK(rig.auditCount(QStringLiteral("shadow.end"), QStringLiteral("success"),
                         QStringLiteral("reason=rights revoked"))
          == 1);
}

TEST_CASE("leaving the group that grants Shadow ends the session, and an unused ticket with it",
          "[integration][shadow][revocation]")
{
    ShadowRig rig;
    auto [bob, bobId] = rig.server.addAdmin(QStringLiteral("bob"));
    auto& alice = rig.server.admin();
    const auto group =
        alice.post(QStringLiteral("/api/v1/groups"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("helpdesk")}});
    REQUIRE(group.status == 201);
    const qint64 groupId = group.json()[QStringLiteral("id")].toInteger();
    const QString membership =
        QStringLiteral("/api/v1/groups/%1/members/%2").arg(groupId).arg(bobId);
    REQUIRE(alice.send("PUT", membership).status == 204);
    setDeviceEntries(rig, {allowShadow(QStringLiteral("group"), groupId)});

    auto bobs = openViewer(rig, *bob, QStringLiteral("direct"));
    // A second ticket, issued but not yet used when the right goes.
    const auto unused = bob->post(QStringLiteral("/api/v1/devices/%1/shadow").arg(rig.deviceId()),
                                  QJsonObject{{QStringLiteral("path"), QStringLiteral("direct")}});
    REQUIRE(unused.status == 201);

    REQUIRE(alice.send("DELETE", membership).status == 204);
    REQUIRE(waitUntil([&] { return closed(*bobs); }));
    REQUIRE(waitUntil([&] {
        return rig.auditCount(QStringLiteral("shadow.end"), QStringLiteral("success"),
                              QStringLiteral("reason=rights revoked"))
               == 1;
    }));
    REQUIRE(waitUntil([&] { return rig.vnc->clientCount() == 0; }));

    // The ticket issued before is refused at its claim: nothing reaches the VNC server.
    ShadowTunnel late(rig.offer(unused.json()));
    REQUIRE(test::runTunnel(late));
    REQUIRE(late.state() == ShadowTunnel::State::Failed);
    REQUIRE(late.refusal().has_value());
    CHECK(*late.refusal() == shadow::ShadowStatus::AlreadyUsed);
    CHECK(rig.auditCount(QStringLiteral("shadow.start"), QStringLiteral("denied"),
                         QStringLiteral("no longer holds the Shadow right"))
          == 1);
    CHECK(rig.vnc->clientCount() == 0);
}
