// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Expiry warnings for active device-communication certificates and the CAs in use: the rules
// and /status.
#include "server/services/CertificateExpiry.h"
#include "common/crypto/CertificateIssuer.h"
#include "server/services/CaRollover.h"
#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"

#include <QJsonArray>

using namespace steward;
using namespace steward::server;

namespace {

services::StoredCertificate entry(qint64 id, const QString& alias, const QDateTime& notAfter,
                                  bool active = true)
{
    auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(key.ok());
    crypto::CertificateOptions options;
    options.commonName = alias;
    options.notBefore = notAfter.addDays(-400);
    options.notAfter = notAfter;
    auto certificate = crypto::createSelfSignedCertificate(*key, options);
    REQUIRE(certificate.ok());
    services::StoredCertificate stored;
    stored.row.id = id;
    stored.row.alias = alias;
    stored.row.active = active;
    stored.certificate = *certificate;
    return stored;
}

} // namespace

TEST_CASE("active certificates expiring within the warning days are listed with days left",
          "[unit][certs]")
{
    const QDateTime now(QDate(2027, 1, 1), QTime(12, 0), Qt::UTC);
    const std::vector<services::StoredCertificate> entries{
        entry(1, QStringLiteral("soon"), now.addDays(10)),
        entry(2, QStringLiteral("later"), now.addDays(31)),
        entry(3, QStringLiteral("inactive"), now.addDays(3), false),
        entry(4, QStringLiteral("expired"), now.addDays(-2))};
    const auto expiring = services::expiringCertificates(entries, now, 30);
    REQUIRE(expiring.size() == 2);
    CHECK(expiring[0].alias == QStringLiteral("soon"));
    CHECK(expiring[0].daysLeft == 10);
    CHECK(expiring[1].alias == QStringLiteral("expired"));
    CHECK(expiring[1].daysLeft == -2);
    CHECK(services::expiringCertificates(entries, now, 0).size() == 1);
}

TEST_CASE("status warns naming an active certificate that expires soon", "[integration][certs]")
{
    test::DeviceTestServer server;
    const auto statusOf = [&] {
        server.app().status().recompute();
        for (const auto& check : server.admin()
                                     .get(QStringLiteral("/status"))
                                     .json()[QStringLiteral("checks")]
                                     .toArray()) {
            if (check[QStringLiteral("name")]
                == QStringLiteral("device-communication certificates")) {
                return check.toObject();
            }
        }
        return QJsonObject();
    };
    CHECK(statusOf()[QStringLiteral("status")] == QStringLiteral("ok"));
    const auto made =
        server.admin().post(QStringLiteral("/api/v1/certificates"),
                            QJsonObject{{QStringLiteral("alias"), QStringLiteral("short-lived")},
                                        {QStringLiteral("keySpec"), QStringLiteral("EC P-256")},
                                        {QStringLiteral("validityDays"), 10}});
    REQUIRE(made.status == 201);
    const QJsonObject check = statusOf();
    CHECK(check[QStringLiteral("status")] == QStringLiteral("warn"));
    CHECK(check[QStringLiteral("message")].toString().contains(
        QStringLiteral("\"short-lived\" expires on")));
    // Deactivated, it is no longer in use for new devices: no warning.
    REQUIRE(server.admin()
                .patch(QStringLiteral("/api/v1/certificates/%1")
                           .arg(made.json()[QStringLiteral("id")].toInteger()),
                       QJsonObject{{QStringLiteral("active"), false}})
                .status
            == 200);
    CHECK(statusOf()[QStringLiteral("status")] == QStringLiteral("ok"));
}

namespace {

crypto::Certificate caExpiring(const QString& name, const QDateTime& notAfter)
{
    auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(key.ok());
    crypto::CertificateOptions options;
    options.commonName = name;
    options.notBefore = notAfter.addDays(-400);
    options.notAfter = notAfter;
    auto certificate = crypto::createCaCertificate(*key, options);
    REQUIRE(certificate.ok());
    return *certificate;
}

QJsonObject checkNamed(test::DeviceTestServer& server, const QString& name)
{
    server.app().status().recompute();
    for (const auto& check :
         server.admin().get(QStringLiteral("/status")).json()[QStringLiteral("checks")].toArray()) {
        if (check[QStringLiteral("name")] == name) {
            return check.toObject();
        }
    }
    FAIL("no status check " << name.toStdString());
    return {};
}

} // namespace

TEST_CASE("the root CA and the device CA in use are listed when they expire within the warning "
          "days, but not a renewed or an old root",
          "[unit][certs]")
{
    const QDateTime now(QDate(2027, 1, 1), QTime(12, 0), Qt::UTC);
    services::AuthoritySet set;
    set.root = caExpiring(QStringLiteral("Root Soon"), now.addDays(10));
    set.deviceCa = caExpiring(QStringLiteral("Device Later"), now.addDays(31));
    set.nextRoot = caExpiring(QStringLiteral("Next Soon"), now.addDays(2));
    set.oldRoot = caExpiring(QStringLiteral("Old Expired"), now.addDays(-2));
    auto expiring = services::expiringAuthorities(set, now, 30);
    REQUIRE(expiring.size() == 1);
    CHECK(expiring[0].role == QStringLiteral("root CA"));
    CHECK(expiring[0].subject == QStringLiteral("CN=Root Soon"));
    CHECK(expiring[0].daysLeft == 10);
    CHECK(services::expiringAuthorities(set, now, 5).empty());

    set.deviceCa = caExpiring(QStringLiteral("Device Gone"), now.addDays(-3));
    expiring = services::expiringAuthorities(set, now, 30);
    REQUIRE(expiring.size() == 2);
    CHECK(expiring[1].role == QStringLiteral("device CA"));
    CHECK(expiring[1].daysLeft == -3);

    const auto check =
        services::authorityExpiryCheck([&]() -> const services::AuthoritySet& { return set; }, 30,
                                       [&] { return now.toSecsSinceEpoch(); });
    const auto result = check();
    CHECK(result.health == services::Health::Warn);
    CHECK(result.message.contains(QStringLiteral("the root CA \"CN=Root Soon\" expires on "
                                                 "2027-01-11T12:00:00Z (in 10 days)")));
    CHECK(result.message.contains(QStringLiteral("the device CA \"CN=Device Gone\" expired on")));
}

TEST_CASE("status warns naming the root CA and the device CA in use when they expire within "
          "the warning days",
          "[integration][certs]")
{
    const QString name = QStringLiteral("certificate authority expiry");
    {
        test::DeviceTestServer server;
        const auto check = checkNamed(server, name);
        CHECK(check[QStringLiteral("status")] == QStringLiteral("ok"));
    }
    // The CAs made at first start are valid for 20 years: a warning window beyond that.
    test::DeviceTestServer server(
        [](server::ServerSettings& settings) { settings.certificateWarningDays = 365 * 21; });
    const auto& set = server.app().caRollover().authorities();
    auto check = checkNamed(server, name);
    CHECK(check[QStringLiteral("status")] == QStringLiteral("warn"));
    const QString message = check[QStringLiteral("message")].toString();
    INFO(message.toStdString());
    CHECK(
        message.contains(QStringLiteral("the root CA \"%1\" expires on").arg(set.root.subject())));
    CHECK(message.contains(
        QStringLiteral("the device CA \"%1\" expires on").arg(set.deviceCa.subject())));

    // A renewed device CA is the one in use, and the one named.
    REQUIRE(server.admin()
                .post(QStringLiteral("/api/v1/certificate-authorities/device-ca/renew"), {})
                .status
            == 200);
    const crypto::Certificate renewed = server.app().caRollover().authorities().deviceCa;
    check = checkNamed(server, name);
    CHECK(check[QStringLiteral("status")] == QStringLiteral("warn"));
    CHECK(check[QStringLiteral("message")].toString().contains(
        QStringLiteral("the device CA \"%1\" expires on %2")
            .arg(renewed.subject(), renewed.notAfter().toString(Qt::ISODate))));
}
