// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Expiry warnings for active device-communication certificates: the rule and /status.
#include "server/services/CertificateExpiry.h"
#include "common/crypto/CertificateIssuer.h"
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
