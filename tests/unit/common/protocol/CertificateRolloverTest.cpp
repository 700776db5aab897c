// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/CertificateRollover.h"
#include "common/protocol/Decoder.h"
#include "tests/support/CatchQt.h"

using namespace steward;
using namespace steward::protocol;

namespace {

const QString Offered(64, QLatin1Char('a'));
const QString Old(64, QLatin1Char('b'));
const QString Pem =
    QStringLiteral("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");

CertificateRollover rollover()
{
    return CertificateRollover{7, Pem, Offered, QByteArray("\x01\x02\xff", 3)};
}

} // namespace

TEST_CASE("certificate.rollover and certificate.confirm round-trip through JSON",
          "[unit][protocol]")
{
    const auto parsed = certificateRolloverFromJson(toJson(rollover()));
    REQUIRE(parsed.ok());
    CHECK(*parsed == rollover());
    const CertificateConfirm accepted{Offered, Offered, true, QString()};
    const auto back = certificateConfirmFromJson(toJson(accepted));
    REQUIRE(back.ok());
    CHECK(*back == accepted);
    const CertificateConfirm refused{Offered, Old, false, QStringLiteral("unsupported")};
    CHECK(*certificateConfirmFromJson(toJson(refused)) == refused);
}

TEST_CASE("the rollover signing payload binds certificate, device and fingerprint",
          "[unit][protocol]")
{
    const QByteArray payload = rolloverSigningPayload(rollover());
    CHECK(payload.startsWith("{\"certificate\":"));
    auto other = rollover();
    other.device = 8;
    CHECK(rolloverSigningPayload(other) != payload);
    other = rollover();
    other.fingerprint = Old;
    CHECK(rolloverSigningPayload(other) != payload);
    other = rollover();
    other.signature = "different";
    CHECK(rolloverSigningPayload(other) == payload); // the signature is not signed
}

TEST_CASE("certificate.rollover refuses a bad device, certificate, fingerprint or signature",
          "[unit][protocol]")
{
    const QJsonObject body = toJson(rollover());
    const auto refusedAt = [&](const char* key, const QJsonValue& value) {
        QJsonObject changed = body;
        changed.insert(QLatin1String(key), value);
        const auto parsed = certificateRolloverFromJson(changed);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.") + QLatin1String(key)));
    };
    refusedAt("device", 0);
    refusedAt("device", QStringLiteral("7"));
    refusedAt("certificate", QString());
    refusedAt("certificate", QStringLiteral("not a certificate"));
    refusedAt("certificate", QString(Pem + QString(17 * 1024, QLatin1Char('A'))));
    refusedAt("fingerprint", QString(64, QLatin1Char('A')));
    refusedAt("fingerprint", QStringLiteral("ab:cd"));
    refusedAt("signature", QStringLiteral("not*base64!"));
    refusedAt("signature", QString(4000, QLatin1Char('A')));
    for (const char* key : {"device", "certificate", "fingerprint", "signature"}) {
        QJsonObject missing = body;
        missing.remove(QLatin1String(key));
        const auto parsed = certificateRolloverFromJson(missing);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == ErrorCode::MissingField);
    }
}

TEST_CASE("certificate.confirm refuses contradictions and unexplained refusals", "[unit][protocol]")
{
    const auto refused = [](const CertificateConfirm& confirm, const char* field) {
        const auto parsed = certificateConfirmFromJson(toJson(confirm));
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.") + QLatin1String(field)));
    };
    refused({Offered, Old, true, QString()}, "pinned");
    refused({Offered, Old, false, QString()}, "reason");
    refused({Offered, Old, false, QString(1001, QLatin1Char('x'))}, "reason");
    refused({QStringLiteral("x"), Old, false, QStringLiteral("no")}, "offered");
}

TEST_CASE("hostile certificate frames get an error reply and never a half-filled message",
          "[unit][protocol]")
{
    const QList<QByteArray> frames{
        R"({"type":"certificate.rollover","id":3,"body":{}})",
        R"({"type":"certificate.rollover","id":3,"body":{"device":1e300,"certificate":"x",)"
        R"("fingerprint":"","signature":""}})",
        R"({"type":"certificate.rollover","id":3,"body":{"device":1,"certificate":[],)"
        R"("fingerprint":{},"signature":null}})",
        R"({"type":"certificate.confirm","id":3,"body":{"offered":null,"accepted":"yes"}})",
        R"({"type":"certificate.confirm","id":3,"body":{"offered":"ab","pinned":"ab",)"
        R"("accepted":true}})",
    };
    for (const auto& frame : frames) {
        INFO(frame.toStdString());
        const auto decoded = decodeFrame(frame);
        REQUIRE_FALSE(decoded.ok());
        CHECK_FALSE(decoded.failure().closeSession);
        REQUIRE(decoded.failure().requestId.has_value());
        CHECK(*decoded.failure().requestId == 3);
    }
}
