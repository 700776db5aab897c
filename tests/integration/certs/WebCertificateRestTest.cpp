// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Web certificates on a real ServerApp over TLS: create, assign live, renew, delete, the
// expiry warning, and enrolled agents across the switch.
#include "server/services/ServerIdentity.h"
#include "server/services/StatusService.h"
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

QSslCertificate stewardRoot(DeviceTestServer& server)
{
    return server.app().identity().rootCa().toQSslCertificate();
}

QString sha256Of(const QSslCertificate& certificate)
{
    auto parsed = crypto::Certificate::fromQSslCertificate(certificate);
    REQUIRE(parsed.ok());
    return parsed->fingerprintText(crypto::FingerprintAlgorithm::Sha256);
}

QJsonObject statusCheck(DeviceTestServer& server, const QString& name)
{
    server.app().status().recompute();
    for (const auto& check :
         server.admin().get(QStringLiteral("/status")).json()[QStringLiteral("checks")].toArray()) {
        if (check[QStringLiteral("name")] == name) {
            return check.toObject();
        }
    }
    return {};
}

} // namespace

TEST_CASE("the first-start web certificate is listed in use and host names are offered",
          "[integration][webcerts]")
{
    DeviceTestServer server;
    const auto items = ok(server.admin().get(Base), 200)[QStringLiteral("items")].toArray();
    REQUIRE(items.size() == 1);
    const auto initial = items.first().toObject();
    const auto& web = server.app().identity().webCertificate();
    CHECK(initial[QStringLiteral("alias")] == QStringLiteral("initial"));
    CHECK(initial[QStringLiteral("inUse")] == true);
    CHECK(initial[QStringLiteral("origin")] == QStringLiteral("steward"));
    CHECK(initial[QStringLiteral("keySpec")] == QStringLiteral("EC P-256"));
    CHECK(initial[QStringLiteral("signatureAlgorithm")] == QStringLiteral("SHA256withECDSA"));
    CHECK(initial[QStringLiteral("sha256")] == server.webFingerprint());
    CHECK(initial[QStringLiteral("issuer")] == server.app().identity().rootCa().subject());
    CHECK(initial[QStringLiteral("notAfter")] == web.notAfter().toString(Qt::ISODate));
    CHECK(initial[QStringLiteral("subjectAlternativeNames")].toArray().contains(
        QStringLiteral("localhost")));

    const auto shown = ok(server.admin().get(one(initial)), 200);
    CHECK(shown[QStringLiteral("serialNumber")] == web.serialNumber());
    CHECK(shown[QStringLiteral("chain")] == QJsonArray{server.app().identity().rootCa().subject()});
    CHECK(shown[QStringLiteral("pem")].toString().toLatin1()
          == web.toPem() + server.app().identity().rootCa().toPem());
    checkError(server.admin().get(Base + QStringLiteral("/999")), 404, QStringLiteral("not_found"),
               QStringLiteral("no web certificate 999"));
    checkError(server.admin().post(Base + QStringLiteral("/999/assign"), {}), 404,
               QStringLiteral("not_found"), QStringLiteral("no web certificate 999"));
    checkError(server.admin().post(one(initial, QStringLiteral("/renew")),
                                   QJsonObject{{QStringLiteral("validityDays"), 0}}),
               400, QStringLiteral("invalid_value"), QStringLiteral("validityDays"));

    const auto names = ok(server.admin().get(Base + QStringLiteral("/host-names")), 200);
    const auto offered = names[QStringLiteral("names")].toArray();
    CHECK(offered.contains(QStringLiteral("localhost")));
    CHECK(offered.contains(QStringLiteral("127.0.0.1")));
    CHECK(offered.contains(QStringLiteral("::1")));
    for (const auto& excluded : names[QStringLiteral("excluded")].toArray()) {
        CHECK_FALSE(excluded[QStringLiteral("reason")].toString().isEmpty());
    }
    const auto [reader, readerId] = server.addAdmin(QStringLiteral("reader"));
    checkError(reader->get(Base), 403, QStringLiteral("forbidden"), QString());
    checkError(reader->post(Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("x")},
                                              {QStringLiteral("hostNames"),
                                               QJsonArray{QStringLiteral("localhost")}}}),
               403, QStringLiteral("forbidden"), QString());
    (void)readerId;
}

TEST_CASE("creating a web certificate takes only FQDNs and IP addresses", "[integration][webcerts]")
{
    DeviceTestServer server;
    checkError(
        server.admin().post(Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("bad")},
                                              {QStringLiteral("hostNames"),
                                               QJsonArray{QStringLiteral("web.example.com"),
                                                          QStringLiteral("intranet")}}}),
        400, QStringLiteral("invalid_value"), QStringLiteral("\"intranet\" is not fully"));
    checkError(
        server.admin().post(Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("bad")},
                                              {QStringLiteral("hostNames"),
                                               QJsonArray{QStringLiteral("300.1.2.3")}}}),
        400, QStringLiteral("invalid_value"), QStringLiteral("\"300.1.2.3\""));
    checkError(
        server.admin().post(Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("bad")},
                                              {QStringLiteral("hostNames"), QJsonArray{}}}),
        400, QStringLiteral("invalid_value"), QStringLiteral("at least one"));
    checkError(server.admin().post(
                   Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("bad")},
                                     {QStringLiteral("hostNames"),
                                      QJsonArray{QStringLiteral("web.example.com")}},
                                     {QStringLiteral("keySpec"), QStringLiteral("DSA 1024")}}),
               400, QStringLiteral("unsupported_algorithm"), QStringLiteral("DSA 1024"));
    const auto made =
        ok(server.admin().post(Base,
                               QJsonObject{{QStringLiteral("alias"), QStringLiteral("rsa")},
                                           {QStringLiteral("hostNames"),
                                            QJsonArray{QStringLiteral("web.example.com"),
                                                       QStringLiteral("192.0.2.10")}},
                                           {QStringLiteral("keySpec"), QStringLiteral("RSA 2048")},
                                           {QStringLiteral("validityDays"), 90}}),
           201);
    CHECK(made[QStringLiteral("inUse")] == false);
    CHECK(made[QStringLiteral("keySpec")] == QStringLiteral("RSA 2048"));
    CHECK(made[QStringLiteral("subjectAlternativeNames")]
          == QJsonArray{QStringLiteral("web.example.com"), QStringLiteral("192.0.2.10")});
    CHECK(made[QStringLiteral("chain")] == QJsonArray{server.app().identity().rootCa().subject()});
    checkError(
        server.admin().post(Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("RSA")},
                                              {QStringLiteral("hostNames"),
                                               QJsonArray{QStringLiteral("web.example.com")}}}),
        409, QStringLiteral("already_exists"), QStringLiteral("alias"));
    CHECK(server.audit(QStringLiteral("web-certificate.create"), QStringLiteral("ok")).size() == 1);
    CHECK_FALSE(
        server.audit(QStringLiteral("web-certificate.create"), QStringLiteral("denied")).isEmpty());
}

TEST_CASE("an assigned web certificate is presented to new connections at once while agents "
          "stay connected",
          "[integration][webcerts]")
{
    DeviceTestServer server;
    const QString initialSha = server.webFingerprint();
    QTemporaryDir agentDir;
    auto state = test::enrollAgent(server, agentDir.path(), server.createToken());
    REQUIRE(state.ok());
    auto link = test::linkFor(*state);
    int downs = 0;
    QObject::connect(link.get(), &agent::ServerLink::down, [&] { ++downs; });
    link->start();
    REQUIRE(waitUntil([&] { return server.app().isDeviceOnline(state->deviceId); }));

    const auto made =
        ok(server.admin().post(Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("next")},
                                                 {QStringLiteral("hostNames"),
                                                  QJsonArray{QStringLiteral("localhost"),
                                                             QStringLiteral("127.0.0.1")}}}),
           201);
    const auto affected =
        ok(server.admin().get(one(made, QStringLiteral("/affected-devices"))), 200);
    CHECK(affected[QStringLiteral("count")] == 0);
    checkError(
        server.admin().send("DELETE", one(webEntry(server.admin(), QStringLiteral("initial")))),
        409, QStringLiteral("conflict"), QStringLiteral("in use"));

    const auto assigned = ok(server.admin().post(one(made, QStringLiteral("/assign")), {}), 200);
    CHECK(assigned[QStringLiteral("inUse")] == true);
    CHECK(webEntry(server.admin(), QStringLiteral("initial"))[QStringLiteral("inUse")] == false);
    // A fresh client trusting the Steward root gets the new certificate; the server never
    // stopped, and the agent's channel is still the one it had.
    const QSslCertificate seen = test::probeWebCertificate(server.port(), {stewardRoot(server)});
    REQUIRE_FALSE(seen.isNull());
    CHECK(sha256Of(seen) == made[QStringLiteral("sha256")].toString());
    CHECK(server.webFingerprint() == made[QStringLiteral("sha256")].toString());
    CHECK(server.webFingerprint() != initialSha);
    CHECK(server.app().isDeviceOnline(state->deviceId));
    CHECK(downs == 0);

    // Renewed in place: same names, a new key, presented at once, still in use.
    const auto renewed = ok(server.admin().post(one(made, QStringLiteral("/renew")),
                                                QJsonObject{{QStringLiteral("validityDays"), 30}}),
                            200);
    CHECK(renewed[QStringLiteral("id")] == made[QStringLiteral("id")]);
    CHECK(renewed[QStringLiteral("inUse")] == true);
    CHECK(renewed[QStringLiteral("subjectAlternativeNames")]
          == made[QStringLiteral("subjectAlternativeNames")]);
    CHECK(renewed[QStringLiteral("sha256")] != made[QStringLiteral("sha256")]);
    const QSslCertificate afterRenewal =
        test::probeWebCertificate(server.port(), {stewardRoot(server)});
    REQUIRE_FALSE(afterRenewal.isNull());
    CHECK(sha256Of(afterRenewal) == renewed[QStringLiteral("sha256")].toString());

    // An agent that reconnects verifies the new certificate against the root it already has.
    link->stop();
    REQUIRE(waitUntil([&] { return !server.app().isDeviceOnline(state->deviceId); }));
    auto again = test::linkFor(*state);
    again->start();
    REQUIRE(waitUntil([&] { return server.app().isDeviceOnline(state->deviceId); }));

    // The old one may go now; the one in use may not.
    CHECK(server.admin()
              .send("DELETE", one(webEntry(server.admin(), QStringLiteral("initial"))))
              .status
          == 204);
    checkError(server.admin().send("DELETE", one(made)), 409, QStringLiteral("conflict"),
               QStringLiteral("\"next\" is the web certificate in use"));
    CHECK(server.audit(QStringLiteral("web-certificate.assign"), QStringLiteral("ok")).size() == 1);
    CHECK(server.audit(QStringLiteral("web-certificate.renew"), QStringLiteral("ok")).size() == 1);
    CHECK(server.audit(QStringLiteral("web-certificate.delete"), QStringLiteral("ok")).size() == 1);
}

TEST_CASE("status warns naming the web certificate in use before it expires",
          "[integration][webcerts]")
{
    DeviceTestServer server;
    const QString check = QStringLiteral("web certificate expiry");
    CHECK(statusCheck(server, check)[QStringLiteral("status")] == QStringLiteral("ok"));
    const auto made =
        ok(server.admin().post(Base, QJsonObject{{QStringLiteral("alias"), QStringLiteral("brief")},
                                                 {QStringLiteral("hostNames"),
                                                  QJsonArray{QStringLiteral("localhost")}},
                                                 {QStringLiteral("validityDays"), 10}}),
           201);
    // Not in use yet: no warning.
    CHECK(statusCheck(server, check)[QStringLiteral("status")] == QStringLiteral("ok"));
    ok(server.admin().post(one(made, QStringLiteral("/assign")), {}), 200);
    const auto warned = statusCheck(server, check);
    CHECK(warned[QStringLiteral("status")] == QStringLiteral("warn"));
    CHECK(warned[QStringLiteral("message")].toString().contains(
        QStringLiteral("\"brief\" expires on")));
}
