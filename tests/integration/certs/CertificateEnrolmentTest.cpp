// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Which certificate a device gets at enrolment, and which one signs its instructions.
#include "agent/enrol/AgentState.h"
#include "common/crypto/Certificate.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QJsonArray>
#include <QProcess>

#include <algorithm>

using namespace steward;
using steward::protocol::CertificateSupport;
using steward::test::DeviceTestServer;
using steward::test::waitUntil;

namespace {

const QString Base = QStringLiteral("/api/v1/certificates");
const QString AgentProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent");

/** The store's entry with \a alias, as listed. */
QJsonObject entry(DeviceTestServer& server, const QString& alias)
{
    const auto reply = server.admin().get(Base);
    REQUIRE(reply.status == 200);
    for (const auto& item : reply.json()[QStringLiteral("items")].toArray()) {
        if (item[QStringLiteral("alias")] == alias) {
            return item.toObject();
        }
    }
    FAIL("no certificate " << alias.toStdString());
    return {};
}

QString entryPath(DeviceTestServer& server, const QString& alias)
{
    return Base + QStringLiteral("/%1").arg(entry(server, alias)[QStringLiteral("id")].toInteger());
}

/** Generates an EC P-256 certificate and moves it to the top: the new default. */
void makeEcDefault(DeviceTestServer& server, const QString& alias)
{
    const auto made = server.admin().post(
        Base, QJsonObject{{QStringLiteral("alias"), alias},
                          {QStringLiteral("keySpec"), QStringLiteral("EC P-256")}});
    INFO(made.body.toStdString());
    REQUIRE(made.status == 201);
    const auto moved =
        server.admin().post(entryPath(server, alias) + QStringLiteral("/move"),
                            QJsonObject{{QStringLiteral("direction"), QStringLiteral("up")}});
    REQUIRE(moved.status == 200);
    REQUIRE(moved.json()[QStringLiteral("default")] == true);
}

/** The alias of the store entry whose certificate \a state pinned. */
QString pinnedAlias(DeviceTestServer& server, const agent::AgentState& state)
{
    const auto reply = server.admin().get(Base);
    const QString fingerprint = crypto::Certificate::fromQSslCertificate(state.deviceCommunication)
                                    .value()
                                    .fingerprintText(crypto::FingerprintAlgorithm::Sha256);
    for (const auto& item : reply.json()[QStringLiteral("items")].toArray()) {
        if (item[QStringLiteral("sha256")] == fingerprint) {
            return item[QStringLiteral("alias")].toString();
        }
    }
    return {};
}

struct Enrolled {
    QTemporaryDir dir;
    agent::AgentState state;
};

std::unique_ptr<Enrolled> enrol(DeviceTestServer& server, std::optional<CertificateSupport> support)
{
    auto enrolled = std::make_unique<Enrolled>();
    auto result = test::enrollAgent(server, enrolled->dir.path(), server.createToken(), {},
                                    std::move(support));
    INFO((result.ok() ? std::string() : result.error().message.toStdString()));
    REQUIRE(result.ok());
    enrolled->state = *result;
    return enrolled;
}

} // namespace

TEST_CASE("an agent gets the highest-priority active certificate it supports and is counted",
          "[integration][certs][devices]")
{
    DeviceTestServer server;
    makeEcDefault(server, QStringLiteral("fleet-ec"));

    const auto modern = enrol(server, CertificateSupport::current());
    CHECK(pinnedAlias(server, modern->state) == QStringLiteral("fleet-ec"));
    // An agent that verifies only RSA with SHA-512 falls back down the list to tckey.
    const auto rsaOnly = enrol(
        server, CertificateSupport{{QStringLiteral("RSA")}, {QStringLiteral("SHA512withRSA")}});
    CHECK(pinnedAlias(server, rsaOnly->state) == QStringLiteral("tckey"));
    // An agent that does not say (older builds) supports RSA/SHA512withRSA and EC P-256.
    const auto silent = enrol(server, std::nullopt);
    CHECK(pinnedAlias(server, silent->state) == QStringLiteral("fleet-ec"));
    CHECK(entry(server, QStringLiteral("fleet-ec"))[QStringLiteral("deviceCount")] == 2);
    CHECK(entry(server, QStringLiteral("tckey"))[QStringLiteral("deviceCount")] == 1);
    const auto users = server.admin().get(entryPath(server, QStringLiteral("fleet-ec"))
                                          + QStringLiteral("/devices"));
    REQUIRE(users.status == 200);
    QList<qint64> ids;
    for (const auto& item : users.json()[QStringLiteral("items")].toArray()) {
        ids.append(item[QStringLiteral("id")].toInteger());
        CHECK(item[QStringLiteral("name")] == server.device(ids.last())[QStringLiteral("name")]);
    }
    std::sort(ids.begin(), ids.end());
    CHECK(ids == QList<qint64>{modern->state.deviceId, silent->state.deviceId});

    const auto refused =
        server.admin().send("DELETE", entryPath(server, QStringLiteral("fleet-ec")));
    CHECK(refused.status == 409);
    CHECK(refused.json()[QStringLiteral("error")][QStringLiteral("message")].toString().startsWith(
        QStringLiteral("2 device(s) use \"fleet-ec\"")));

    // Deactivated: new devices get the next one; the devices that pinned it keep it.
    REQUIRE(server.admin()
                .patch(entryPath(server, QStringLiteral("fleet-ec")),
                       QJsonObject{{QStringLiteral("active"), false}})
                .status
            == 200);
    const auto later = enrol(server, CertificateSupport::current());
    CHECK(pinnedAlias(server, later->state) == QStringLiteral("tckey"));
    CHECK(entry(server, QStringLiteral("fleet-ec"))[QStringLiteral("deviceCount")] == 2);

    // Nothing active that the device supports: refused with the reason, audited, no device.
    QTemporaryDir unlucky;
    auto none = test::enrollAgent(
        server, unlucky.path(), server.createToken(), {},
        CertificateSupport{{QStringLiteral("EC P-384")}, {QStringLiteral("SHA384withECDSA")}});
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().code == ErrorCode::UnsupportedAlgorithm);
    CHECK(none.error().message.contains(
        QStringLiteral("supports none of the active device-communication certificates [tckey "
                       "(RSA 4096, SHA512withRSA)]")));
    const auto denied = server.audit(QStringLiteral("enroll"), QStringLiteral("denied"));
    REQUIRE(denied.size() == 1);
    CHECK(denied[0][QStringLiteral("details")].toString().contains(QStringLiteral("EC P-384")));
    CHECK(server.admin().get(QStringLiteral("/api/v1/devices")).json()[QStringLiteral("total")]
          == 4);
}

TEST_CASE("a malformed certificateSupport is refused and names the field",
          "[integration][certs][devices]")
{
    DeviceTestServer server;
    const auto reply = server.admin().post(
        QStringLiteral("/api/v1/enroll"),
        QJsonObject{{QStringLiteral("token"), QString::fromLatin1(server.createToken())},
                    {QStringLiteral("csr"), QStringLiteral("x")},
                    {QStringLiteral("hostname"), QStringLiteral("tc")},
                    {QStringLiteral("certificateSupport"),
                     QJsonObject{{QStringLiteral("keySpecs"), QJsonArray{}},
                                 {QStringLiteral("signatureAlgorithms"),
                                  QJsonArray{QStringLiteral("SHA512withRSA")}}}}});
    CHECK(reply.status == 400);
    CHECK(reply.errorCode() == QStringLiteral("invalid_value"));
    CHECK(reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(
        QStringLiteral("body.certificateSupport.keySpecs must list 1 to 32 entries")));
}

TEST_CASE("a release is signed with the certificate the device pinned, not with the default",
          "[integration][certs][devices]")
{
    DeviceTestServer server;
    makeEcDefault(server, QStringLiteral("fleet-ec"));
    const auto device = enrol(server, CertificateSupport::current());
    REQUIRE(pinnedAlias(server, device->state) == QStringLiteral("fleet-ec"));
    // tckey is the default again; the device still trusts only fleet-ec.
    REQUIRE(server.admin()
                .post(entryPath(server, QStringLiteral("tckey")) + QStringLiteral("/move"),
                      QJsonObject{{QStringLiteral("direction"), QStringLiteral("up")}})
                .status
            == 200);

    QProcess agent;
    agent.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    agent.start(AgentProgram,
                {QStringLiteral("--state-dir"), device->dir.path(), QStringLiteral("run")});
    REQUIRE(agent.waitForStarted());
    const qint64 id = device->state.deviceId;
    REQUIRE(waitUntil([&] { return server.device(id)[QStringLiteral("online")] == true; },
                      std::chrono::seconds(15)));
    const auto release =
        server.sendCommand(id, QJsonObject{{QStringLiteral("kind"), QStringLiteral("release")}});
    const bool exited =
        waitUntil([&] { return agent.state() == QProcess::NotRunning; }, std::chrono::seconds(20));
    if (!exited) {
        agent.kill();
        agent.waitForFinished();
    }
    REQUIRE(exited);
    CHECK(agent.exitCode() == 0);
    CHECK_FALSE(agent::StateDirectory(device->dir.path()).isEnrolled());
    CHECK(server.command(id, release[QStringLiteral("id")].toInteger())[QStringLiteral("state")]
          == QStringLiteral("succeeded"));
}
