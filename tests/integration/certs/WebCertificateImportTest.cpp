// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Web certificates: a corporate chain imported and assigned only past the affected-devices
// check, and an assignment that survives a restart.
#include "common/crypto/Pkcs12.h"
#include "server/app/ServerApp.h"
#include "server/services/ServerIdentity.h"
#include "tests/integration/certs/WebCertificateSupport.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QJsonArray>

using namespace steward;
using steward::test::DeviceTestServer;
using steward::test::RestReply;
using steward::test::waitUntil;

namespace {

const QString Base = QStringLiteral("/api/v1/web-certificates");

void checkError(const RestReply& reply, int status, const QString& code, const QString& text)
{
    INFO(reply.body.toStdString());
    CHECK(reply.status == status);
    CHECK(reply.errorCode() == code);
    CHECK(
        reply.json()[QStringLiteral("error")][QStringLiteral("message")].toString().contains(text));
}

QJsonObject ok(const RestReply& reply, int status)
{
    INFO(reply.body.toStdString());
    REQUIRE(reply.status == status);
    return reply.json();
}

QString one(const QJsonObject& entry, const QString& tail = {})
{
    return Base + QStringLiteral("/%1").arg(entry[QStringLiteral("id")].toInteger()) + tail;
}

QJsonObject pemImport(const QString& alias, const QByteArray& chain, const QByteArray& key)
{
    return {{QStringLiteral("alias"), alias},
            {QStringLiteral("certificate"), QString::fromLatin1(chain)},
            {QStringLiteral("privateKey"), QString::fromLatin1(key)}};
}

QByteArray pemOf(const crypto::PrivateKey& key)
{
    auto pem = key.toPem();
    REQUIRE(pem.ok());
    return *pem;
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

TEST_CASE("a corporate chain is imported with its checks and assigned only past the "
          "affected-devices check",
          "[integration][webcerts]")
{
    DeviceTestServer server;
    const auto corporate = test::makeCorporateChain(QStringLiteral("Corp Root"));
    const QByteArray key = pemOf(corporate.leafKey);

    // Refusals name the problem; nothing is stored.
    checkError(server.admin().post(Base + QStringLiteral("/import"),
                                   pemImport(QStringLiteral("corp"),
                                             corporate.root.toPem() + corporate.leaf.toPem(), key)),
               400, QStringLiteral("invalid_certificate"), QStringLiteral("is a CA certificate"));
    checkError(server.admin().post(Base + QStringLiteral("/import"),
                                   pemImport(QStringLiteral("corp"), corporate.leaf.toPem(), key)),
               400, QStringLiteral("invalid_certificate"), QStringLiteral("append the root CA"));
    checkError(server.admin().post(Base + QStringLiteral("/import"),
                                   pemImport(QStringLiteral("corp"), corporate.chainPem(),
                                             pemOf(corporate.rootKey))),
               400, QStringLiteral("key_mismatch"), QStringLiteral("does not belong"));
    checkError(server.admin().post(Base + QStringLiteral("/import"),
                                   QJsonObject{{QStringLiteral("alias"), QStringLiteral("corp")}}),
               400, QStringLiteral("missing_field"), QStringLiteral("body.pkcs12"));
    CHECK(ok(server.admin().get(Base), 200)[QStringLiteral("total")] == 1);

    const auto imported =
        ok(server.admin().post(Base + QStringLiteral("/import"),
                               pemImport(QStringLiteral("corp"), corporate.chainPem(), key)),
           201);
    CHECK(imported[QStringLiteral("origin")] == QStringLiteral("imported"));
    CHECK(imported[QStringLiteral("root")] == corporate.root.subject());
    CHECK(imported[QStringLiteral("inUse")] == false);
    checkError(server.admin().post(one(imported, QStringLiteral("/renew")), {}), 409,
               QStringLiteral("conflict"), QStringLiteral("have that CA renew it"));

    // Two enrolled devices trust only the Steward root.
    std::vector<std::unique_ptr<QTemporaryDir>> dirs;
    QStringList names;
    for (int i = 0; i < 2; ++i) {
        dirs.push_back(std::make_unique<QTemporaryDir>());
        auto state = test::enrollAgent(server, dirs.back()->path(), server.createToken());
        REQUIRE(state.ok());
        names.append(state->name);
    }
    const auto affected =
        ok(server.admin().get(one(imported, QStringLiteral("/affected-devices"))), 200);
    CHECK(affected[QStringLiteral("count")] == 2);
    QStringList listed;
    for (const auto& device : affected[QStringLiteral("devices")].toArray()) {
        listed.append(device[QStringLiteral("name")].toString());
    }
    names.sort();
    CHECK(listed == names);

    const auto refused = server.admin().post(one(imported, QStringLiteral("/assign")), {});
    checkError(refused, 409, QStringLiteral("devices_do_not_trust"),
               QStringLiteral("2 enrolled device(s) do not trust \"CN=Corp Root\""));
    CHECK(refused.json()[QStringLiteral("error")][QStringLiteral("count")] == 2);
    CHECK(refused.json()[QStringLiteral("error")][QStringLiteral("devices")].toArray().size() == 2);
    CHECK(test::webEntry(server.admin(), QStringLiteral("initial"))[QStringLiteral("inUse")]
          == true);
    CHECK(server.audit(QStringLiteral("web-certificate.assign"), QStringLiteral("denied")).size()
          == 1);

    ok(server.admin().post(one(imported, QStringLiteral("/assign")),
                           QJsonObject{{QStringLiteral("force"), true}}),
       200);
    // A fresh client trusting the corporate root now verifies the server; one trusting only
    // the Steward root no longer does.
    const QSslCertificate seen =
        test::probeWebCertificate(server.port(), {corporate.root.toQSslCertificate()});
    REQUIRE_FALSE(seen.isNull());
    CHECK(sha256Of(seen) == imported[QStringLiteral("sha256")].toString());
    CHECK(test::probeWebCertificate(server.port(),
                                    {server.app().identity().rootCa().toQSslCertificate()})
              .isNull());

    // PKCS#12: the password opens it, a wrong one is refused.
    const auto second = test::makeCorporateChain(QStringLiteral("Corp Root 2"));
    auto bundle = crypto::exportPkcs12(second.leaf, second.leafKey, {second.root},
                                       QStringLiteral("bundle secret"));
    REQUIRE(bundle.ok());
    QJsonObject pkcs12{{QStringLiteral("alias"), QStringLiteral("corp2")},
                       {QStringLiteral("pkcs12"), QString::fromLatin1(bundle->toBase64())},
                       {QStringLiteral("password"), QStringLiteral("wrong")}};
    checkError(server.admin().post(Base + QStringLiteral("/import"), pkcs12), 400,
               QStringLiteral("bad_password"), QString());
    pkcs12.insert(QStringLiteral("password"), QStringLiteral("bundle secret"));
    CHECK(ok(server.admin().post(Base + QStringLiteral("/import"), pkcs12),
             201)[QStringLiteral("root")]
          == second.root.subject());
}

TEST_CASE("the assigned web certificate is presented again after a restart",
          "[integration][webcerts]")
{
    QTemporaryDir dir;
    test::prepareServerDataDir(dir.path());
    QString assignedSha;
    {
        auto app = startServer(dir.path());
        test::RestClient admin(app->port(), {app->identity().rootCa().toQSslCertificate()});
        REQUIRE(admin.login(QStringLiteral("alice"), QStringLiteral("correct horse")).status
                == 200);
        const auto made =
            ok(admin.post(Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("kept")},
                                            {QStringLiteral("hostNames"),
                                             QJsonArray{QStringLiteral("localhost")}}}),
               201);
        ok(admin.post(one(made, QStringLiteral("/assign")), {}), 200);
        assignedSha = made[QStringLiteral("sha256")].toString();
    }
    auto app = startServer(dir.path());
    CHECK(app->identity().webCertificate().fingerprintText(crypto::FingerprintAlgorithm::Sha256)
          == assignedSha);
    const QSslCertificate seen =
        test::probeWebCertificate(app->port(), {app->identity().rootCa().toQSslCertificate()});
    REQUIRE_FALSE(seen.isNull());
    CHECK(sha256Of(seen) == assignedSha);
    test::RestClient admin(app->port(), {app->identity().rootCa().toQSslCertificate()});
    REQUIRE(admin.login(QStringLiteral("alice"), QStringLiteral("correct horse")).status == 200);
    CHECK(test::webEntry(admin, QStringLiteral("kept"))[QStringLiteral("inUse")] == true);
    CHECK(test::webEntry(admin, QStringLiteral("initial"))[QStringLiteral("inUse")] == false);
}
