// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// The CA rollover's REST resource on a real ServerApp over TLS, with in-process agents running
// the agent's own TrustUpdater on their ServerLink: every step and every refusal.
#include "agent/link/TrustUpdater.h"
#include "common/crypto/ChainVerifier.h"
#include "server/services/CaRollover.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

const QString Ca = QStringLiteral("/api/v1/certificate-authorities");

/** An enrolled in-process agent; connected only when asked. */
struct Agent {
    QTemporaryDir dir;
    agent::AgentState state;
    std::unique_ptr<agent::ServerLink> link;
    std::unique_ptr<agent::TrustUpdater> trust;

    explicit Agent(DeviceTestServer& server)
    {
        auto enrolled = test::enrollAgent(server, dir.path(), server.createToken());
        REQUIRE(enrolled.ok());
        state = *enrolled;
    }
    void connect(DeviceTestServer& server)
    {
        auto loaded = agent::StateDirectory(dir.path()).load();
        REQUIRE(loaded.ok());
        state = *loaded;
        trust.reset();
        link = test::linkFor(state);
        trust =
            std::make_unique<agent::TrustUpdater>(agent::StateDirectory(dir.path()), state.deviceId,
                                                  state.deviceCommunication, state.trustAnchors());
        trust->attach(*link);
        link->start();
        REQUIRE(waitUntil(
            [&] { return server.device(state.deviceId)[QStringLiteral("online")] == true; },
            std::chrono::seconds(10)));
    }
};

crypto::Certificate fileCertificate(const QString& path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return crypto::Certificate::fromPem(file.readAll()).value();
}

qint64 count(const QJsonObject& status, const char* key)
{
    return status[QLatin1String(key)][QStringLiteral("count")].toInteger();
}

} // namespace

TEST_CASE("the CA rollover over REST: renew, distribute, refuse while devices lack trust, force",
          "[integration][certs][devices]")
{
    DeviceTestServer server;
    Agent connected(server);
    Agent offline(server);
    connected.connect(server);
    const QString pki = QDir(server.dataDir()).filePath(QStringLiteral("pki"));

    auto status = server.admin().get(Ca);
    REQUIRE(status.status == 200);
    CHECK(status.json()[QStringLiteral("nextRoot")].isNull());
    CHECK(count(status.json(), "untrustingRoot") == 0);
    // Nothing to activate, nothing to retire, nothing affected.
    CHECK(server.admin().post(Ca + QStringLiteral("/root/activate"), {}).status == 409);
    CHECK(server.admin().post(Ca + QStringLiteral("/retire-old"), {}).status == 409);
    CHECK(server.admin().get(Ca + QStringLiteral("/affected-devices")).status == 404);
    CHECK(server.admin().get(Ca + QStringLiteral("/affected-devices?root=other")).status == 400);

    const auto renewed = server.admin().post(Ca + QStringLiteral("/root/renew"), {});
    INFO(renewed.body.toStdString());
    REQUIRE(renewed.status == 200);
    CHECK(server.admin().post(Ca + QStringLiteral("/root/renew"), {}).status == 409);
    const auto newRoot = fileCertificate(QDir(pki).filePath(QStringLiteral("root-ca.next.crt")));
    REQUIRE(
        waitUntil([&] { return connected.trust->roots().size() == 2; }, std::chrono::seconds(10)));
    CHECK(connected.trust->roots().contains(newRoot.toQSslCertificate()));
    CHECK(connected.link->state() == agent::ServerLink::State::Up);
    REQUIRE(waitUntil(
        [&] { return !server.audit(QStringLiteral("ca.trust"), QStringLiteral("ok")).isEmpty(); },
        std::chrono::seconds(10)));

    // The offline device does not trust the renewed root: it is the affected one.
    const auto affected = server.admin().get(Ca + QStringLiteral("/affected-devices?root=next"));
    REQUIRE(affected.status == 200);
    CHECK(affected.json()[QStringLiteral("total")] == 1);
    CHECK(affected.json()[QStringLiteral("items")][0][QStringLiteral("id")]
          == offline.state.deviceId);
    const auto refused = server.admin().post(Ca + QStringLiteral("/root/activate"), {});
    CHECK(refused.status == 409);
    CHECK(refused.body.contains("1 device(s) do not trust the renewed root"));
    CHECK(server.admin().post(Ca + QStringLiteral("/root/activate?force=maybe"), {}).status == 400);
    CHECK(server.audit(QStringLiteral("ca.activate-root"), QStringLiteral("denied")).size() == 2);

    // Forced: the listener presents a web certificate from the new root at once.
    REQUIRE(server.admin().post(Ca + QStringLiteral("/root/activate?force=true"), {}).status
            == 200);
    CHECK(crypto::verifyChain(server.app().identity().webCertificate(), {}, {newRoot}).ok());
    test::RestClient fresh(server.port(), {newRoot.toQSslCertificate()});
    CHECK(fresh.login(QStringLiteral("alice"), QStringLiteral("correct horse")).status == 200);

    // Retiring the old root is refused while the offline device does not trust the new one.
    const auto early = fresh.post(Ca + QStringLiteral("/retire-old"), {});
    CHECK(early.status == 409);
    CHECK(early.body.contains("1 device(s) do not trust the current root"));
    REQUIRE(fresh.post(Ca + QStringLiteral("/retire-old?force=true"), {}).status == 200);
    REQUIRE(
        waitUntil([&] { return connected.trust->roots().size() == 1; }, std::chrono::seconds(10)));
    CHECK(connected.trust->roots().first() == newRoot.toQSslCertificate());
    CHECK(QDir(QDir(pki).filePath(QStringLiteral("retired"))).entryList(QDir::Files).size() == 2);
}

TEST_CASE("a renewed device CA gives a connected device a new client certificate, which it "
          "presents at its next connection, never enrolling again",
          "[integration][certs][devices]")
{
    DeviceTestServer server;
    Agent connected(server);
    Agent offline(server);
    connected.connect(server);
    const QString pki = QDir(server.dataDir()).filePath(QStringLiteral("pki"));
    const auto oldCa = fileCertificate(QDir(pki).filePath(QStringLiteral("device-ca.crt")));

    REQUIRE(server.admin().post(Ca + QStringLiteral("/device-ca/renew"), {}).status == 200);
    CHECK(server.admin().post(Ca + QStringLiteral("/device-ca/renew"), {}).status == 409);
    const auto newCa = fileCertificate(QDir(pki).filePath(QStringLiteral("device-ca.crt")));
    const QString clientFile = connected.dir.filePath(QStringLiteral("client.crt"));
    REQUIRE(waitUntil(
        [&] {
            QFile file(clientFile);
            auto certificate = file.open(QIODevice::ReadOnly)
                                   ? crypto::Certificate::fromPem(file.readAll())
                                   : Result<crypto::Certificate>(Error{ErrorCode::IoError, {}});
            return certificate && crypto::verifyChain(*certificate, {}, {newCa}).ok();
        },
        std::chrono::seconds(10)));
    REQUIRE(waitUntil(
        [&] {
            return !server.audit(QStringLiteral("ca.client-certificate"), QStringLiteral("ok"))
                        .isEmpty();
        },
        std::chrono::seconds(10)));
    CHECK(connected.link->state() == agent::ServerLink::State::Up);
    // Both still hold certificates from the old device CA on the server's side.
    auto status = server.admin().get(Ca).json();
    CHECK(count(status, "onOldDeviceCa") == 2);
    const auto early = server.admin().post(Ca + QStringLiteral("/retire-old"), {});
    CHECK(early.status == 409);
    CHECK(early.body.contains("2 device(s) still present"));

    // Reconnecting presents the new certificate; the server makes it the device's.
    connected.link->stop();
    connected.connect(server);
    status = server.admin().get(Ca).json();
    CHECK(count(status, "onOldDeviceCa") == 1);
    CHECK(server.device(connected.state.deviceId)[QStringLiteral("id")]
          == connected.state.deviceId);
    // A device certificate from the old CA still connects while it is kept...
    offline.connect(server);
    // ...until it is retired (forced: that device has not renewed yet); then it is refused.
    offline.link->stop();
    REQUIRE(server.admin().post(Ca + QStringLiteral("/retire-old?force=true"), {}).status == 200);
    CHECK(server.app().caRollover().authorities().deviceCas().size() == 1);
    CHECK(crypto::verifyChain(
              crypto::Certificate::fromQSslCertificate(offline.state.client.certificate).value(),
              {}, {oldCa})
              .ok());
    offline.link->start();
    REQUIRE(waitUntil(
        [&] {
            return !server.audit(QStringLiteral("device.connect"), QStringLiteral("denied"))
                        .isEmpty();
        },
        std::chrono::seconds(10)));
    CHECK(server.device(offline.state.deviceId)[QStringLiteral("online")] == false);
    // The renewed device reconnects fine.
    connected.link->stop();
    connected.connect(server);
}
