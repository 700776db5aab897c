// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/vnc/VncClient.h"
#include "tests/integration/shadow/ShadowRig.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

using namespace steward;
using steward::console::shadow::ShadowTunnel;
using steward::console::vnc::KeyEvent;
using steward::console::vnc::PointerEvent;
using steward::console::vnc::VncClient;
using steward::test::connectViewer;
using steward::test::ShadowRig;
using steward::test::showsSquareAt;
using steward::test::waitUntil;

namespace {} // namespace

TEST_CASE("the synthetic screen reaches a viewer through both proxies and input reaches it back",
          "[integration][shadow]")
{
    ShadowRig rig;
    const QJsonObject answer = rig.requestShadow();
    CHECK(answer[QStringLiteral("port")].toInt() == rig.proxy->port());
    CHECK(answer[QStringLiteral("relay")].toString()
          == QStringLiteral("/tunnel/v1/") + answer[QStringLiteral("session")].toString());
    CHECK(answer[QStringLiteral("sha256")].toString().size() == 64);
    CHECK(rig.vnc->clientCount() == 0);

    ShadowTunnel tunnel(rig.offer(answer));
    REQUIRE(test::runTunnel(tunnel));
    REQUIRE(tunnel.state() == ShadowTunnel::State::Listening);
    CHECK(rig.auditCount(QStringLiteral("shadow.start"), QStringLiteral("success")) == 1);

    VncClient client;
    connectViewer(client, tunnel);
    CHECK(client.framebuffer().size() == rig.source.size());
    REQUIRE(waitUntil([&] {
        return client.framebuffer().pixel(QPoint(10, 10)) == rig.source.pattern().background;
    }));
    REQUIRE(waitUntil([&] { return showsSquareAt(client, rig.source, 0); }));
    rig.source.advance();
    REQUIRE(waitUntil([&] { return showsSquareAt(client, rig.source, 1); }));
    CHECK(rig.vnc->clientCount() == 1);

    client.sendInput(PointerEvent{QPoint(123, 45), 1});
    client.sendInput(KeyEvent{0x61, true});
    REQUIRE(waitUntil(
        [&] { return !rig.source.pointerEvents().empty() && !rig.source.keyEvents().empty(); }));
    CHECK(rig.source.pointerEvents().front().position == QPoint(123, 45));
    CHECK(rig.source.keyEvents().front().keysym == 0x61u);

    // The viewer leaving closes both legs and the agent reports the end with its byte counts.
    client.disconnectFromHost();
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Finished; }));
    REQUIRE(waitUntil([&] { return rig.vnc->clientCount() == 0; }));
    REQUIRE(waitUntil([&] {
        return rig.auditCount(QStringLiteral("shadow.end"), QStringLiteral("success")) == 1;
    }));
    const auto ended = rig.server.audit(QStringLiteral("shadow.end"), QStringLiteral("success"));
    const QString details = ended[0].toObject()[QStringLiteral("details")].toString();
    CHECK(details.contains(QStringLiteral("path=direct")));
    CHECK(details.contains(QStringLiteral("duration_ms=")));
    CHECK_FALSE(details.contains(QStringLiteral("bytes_to_viewer=0 ")));
    CHECK(ended[0].toObject()[QStringLiteral("actor")].toString() == QStringLiteral("alice"));
    CHECK(tunnel.bytesToViewer() > 0);
    CHECK(tunnel.bytesFromViewer() > 0);
}

TEST_CASE("in view-only mode the viewer sees the screen but its input never arrives",
          "[integration][shadow]")
{
    ShadowRig rig;
    shadow::ShadowPolicy policy;
    policy.viewOnly = true;
    rig.setPolicy(policy);
    const QJsonObject answer = rig.requestShadow();
    CHECK(answer[QStringLiteral("policy")].toObject()[QStringLiteral("viewOnly")].toBool());

    ShadowTunnel tunnel(rig.offer(answer));
    REQUIRE(test::runTunnel(tunnel));
    REQUIRE(tunnel.state() == ShadowTunnel::State::Listening);
    VncClient client;
    connectViewer(client, tunnel);
    REQUIRE(waitUntil([&] { return showsSquareAt(client, rig.source, 0); }));

    client.sendInput(PointerEvent{QPoint(5, 6), 1});
    client.sendInput(KeyEvent{0x61, true});
    // RFB is ordered: once tick 3 shows, the server has read past the input (VncLoopbackTest).
    for (int tick = 1; tick <= 3; ++tick) {
        rig.source.advance();
        REQUIRE(waitUntil([&] { return showsSquareAt(client, rig.source, tick); }));
    }
    CHECK(rig.source.pointerEvents().empty());
    CHECK(rig.source.keyEvents().empty());
    CHECK(rig.vnc->isViewOnly()); // set by the proxy for this session
}

TEST_CASE("a profile's shadow values bind the ticket as they bind the agent",
          "[integration][shadow]")
{
    ShadowRig rig;
    auto& admin = rig.server.admin();
    const auto made =
        admin.post(QStringLiteral("/api/v1/profiles"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("Watch only")},
                               {QStringLiteral("values"),
                                QJsonObject{{QStringLiteral("shadow.view_only"), true},
                                            {QStringLiteral("shadow.prompt_timeout"), 45}}}});
    REQUIRE(made.status == 201);
    const qint64 profile = made.json()[QStringLiteral("id")].toInteger();
    REQUIRE(admin
                .post(QStringLiteral("/api/v1/profiles/%1/assignments").arg(profile),
                      QJsonObject{{QStringLiteral("device"), rig.deviceId()}})
                .status
            == 201);
    // The device's own policy allows input; the profile makes sessions view-only.
    const QJsonObject policy = rig.requestShadow()[QStringLiteral("policy")].toObject();
    CHECK(policy[QStringLiteral("viewOnly")].toBool());
    CHECK(policy[QStringLiteral("promptTimeout")].toInt() == 45);

    // A profile that forbids shadowing refuses the ticket, naming the device.
    REQUIRE(
        admin
            .send("PATCH", QStringLiteral("/api/v1/profiles/%1").arg(profile),
                  QJsonDocument(QJsonObject{{QStringLiteral("values"),
                                             QJsonObject{{QStringLiteral("shadow.allow"), false}}}})
                      .toJson(QJsonDocument::Compact))
            .status
        == 200);
    const auto refused =
        admin.post(QStringLiteral("/api/v1/devices/%1/shadow").arg(rig.deviceId()),
                   QJsonObject{{QStringLiteral("path"), QStringLiteral("direct")}});
    CHECK(refused.status == 403);
    CHECK(refused.body.contains("shadow policy does not allow shadowing"));
}
