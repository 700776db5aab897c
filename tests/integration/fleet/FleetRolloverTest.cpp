// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// 100 simulated agents on a real steward-server process roll over to a new default
// device-communication certificate on their open channels, with the agent's own rollover code.
#include "agent/link/CertificateRollover.h"
#include "common/protocol/Decoder.h"
#include "common/protocol/Message.h"
#include "tests/bench/fleet/Fleet.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/server/RestClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>

using namespace steward;
using steward::test::waitUntil;

namespace {

const QString Certificates = QStringLiteral("/api/v1/certificates");

QJsonObject certificateNamed(test::RestClient& rest, const QString& alias)
{
    const auto listed = rest.get(Certificates);
    REQUIRE(listed.status == 200);
    for (const auto& item : listed.json()[QStringLiteral("items")].toArray()) {
        if (item[QStringLiteral("alias")] == alias) {
            return item.toObject();
        }
    }
    FAIL("no certificate " << alias.toStdString());
    return {};
}

} // namespace

TEST_CASE("100 simulated agents roll over to a new default certificate within the trigger "
          "and a refusal is reported",
          "[integration][fleet][certs]")
{
    constexpr int Agents = 100;
    constexpr int Refuser = 17; // its state directory cannot be written
    QTemporaryDir dir;
    const QString user = QStringLiteral("alice");
    const QString password = QStringLiteral("correct horse");
    REQUIRE(fleet::createAdministrator(dir.path(), user, password).ok());
    fleet::ServerProcess server(QStringLiteral(STEWARD_BINARY_DIR "/server/steward-server"),
                                dir.path());
    const auto started = server.start();
    INFO((started.ok() ? std::string() : started.error().message.toStdString()));
    REQUIRE(started.ok());
    const auto rootCa = fleet::serverRootCa(dir.path());
    REQUIRE(rootCa.ok());
    test::RestClient rest(server.port(), {*rootCa});
    REQUIRE(rest.login(user, password).status == 200);

    auto members = fleet::enrollFleet({server.url(), *rootCa, rest.token()}, Agents,
                                      dir.filePath(QStringLiteral("fleet")));
    INFO((members.ok() ? std::string() : members.error().message.toStdString()));
    REQUIRE(members.ok());
    REQUIRE(int(members->size()) == Agents);
    const qint64 tckey =
        certificateNamed(rest, QStringLiteral("tckey"))[QStringLiteral("id")].toInteger();

    // Each simulated agent answers rollovers with the real agent's CertificateRollover.
    std::vector<std::unique_ptr<QTemporaryDir>> stateDirs;
    std::vector<std::unique_ptr<agent::CertificateRollover>> rollovers;
    for (int i = 0; i < Agents; ++i) {
        const auto& member = (*members)[size_t(i)];
        REQUIRE_FALSE(member.deviceCommunication.isNull());
        stateDirs.push_back(std::make_unique<QTemporaryDir>());
        const QString path = i == Refuser ? stateDirs.back()->filePath(QStringLiteral("gone/x"))
                                          : stateDirs.back()->path();
        rollovers.push_back(std::make_unique<agent::CertificateRollover>(
            agent::StateDirectory(path), member.deviceId, member.deviceCommunication,
            protocol::CertificateSupport::legacy()));
    }
    fleet::Fleet::Options options;
    options.server = server.url();
    options.rootCa = *rootCa;
    fleet::Fleet agents(options, *members);
    int offers = 0;
    agents.onFrame([&](int index, const QByteArray& frame) {
        const auto decoded = protocol::decodeFrame(frame);
        if (!decoded) {
            return;
        }
        const auto* rollover =
            std::get_if<protocol::CertificateRollover>(&decoded.message().message);
        if (rollover == nullptr) {
            return;
        }
        ++offers;
        const auto confirm = rollovers[size_t(index)]->handle(*rollover);
        agents.send(index, protocol::encodeMessage(confirm, 1000 + offers, decoded.message().id));
    });
    agents.start();
    REQUIRE(waitUntil([&] { return agents.counts().up == Agents; }, std::chrono::seconds(120)));
    CHECK(offers == 0); // everyone already pins the default
    const quint64 connectsBefore = agents.counts().connects;

    // A new EC P-256 certificate, moved to the top: the new default for these agents.
    const auto made = rest.post(
        Certificates, QJsonObject{{QStringLiteral("alias"), QStringLiteral("fleet-ec")},
                                  {QStringLiteral("keySpec"), QStringLiteral("EC P-256")}});
    INFO(made.body.toStdString());
    REQUIRE(made.status == 201);
    const qint64 fleetEc = made.json()[QStringLiteral("id")].toInteger();
    const QString fleetEcSha = made.json()[QStringLiteral("sha256")].toString();
    QElapsedTimer clock;
    clock.start();
    REQUIRE(rest.post(Certificates + QStringLiteral("/%1/move").arg(fleetEc),
                      QJsonObject{{QStringLiteral("direction"), QStringLiteral("up")}})
                .status
            == 200);
    const auto counted = [&] {
        return certificateNamed(rest, QStringLiteral("fleet-ec"))[QStringLiteral("deviceCount")]
            .toInteger();
    };
    // Well inside one reconciliation cycle (300 s): the store change itself triggers it.
    REQUIRE(waitUntil([&] { return counted() == Agents - 1; }, std::chrono::seconds(60)));
    WARN(Agents - 1 << " agents rolled over and confirmed " << clock.elapsed()
                    << " ms after the new default; " << offers << " offers");
    CHECK(certificateNamed(rest, QStringLiteral("tckey"))[QStringLiteral("deviceCount")] == 1);
    CHECK(agents.counts().up == Agents); // nobody lost the channel or reconnected
    CHECK(agents.counts().connects == connectsBefore);

    int onNew = 0;
    for (int i = 0; i < Agents; ++i) {
        const auto& member = (*members)[size_t(i)];
        const auto device =
            rest.get(QStringLiteral("/api/v1/devices/%1").arg(member.deviceId)).json();
        const QJsonObject inUse = device[QStringLiteral("certificateInUse")].toObject();
        if (i == Refuser) {
            CHECK(inUse[QStringLiteral("id")].toInteger() == tckey);
            CHECK(rollovers[size_t(i)]->pinned() == member.deviceCommunication);
            continue;
        }
        onNew += inUse[QStringLiteral("id")].toInteger() == fleetEc
                         && inUse[QStringLiteral("fingerprint")] == fleetEcSha
                         && agent::pinFingerprint(rollovers[size_t(i)]->pinned())
                                == fleetEcSha.toLower().remove(QLatin1Char(':'))
                     ? 1
                     : 0;
    }
    CHECK(onNew == Agents - 1);

    // The refusal is reported: audited with the agent's reason, and in the server log.
    const auto denied =
        rest.get(QStringLiteral("/api/v1/audit?action=certificate.rollover&outcome=denied"));
    REQUIRE(denied.status == 200);
    const QJsonArray items = denied.json()[QStringLiteral("items")].toArray();
    REQUIRE(items.size() == 1);
    CHECK(items[0][QStringLiteral("object")]
          == QStringLiteral("device:%1").arg((*members)[Refuser].deviceId));
    CHECK(items[0][QStringLiteral("details")].toString().contains(
        QStringLiteral("could not be stored")));
    const auto accepted =
        rest.get(QStringLiteral("/api/v1/audit?action=certificate.rollover&outcome=ok&limit=500"));
    CHECK(accepted.json()[QStringLiteral("total")].toInteger() == Agents - 1);
    // tckey still serves the refusing device, so it cannot go without force.
    CHECK(rest.send("DELETE", Certificates + QStringLiteral("/%1").arg(tckey)).status == 409);
    agents.stop();
}
