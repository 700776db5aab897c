// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/Certificate.h"
#include "common/crypto/ChainVerifier.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QFile>
#include <QJsonArray>
#include <QSysInfo>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

TEST_CASE("token enrolment issues a device certificate and brings the channel up",
          "[integration][devices]")
{
    DeviceTestServer server;
    test::EventWatcher console(server);
    QTemporaryDir state;
    const auto token = server.createToken();
    auto enrolled =
        test::enrollAgent(server, state.path(), token, QStringLiteral("00:11:22:aa:bb:cc"));
    INFO((enrolled.ok() ? std::string() : enrolled.error().message.toStdString()));
    REQUIRE(enrolled.ok());
    CHECK(enrolled->name == QStringLiteral("TC-001122AABBCC"));

    // The certificate chains to the device CA for client use; the key stayed here, 0600.
    auto certificate = crypto::Certificate::fromQSslCertificate(enrolled->client.certificate);
    REQUIRE(certificate.ok());
    crypto::ChainVerifyOptions purpose;
    purpose.purpose = crypto::CertificatePurpose::TlsClient;
    CHECK(
        crypto::verifyChain(*certificate, {}, {server.app().identity().deviceCa()}, purpose).ok());
    CHECK(QFile::permissions(state.filePath(QStringLiteral("client.key")))
          == (QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser));
    CHECK(enrolled->deviceCommunication
          == server.app().identity().deviceCommunication().toQSslCertificate());
    CHECK(enrolled->serverWeb == server.app().identity().webCertificate().toQSslCertificate());
    REQUIRE(waitUntil([&] { return console.saw(QStringLiteral("created"), enrolled->deviceId); }));

    auto link = test::linkFor(*enrolled);
    link->start();
    REQUIRE(waitUntil([&] { return link->state() == agent::ServerLink::State::Up; }));
    REQUIRE(waitUntil([&] { return console.saw(QStringLiteral("online"), enrolled->deviceId); }));
    const auto online = server.device(enrolled->deviceId);
    CHECK(online[QStringLiteral("online")] == true);
    CHECK(server.admin()
              .get(QStringLiteral("/metrics"))
              .body.contains("\nsteward_device_connections 1\n"));
    CHECK(online[QStringLiteral("name")] == QStringLiteral("TC-001122AABBCC"));
    CHECK(online[QStringLiteral("unitId")] == QStringLiteral("00:11:22:AA:BB:CC"));
    CHECK(online[QStringLiteral("lastIp")].toString().contains(QStringLiteral("127.0.0.1")));
    CHECK(online[QStringLiteral("certificateFingerprint")]
          == certificate->fingerprintText(crypto::FingerprintAlgorithm::Sha256));
    // The agent reports its inventory once the channel is up.
    REQUIRE(waitUntil([&] { return console.saw(QStringLiteral("changed"), enrolled->deviceId); }));
    const QJsonObject inventory =
        server.device(enrolled->deviceId).value(QStringLiteral("inventory")).toObject();
    CHECK(inventory[QStringLiteral("agentVersion")] == QStringLiteral("0.1.0"));
    CHECK(inventory[QStringLiteral("kernel")] == QSysInfo::kernelVersion());
    CHECK(inventory[QStringLiteral("hostname")].toString().size() > 0);
    CHECK(inventory[QStringLiteral("interfaces")].isArray());
    CHECK(server.device(enrolled->deviceId)[QStringLiteral("hostname")]
          == inventory[QStringLiteral("hostname")]);
    const auto list = server.admin().get(QStringLiteral("/api/v1/devices"));
    CHECK(list.json()[QStringLiteral("total")] == 1);

    // The token list shows it spent, and never the token itself.
    const auto tokens = server.admin().get(QStringLiteral("/api/v1/enrollment-tokens"));
    REQUIRE(tokens.status == 200);
    CHECK_FALSE(tokens.body.contains(token));
    CHECK(tokens.json()[QStringLiteral("items")][0][QStringLiteral("used")].isString());
    CHECK(server.audit(QStringLiteral("enroll"), QStringLiteral("ok")).size() == 1);

    link.reset(); // the agent stops
    REQUIRE(waitUntil([&] { return console.saw(QStringLiteral("offline"), enrolled->deviceId); },
                      std::chrono::seconds(2)));
    const auto offline = server.device(enrolled->deviceId);
    CHECK(offline[QStringLiteral("online")] == false);
    CHECK(offline[QStringLiteral("lastContact")].isString());
}

TEST_CASE("an expired enrolment token is refused with a clear error and an audit entry",
          "[integration][devices]")
{
    DeviceTestServer server;
    QTemporaryDir state;
    const auto enrolled = test::enrollAgent(server, state.path(), server.insertExpiredToken());
    REQUIRE_FALSE(enrolled.ok());
    CHECK(enrolled.error().code == ErrorCode::Unauthenticated);
    CHECK(enrolled.error().message.contains(QStringLiteral("expired")));
    const auto denied = server.audit(QStringLiteral("enroll"), QStringLiteral("denied"));
    REQUIRE(denied.size() == 1);
    CHECK(denied[0][QStringLiteral("details")].toString().contains(QStringLiteral("expired")));
    CHECK_FALSE(QFile::exists(state.filePath(QStringLiteral("client.key"))));
    CHECK(server.admin().get(QStringLiteral("/api/v1/devices")).json()[QStringLiteral("total")]
          == 0);
}

TEST_CASE("an enrolment token works once, the second use is refused and audited",
          "[integration][devices]")
{
    DeviceTestServer server;
    QTemporaryDir first;
    QTemporaryDir second;
    const auto token = server.createToken();
    REQUIRE(test::enrollAgent(server, first.path(), token).ok());
    const auto again = test::enrollAgent(server, second.path(), token);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message.contains(QStringLiteral("already used")));
    const auto denied = server.audit(QStringLiteral("enroll"), QStringLiteral("denied"));
    REQUIRE(denied.size() == 1);
    CHECK(denied[0][QStringLiteral("details")].toString().contains(QStringLiteral("already used")));

    const auto unknown = test::enrollAgent(server, second.path(), "no-such-token");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().message.contains(QStringLiteral("not known")));
    CHECK(server.admin().get(QStringLiteral("/api/v1/devices")).json()[QStringLiteral("total")]
          == 1);
}

TEST_CASE("a wrong fingerprint is refused before the token is sent", "[integration][devices]")
{
    DeviceTestServer server;
    QTemporaryDir state;
    const auto token = server.createToken();
    agent::EnrollOptions options;
    options.server = server.url();
    options.token = token;
    options.hostname = QStringLiteral("thin-client-7");
    options.expectedFingerprint = QStringLiteral("AB:").repeated(31) + QStringLiteral("AB");
    const auto refused = agent::enroll(agent::StateDirectory(state.path()), options);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == ErrorCode::PeerCertificateMismatch);
    CHECK(refused.error().message.contains(server.webFingerprint()));
    CHECK(refused.error().message.contains(options.expectedFingerprint));

    SECTION("without a fingerprint, nothing is trusted unless confirmed")
    {
        options.expectedFingerprint.clear();
        QString shown;
        options.show = [&](const QString& fingerprint) { shown = fingerprint; };
        options.confirm = [](const QString&) { return false; };
        const auto unconfirmed = agent::enroll(agent::StateDirectory(state.path()), options);
        REQUIRE_FALSE(unconfirmed.ok());
        CHECK(shown == server.webFingerprint());
    }
    // The server never saw the token: unused, and no enrolment attempt in the audit log.
    const auto tokens = server.admin().get(QStringLiteral("/api/v1/enrollment-tokens"));
    CHECK(tokens.json()[QStringLiteral("items")][0][QStringLiteral("used")].isNull());
    CHECK(server.audit(QStringLiteral("enroll"), QStringLiteral("denied")).isEmpty());
    CHECK(test::enrollAgent(server, state.path(), token).ok());
}

TEST_CASE("an enrolled state directory is not enrolled again until released",
          "[integration][devices]")
{
    DeviceTestServer server;
    QTemporaryDir state;
    REQUIRE(test::enrollAgent(server, state.path(), server.createToken()).ok());
    const auto token = server.createToken();
    const auto again = test::enrollAgent(server, state.path(), token);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::AlreadyExists);
    CHECK(again.error().message.contains(QStringLiteral("release")));
    REQUIRE(agent::StateDirectory(state.path()).release().ok());
    CHECK(test::enrollAgent(server, state.path(), token).ok());
}

TEST_CASE("only a superuser creates enrolment tokens, with a lifetime in range",
          "[integration][devices]")
{
    DeviceTestServer server;
    const auto tooLong = server.admin().post(QStringLiteral("/api/v1/enrollment-tokens"),
                                             QJsonObject{{QStringLiteral("ttl"), 99999999}});
    CHECK(tooLong.status == 400);
    const auto anonymous =
        test::RestClient(server.port(), {server.app().identity().rootCa().toQSslCertificate()})
            .send("POST", QStringLiteral("/api/v1/enrollment-tokens"), "{}");
    CHECK(anonymous.status == 401);
    CHECK(server.audit(QStringLiteral("enrollment-token.create"), QStringLiteral("ok")).isEmpty());
    (void)server.createToken();
    CHECK(server.audit(QStringLiteral("enrollment-token.create"), QStringLiteral("ok")).size()
          == 1);
}
