// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The relay path: console tunnel → WSS → server splice → WSS → agent gate → libvncserver.
#include "common/crypto/PrivateKey.h"
#include "common/tls/TlsConfig.h"
#include "console/vnc/VncClient.h"
#include "server/gateway/TunnelRelay.h"
#include "tests/integration/shadow/ShadowRig.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QElapsedTimer>
#include <QWebSocket>

using namespace steward;
using steward::console::shadow::ShadowOffer;
using steward::console::shadow::ShadowTunnel;
using steward::console::vnc::KeyEvent;
using steward::console::vnc::PointerEvent;
using steward::console::vnc::VncClient;
using steward::shadow::ShadowStatus;
using steward::test::connectViewer;
using steward::test::ShadowRig;
using steward::test::showsSquareAt;
using steward::test::waitUntil;

namespace {

shadow::TicketPayload payloadOf(const ShadowOffer& offer)
{
    auto parsed = shadow::parseTicket(offer.ticket);
    REQUIRE(parsed.ok());
    return parsed->payload;
}

/** Runs \a offer over the relay; REQUIREs the agent's refusal with \a status, audited. */
void expectRelayRefusal(ShadowRig& rig, const ShadowOffer& offer, ShadowStatus status)
{
    ShadowTunnel tunnel(offer, rig.relayOptions());
    REQUIRE(test::runTunnel(tunnel));
    REQUIRE(tunnel.state() == ShadowTunnel::State::Failed);
    INFO(tunnel.failure()->message.toStdString());
    REQUIRE(tunnel.refusal().has_value());
    CHECK(*tunnel.refusal() == status);
    CHECK(tunnel.localPort() == 0);
    const QString name = QStringLiteral("status=") + shadow::statusName(status);
    REQUIRE(waitUntil([&] {
        return rig.auditCount(QStringLiteral("shadow.refused"), QStringLiteral("denied"), name)
               == 1;
    }));
    CHECK(rig.maxVncClients == 0);
}

} // namespace

TEST_CASE("the synthetic screen reaches a viewer through the relay and input reaches it back",
          "[integration][shadow][relay]")
{
    ShadowRig rig;
    const QJsonObject answer = rig.requestShadow(QStringLiteral("relay"));
    CHECK(answer[QStringLiteral("path")].toString() == QStringLiteral("relay"));
    ShadowTunnel tunnel(rig.offer(answer), rig.relayOptions());
    REQUIRE(test::runTunnel(tunnel));
    INFO((tunnel.failure() ? tunnel.failure()->message : QString()).toStdString());
    REQUIRE(tunnel.state() == ShadowTunnel::State::Listening);
    CHECK(rig.auditCount(QStringLiteral("shadow.start"), QStringLiteral("success"),
                         QStringLiteral("path=relay"))
          == 1);
    CHECK(rig.auditCount(QStringLiteral("tunnel.open"), QStringLiteral("success"),
                         QStringLiteral("path=relay"))
          == 1);

    VncClient client;
    connectViewer(client, tunnel);
    CHECK(client.framebuffer().size() == rig.source.size());
    REQUIRE(waitUntil([&] {
        return client.framebuffer().pixel(QPoint(10, 10)) == rig.source.pattern().background;
    }));
    REQUIRE(waitUntil([&] { return showsSquareAt(client, rig.source, 0); }));
    rig.source.advance();
    REQUIRE(waitUntil([&] { return showsSquareAt(client, rig.source, 1); }));

    client.sendInput(PointerEvent{QPoint(77, 33), 1});
    client.sendInput(KeyEvent{0x62, true});
    REQUIRE(waitUntil(
        [&] { return !rig.source.pointerEvents().empty() && !rig.source.keyEvents().empty(); }));
    CHECK(rig.source.pointerEvents().front().position == QPoint(77, 33));
    CHECK(rig.source.keyEvents().front().keysym == 0x62u);

    // Closing the viewer closes every leg; the agent and the relay both report bytes.
    client.disconnectFromHost();
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Finished; }));
    REQUIRE(waitUntil([&] { return rig.vnc->clientCount() == 0; }));
    REQUIRE(waitUntil([&] {
        return rig.auditCount(QStringLiteral("shadow.end"), QStringLiteral("success"),
                              QStringLiteral("path=relay"))
               == 1;
    }));
    REQUIRE(waitUntil([&] {
        return rig.auditCount(QStringLiteral("tunnel.end"), QStringLiteral("success")) == 1;
    }));
    const auto ended = rig.server.audit(QStringLiteral("shadow.end"), QStringLiteral("success"));
    const QString details = ended[0].toObject()[QStringLiteral("details")].toString();
    CHECK_FALSE(details.contains(QStringLiteral("bytes_to_viewer=0 ")));
    CHECK_FALSE(details.contains(QStringLiteral("bytes_from_viewer=0 ")));
    const auto relayed = rig.server.audit(QStringLiteral("tunnel.end"), QStringLiteral("success"));
    const QString relayDetails = relayed[0].toObject()[QStringLiteral("details")].toString();
    CHECK(relayDetails.contains(QStringLiteral("path=relay")));
    CHECK_FALSE(relayDetails.contains(QStringLiteral("bytes_to_console=0 ")));
    CHECK_FALSE(relayDetails.contains(QStringLiteral("bytes_from_console=0 ")));
    CHECK(relayed[0].toObject()[QStringLiteral("actor")].toString() == QStringLiteral("alice"));
    CHECK(tunnel.bytesToViewer() > 0);
    REQUIRE(waitUntil([&] { return rig.proxy->activeConnections() == 0; }));
}

TEST_CASE("in view-only mode input through the relay never arrives", "[integration][shadow][relay]")
{
    ShadowRig rig;
    shadow::ShadowPolicy policy;
    policy.viewOnly = true;
    rig.setPolicy(policy);
    ShadowTunnel tunnel(rig.offer(rig.requestShadow(QStringLiteral("relay"))), rig.relayOptions());
    REQUIRE(test::runTunnel(tunnel));
    REQUIRE(tunnel.state() == ShadowTunnel::State::Listening);
    VncClient client;
    connectViewer(client, tunnel);
    REQUIRE(waitUntil([&] { return showsSquareAt(client, rig.source, 0); }));
    client.sendInput(PointerEvent{QPoint(5, 6), 1});
    client.sendInput(KeyEvent{0x61, true});
    for (int tick = 1; tick <= 3; ++tick) {
        rig.source.advance();
        REQUIRE(waitUntil([&] { return showsSquareAt(client, rig.source, tick); }));
    }
    CHECK(rig.source.pointerEvents().empty());
    CHECK(rig.source.keyEvents().empty());
}

TEST_CASE("forged and replayed tickets are refused over the relay before the VNC server",
          "[integration][shadow][relay]")
{
    ShadowRig rig;
    SECTION("forged")
    {
        ShadowOffer offer = rig.offer(rig.requestShadow(QStringLiteral("relay")));
        auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
        REQUIRE(key.ok());
        auto forged = shadow::signTicket(payloadOf(offer), *key);
        REQUIRE(forged.ok());
        offer.ticket = *forged;
        expectRelayRefusal(rig, offer, ShadowStatus::BadSignature);
    }
    SECTION("replayed")
    {
        // A ticket claimed once, carried again inside another (pending) relay session's tunnel.
        const ShadowOffer first = rig.offer(rig.requestShadow(QStringLiteral("relay")));
        {
            ShadowTunnel tunnel(first, rig.relayOptions());
            REQUIRE(test::runTunnel(tunnel));
            REQUIRE(tunnel.state() == ShadowTunnel::State::Listening);
            tunnel.stop();
        }
        REQUIRE(waitUntil([&] { return rig.proxy->activeConnections() == 0; }));
        rig.maxVncClients = 0;
        ShadowOffer second = rig.offer(rig.requestShadow(QStringLiteral("relay")));
        second.ticket = first.ticket;
        expectRelayRefusal(rig, second, ShadowStatus::AlreadyUsed);
    }
    SECTION("a direct ticket does not open the relay")
    {
        // The server lets no console on the relay for a session issued for the direct path.
        ShadowOffer offer = rig.offer(rig.requestShadow(QStringLiteral("direct")));
        offer.path = QStringLiteral("relay");
        ShadowTunnel relayed(offer, rig.relayOptions());
        REQUIRE(test::runTunnel(relayed));
        REQUIRE(relayed.state() == ShadowTunnel::State::Failed);
        CHECK_FALSE(relayed.refusal().has_value());
        CHECK(relayed.failure()->code == ErrorCode::ConnectionFailed);
        CHECK(rig.maxVncClients == 0);
    }
}

TEST_CASE("the relay refuses another device's certificate for a session's device side",
          "[integration][shadow][relay]")
{
    ShadowRig rig;
    rig.answerTunnels = false; // the session's own device never comes
    QTemporaryDir otherDir;
    auto other = test::enrollAgent(rig.server, otherDir.path(), rig.server.createToken());
    REQUIRE(other.ok());

    const ShadowOffer offer = rig.offer(rig.requestShadow(QStringLiteral("relay")));
    ShadowTunnel tunnel(offer, rig.relayOptions());
    tunnel.start();
    // The console is up to the server and waits for the device (preamble sent into the relay).
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Admitting; }));
    REQUIRE(waitUntil([&] { return rig.server.app().tunnelRelay().tunnelCount() == 1; }));

    QWebSocket impostor;
    impostor.setSslConfiguration(tls::clientConfiguration({other->serverCa}, other->client));
    bool connected = false;
    bool closed = false;
    QObject::connect(&impostor, &QWebSocket::connected, [&] { connected = true; });
    QObject::connect(&impostor, &QWebSocket::disconnected, [&] { closed = true; });
    QObject::connect(&impostor, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
                     [&] { closed = true; });
    QUrl url = rig.server.url();
    url.setScheme(QStringLiteral("wss"));
    url.setPath(QStringLiteral("/tunnel/v1/%1/device").arg(offer.session));
    impostor.open(url);
    REQUIRE(waitUntil([&] { return closed; }));
    CHECK_FALSE(connected);
    CHECK(tunnel.state() == ShadowTunnel::State::Admitting); // still waiting, nothing spliced
    CHECK(rig.maxVncClients == 0);

    // The session's own device is let in on the same path.
    rig.answerTunnels = true;
    QUrl own = url;
    rig.proxy->dialTunnel(own, tls::clientConfiguration({rig.state.serverCa}, rig.state.client));
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Listening; }));
}

TEST_CASE("a relay console whose device never comes is closed after the relay wait",
          "[integration][shadow][relay]")
{
    test::RigOptions options;
    options.adjustServer = [](server::ServerSettings& settings) {
        settings.shadowRelayWait = std::chrono::seconds(1);
    };
    ShadowRig rig(options);
    rig.answerTunnels = false; // the device never opens its side
    const ShadowOffer offer = rig.offer(rig.requestShadow(QStringLiteral("relay")));
    ShadowTunnel tunnel(offer, rig.relayOptions());
    QElapsedTimer waited;
    waited.start();
    tunnel.start();
    REQUIRE(waitUntil([&] { return rig.server.app().tunnelRelay().tunnelCount() == 1; }));
    // 1 s instead of the default 30 s: well within the wait below, so the setting took effect.
    REQUIRE(waitUntil([&] { return tunnel.state() == ShadowTunnel::State::Failed; },
                      std::chrono::seconds(15)));
    CHECK(waited.elapsed() >= 900);
    CHECK(tunnel.localPort() == 0);
    REQUIRE(waitUntil([&] { return rig.server.app().tunnelRelay().tunnelCount() == 0; }));
    CHECK(rig.auditCount(QStringLiteral("tunnel.end"), QStringLiteral("failure"),
                         QStringLiteral("did not open its side within 1 s"))
          == 1);
    CHECK(rig.auditCount(QStringLiteral("shadow.start"), QStringLiteral("success")) == 0);
    CHECK(rig.maxVncClients == 0);
}
