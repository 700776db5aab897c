// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/PrivateKey.h"
#include "tests/integration/shadow/ShadowRig.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QDateTime>

using namespace steward;
using steward::console::shadow::ShadowOffer;
using steward::console::shadow::ShadowTunnel;
using steward::shadow::ShadowStatus;
using steward::test::ShadowRig;
using steward::test::waitUntil;

namespace {

/** Runs the tunnel; REQUIREs that the agent refused it with \a status and audited it. */
void expectRefusal(ShadowRig& rig, const ShadowOffer& offer, ShadowStatus status)
{
    ShadowTunnel tunnel(offer);
    REQUIRE(test::runTunnel(tunnel));
    REQUIRE(tunnel.state() == ShadowTunnel::State::Failed);
    INFO(tunnel.failure()->message.toStdString());
    REQUIRE(tunnel.refusal().has_value());
    CHECK(*tunnel.refusal() == status);
    CHECK(tunnel.localPort() == 0); // never listened for a viewer
    const QString name = QStringLiteral("status=") + shadow::statusName(status);
    REQUIRE(waitUntil([&] {
        return rig.auditCount(QStringLiteral("shadow.refused"), QStringLiteral("denied"), name)
               == 1;
    }));
    CHECK(rig.maxVncClients == 0);
    CHECK(rig.vnc->clientCount() == 0);
}

shadow::TicketPayload payloadOf(const ShadowOffer& offer)
{
    auto parsed = shadow::parseTicket(offer.ticket);
    REQUIRE(parsed.ok());
    return parsed->payload;
}

} // namespace

TEST_CASE("a forged ticket is refused before anything reaches the VNC server",
          "[integration][shadow]")
{
    ShadowRig rig;
    ShadowOffer offer = rig.offer(rig.requestShadow());
    // Signed by a key that is not the server's device-communication key.
    auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(key.ok());
    auto forged = shadow::signTicket(payloadOf(offer), *key);
    REQUIRE(forged.ok());
    offer.ticket = *forged;
    expectRefusal(rig, offer, ShadowStatus::BadSignature);
}

TEST_CASE("an expired ticket and a ticket for another device are refused", "[integration][shadow]")
{
    ShadowRig rig;
    ShadowOffer offer = rig.offer(rig.requestShadow());
    shadow::TicketPayload payload = payloadOf(offer);
    payload.expires = QDateTime::currentSecsSinceEpoch() - 5;
    offer.ticket = rig.sign(payload);
    expectRefusal(rig, offer, ShadowStatus::Expired);

    payload = payloadOf(rig.offer(rig.requestShadow()));
    payload.device = rig.deviceId() + 1;
    offer.ticket = rig.sign(payload);
    expectRefusal(rig, offer, ShadowStatus::WrongDevice);
}

TEST_CASE("a ticket works exactly once", "[integration][shadow]")
{
    ShadowRig rig;
    const ShadowOffer offer = rig.offer(rig.requestShadow());
    {
        ShadowTunnel first(offer);
        REQUIRE(test::runTunnel(first));
        REQUIRE(first.state() == ShadowTunnel::State::Listening);
        first.stop();
    }
    const int viewersBefore = rig.maxVncClients;
    ShadowTunnel replay(offer);
    REQUIRE(test::runTunnel(replay));
    REQUIRE(replay.state() == ShadowTunnel::State::Failed);
    REQUIRE(replay.refusal().has_value());
    CHECK(*replay.refusal() == ShadowStatus::AlreadyUsed);
    CHECK(rig.auditCount(QStringLiteral("shadow.start"), QStringLiteral("denied")) == 1);
    REQUIRE(waitUntil([&] {
        return rig.auditCount(QStringLiteral("shadow.refused"), QStringLiteral("denied"),
                              QStringLiteral("status=already_used"))
               == 1;
    }));
    CHECK(rig.maxVncClients == viewersBefore);
}

TEST_CASE("an agent certificate that does not match the pin never sees the ticket",
          "[integration][shadow]")
{
    ShadowRig rig;
    ShadowOffer offer = rig.offer(rig.requestShadow());
    offer.certificate = test::impostorCertificate();

    ShadowTunnel tunnel(offer);
    REQUIRE(test::runTunnel(tunnel));
    REQUIRE(tunnel.state() == ShadowTunnel::State::Failed);
    CHECK(tunnel.failure()->code == ErrorCode::PeerCertificateMismatch);
    CHECK(tunnel.failure()->message.contains(QStringLiteral("ticket was not sent")));
    CHECK_FALSE(tunnel.ticketSent());
    CHECK_FALSE(tunnel.refusal().has_value());
    // The agent never saw a ticket, so nothing was claimed or refused.
    CHECK(rig.auditCount(QStringLiteral("shadow.refused"), QStringLiteral("denied")) == 0);
    CHECK(rig.auditCount(QStringLiteral("shadow.start"), QStringLiteral("success")) == 0);
    CHECK(rig.maxVncClients == 0);
}

TEST_CASE("consent denied and consent timed out are refused", "[integration][shadow]")
{
    SECTION("the user says no")
    {
        ShadowRig rig(QStringLiteral("test \"$STEWARD_SHADOW_ADMIN\" = nobody"));
        shadow::ShadowPolicy policy;
        policy.prompt = true;
        rig.setPolicy(policy);
        expectRefusal(rig, rig.offer(rig.requestShadow()), ShadowStatus::ConsentDenied);
    }
    SECTION("the user does not answer")
    {
        ShadowRig rig(QStringLiteral("exec sleep 30"));
        shadow::ShadowPolicy policy;
        policy.prompt = true;
        policy.promptTimeout = std::chrono::seconds(1);
        rig.setPolicy(policy);
        expectRefusal(rig, rig.offer(rig.requestShadow()), ShadowStatus::ConsentTimedOut);
    }
    SECTION("the user says yes")
    {
        ShadowRig rig(QStringLiteral("test \"$STEWARD_SHADOW_ADMIN\" = alice"));
        shadow::ShadowPolicy policy;
        policy.prompt = true;
        rig.setPolicy(policy);
        ShadowTunnel tunnel(rig.offer(rig.requestShadow()));
        REQUIRE(test::runTunnel(tunnel));
        CHECK(tunnel.state() == ShadowTunnel::State::Listening);
    }
}

TEST_CASE("shadowing disabled by policy is refused by the server and by the agent",
          "[integration][shadow]")
{
    ShadowRig rig;
    // A ticket issued while shadowing was allowed ...
    const ShadowOffer offer = rig.offer(rig.requestShadow());
    shadow::ShadowPolicy policy;
    policy.allowed = false;
    rig.setPolicy(policy);
    // ... no new one is issued ...
    const auto refused = rig.server.admin().post(
        QStringLiteral("/api/v1/devices/%1/shadow").arg(rig.deviceId()), QJsonObject{});
    CHECK(refused.status == 403);
    CHECK(QString::fromUtf8(refused.body).contains(QStringLiteral("does not allow shadowing")));
    CHECK(rig.auditCount(QStringLiteral("shadow.request"), QStringLiteral("denied")) == 1);
    // ... and the agent refuses the old one.
    expectRefusal(rig, offer, ShadowStatus::DisabledByPolicy);
}

TEST_CASE("the shadow route names why it cannot issue a ticket", "[integration][shadow]")
{
    test::DeviceTestServer server;
    const auto missing =
        server.admin().post(QStringLiteral("/api/v1/devices/999/shadow"),
                            QJsonObject{{QStringLiteral("path"), QStringLiteral("direct")}});
    CHECK(missing.status == 404);
    QTemporaryDir stateDir;
    auto state = test::enrollAgent(server, stateDir.path(), server.createToken());
    REQUIRE(state.ok());
    const QString route = QStringLiteral("/api/v1/devices/%1/shadow").arg(state->deviceId);
    const auto offline = server.admin().post(route, QJsonObject{});
    CHECK(offline.status == 409);
    CHECK(QString::fromUtf8(offline.body).contains(QStringLiteral("offline")));
    auto link = test::linkFor(*state);
    link->start();
    REQUIRE(waitUntil([&] { return link->state() == agent::ServerLink::State::Up; }));
    const auto noCertificate = server.admin().post(route, QJsonObject{});
    CHECK(noCertificate.status == 409);
    CHECK(QString::fromUtf8(noCertificate.body).contains(QStringLiteral("shadow certificate")));
    const auto badPath = server.admin().post(
        route, QJsonObject{{QStringLiteral("path"), QStringLiteral("sideways")}});
    CHECK(badPath.status == 400);
    link->stop();
}
