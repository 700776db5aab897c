// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Web certificates: a corporate root distributed to devices with the signed trust update, so a
// certificate under it is assigned without force while in-process agents stay connected.
#include "agent/link/TrustUpdater.h"
#include "server/app/ServerApp.h"
#include "server/services/CaRollover.h"
#include "server/services/CertificateAuthorities.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/certs/WebCertificateSupport.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QDir>
#include <QJsonArray>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::RestReply;
using steward::test::waitUntil;

namespace {

const QString Base = QStringLiteral("/api/v1/web-certificates");

/** An enrolled in-process agent running the agent's TrustUpdater on its ServerLink. */
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
    /** Connects with what the state directory holds now (the roots it trusts included). */
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

QJsonObject ok(const RestReply& reply, int status)
{
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == status);
    return reply.json();
}

void checkError(const RestReply& reply, int status, const QString& code, const QString& text)
{
    INFO(reply.body.toStdString());
    CHECK(reply.status == status);
    CHECK(reply.errorCode() == code);
    CHECK(
        reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(text));
}

QString one(const QJsonObject& entry, const QString& tail)
{
    return Base + QStringLiteral("/%1").arg(entry[QStringLiteral("id")].toInteger()) + tail;
}

QString sha256Of(const QSslCertificate& certificate)
{
    auto parsed = crypto::Certificate::fromQSslCertificate(certificate);
    REQUIRE(parsed.ok());
    return parsed->fingerprintText(crypto::FingerprintAlgorithm::Sha256);
}

/** A ServerApp on a data dir that outlives it, so it can be started again. */
std::unique_ptr<server::ServerApp> startServer(const QString& dataDir)
{
    server::ServerSettings settings;
    settings.dataDir = dataDir;
    settings.listenAddress = QHostAddress::LocalHost;
    settings.port = 0;
    settings.onlineCheckInterval = std::chrono::milliseconds(0);
    auto app = std::make_unique<server::ServerApp>(settings);
    const auto started = app->start();
    INFO((started.ok() ? std::string() : started.error().message.toStdString()));
    REQUIRE(started.ok());
    return app;
}

} // namespace

TEST_CASE("a corporate root distributed to devices lets its web certificate be assigned without "
          "force while the agents stay connected",
          "[integration][webcerts][devices]")
{
    DeviceTestServer server;
    Agent first(server);
    Agent second(server);
    first.connect(server);
    second.connect(server);
    const auto corporate = test::makeCorporateChain(QStringLiteral("Corp Root"));
    auto key = corporate.leafKey.toPem();
    REQUIRE(key.ok());
    const auto imported = ok(
        server.admin().post(
            Base + QStringLiteral("/import"),
            QJsonObject{{QStringLiteral("alias"), QStringLiteral("corp")},
                        {QStringLiteral("certificate"), QString::fromLatin1(corporate.chainPem())},
                        {QStringLiteral("privateKey"), QString::fromLatin1(*key)}}),
        201);

    // Refused, naming both devices.
    const auto refused = server.admin().post(one(imported, QStringLiteral("/assign")), {});
    checkError(refused, 409, QStringLiteral("devices_do_not_trust"),
               QStringLiteral("2 enrolled device(s) do not trust \"CN=Corp Root\""));
    QStringList named;
    for (const auto& device :
         refused.json()[QStringLiteral("error")][QStringLiteral("devices")].toArray()) {
        named.append(device[QStringLiteral("name")].toString());
    }
    named.sort();
    QStringList names{first.state.name, second.state.name};
    names.sort();
    CHECK(named == names);

    // Refusals: an unknown id, a certificate under the Steward root.
    checkError(server.admin().post(Base + QStringLiteral("/999/distribute-root"), {}), 404,
               QStringLiteral("not_found"), QString());
    const auto initial = test::webEntry(server.admin(), QStringLiteral("initial"));
    checkError(server.admin().post(one(initial, QStringLiteral("/distribute-root")), {}), 409,
               QStringLiteral("conflict"), QStringLiteral("under the Steward root"));
    CHECK(server.audit(QStringLiteral("web-certificate.distribute-root"), QStringLiteral("denied"))
              .size()
          == 2);

    // Distributed: both agents get it with the signed trust update and confirm it.
    const auto distributed =
        ok(server.admin().post(one(imported, QStringLiteral("/distribute-root")), {}), 200);
    CHECK(distributed[QStringLiteral("added")] == true);
    CHECK(distributed[QStringLiteral("root")] == corporate.root.subject());
    const QSslCertificate corporateRoot = corporate.root.toQSslCertificate();
    REQUIRE(waitUntil(
        [&] {
            return first.trust->roots().contains(corporateRoot)
                   && second.trust->roots().contains(corporateRoot);
        },
        std::chrono::seconds(10)));
    REQUIRE(waitUntil(
        [&] {
            return server.admin()
                       .get(one(imported, QStringLiteral("/affected-devices")))
                       .json()[QStringLiteral("count")]
                   == 0;
        },
        std::chrono::seconds(10)));
    CHECK(
        server.audit(QStringLiteral("web-certificate.distribute-root"), QStringLiteral("ok")).size()
        == 1);
    CHECK(ok(server.admin().post(one(imported, QStringLiteral("/distribute-root")), {}),
             200)[QStringLiteral("added")]
          == false);
    // Kept in pki/: a restart loads it and distributes it again.
    const QString pki = QDir(server.dataDir()).filePath(QStringLiteral("pki"));
    auto reloaded = server::services::loadAuthorities(pki);
    REQUIRE(reloaded.ok());
    REQUIRE(reloaded->distributedRoots.size() == 1);
    CHECK(reloaded->distributedRoots.first() == corporate.root);
    CHECK(reloaded->trustedRoots().size() == 2);

    // Assigned without force; the agents stay up and reconnect verifying the corporate chain.
    ok(server.admin().post(one(imported, QStringLiteral("/assign")), {}), 200);
    const QSslCertificate seen = test::probeWebCertificate(server.port(), {corporateRoot});
    REQUIRE_FALSE(seen.isNull());
    CHECK(sha256Of(seen) == imported[QStringLiteral("sha256")].toString());
    CHECK(first.link->state() == agent::ServerLink::State::Up);
    CHECK(second.link->state() == agent::ServerLink::State::Up);
    for (Agent* agent : {&first, &second}) {
        agent->link->stop();
        REQUIRE(waitUntil(
            [&] { return server.device(agent->state.deviceId)[QStringLiteral("online")] == false; },
            std::chrono::seconds(10)));
        agent->connect(server);
        CHECK(agent->link->state() == agent::ServerLink::State::Up);
    }
    CHECK(server.audit(QStringLiteral("device.connect"), QStringLiteral("denied")).isEmpty());
}

TEST_CASE("a distributed root must be a self-signed CA certificate valid now",
          "[integration][webcerts]")
{
    DeviceTestServer server;
    const QString pki = QDir(server.dataDir()).filePath(QStringLiteral("pki"));
    const auto corporate = test::makeCorporateChain(QStringLiteral("Corp Root"));
    const auto leaf = server::services::addDistributedRoot(pki, corporate.leaf);
    REQUIRE_FALSE(leaf.ok());
    CHECK(leaf.error().code == ErrorCode::InvalidArgument);
    CHECK(leaf.error().message.contains(QStringLiteral("not a self-signed CA")));
    CHECK(server::services::loadAuthorities(pki)->distributedRoots.isEmpty());
    const auto steward = server.app().caRollover().distributeRoot(server.app().identity().rootCa());
    REQUIRE_FALSE(steward.ok());
    CHECK(steward.error().code == ErrorCode::Conflict);
}

TEST_CASE("a distributed root is still distributed after a restart", "[integration][webcerts]")
{
    QTemporaryDir dir;
    test::prepareServerDataDir(dir.path());
    const auto corporate = test::makeCorporateChain(QStringLiteral("Corp Root"));
    {
        auto app = startServer(dir.path());
        test::RestClient admin(app->port(), {app->identity().rootCa().toQSslCertificate()});
        REQUIRE(admin.login(QStringLiteral("alice"), QStringLiteral("correct horse")).status
                == 200);
        auto key = corporate.leafKey.toPem();
        REQUIRE(key.ok());
        const auto imported =
            ok(admin.post(Base + QStringLiteral("/import"),
                          QJsonObject{{QStringLiteral("alias"), QStringLiteral("corp")},
                                      {QStringLiteral("certificate"),
                                       QString::fromLatin1(corporate.chainPem())},
                                      {QStringLiteral("privateKey"), QString::fromLatin1(*key)}}),
               201);
        ok(admin.post(one(imported, QStringLiteral("/distribute-root")), {}), 200);
        CHECK(app->caRollover().authorities().trustedRoots().contains(corporate.root));
    }
    auto app = startServer(dir.path());
    const auto roots = app->caRollover().authorities().trustedRoots();
    CHECK(roots.size() == 2);
    CHECK(roots.contains(corporate.root));
    CHECK(roots.contains(app->identity().rootCa()));
}
