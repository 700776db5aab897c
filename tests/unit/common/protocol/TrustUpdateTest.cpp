// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/TrustUpdate.h"
#include "common/protocol/Decoder.h"
#include "tests/support/CatchQt.h"

#include <QJsonArray>

#include <functional>
#include <vector>

using namespace steward;
using namespace steward::protocol;

namespace {

const QString Fingerprint(64, QLatin1Char('a'));
const QString Pem =
    QStringLiteral("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
const QString Csr = QStringLiteral(
    "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n");

TrustUpdate update()
{
    return TrustUpdate{7, 1'780'000'000'000, {Pem, Pem}, true, QByteArray("\x01\x02", 2)};
}

} // namespace

TEST_CASE("trust.update, trust.confirm, client.certificate and client.confirm round-trip",
          "[unit][protocol]")
{
    CHECK(*trustUpdateFromJson(toJson(update())) == update());
    const TrustConfirm confirm{1'780'000'000'000, {Fingerprint}, true, {}, Csr};
    CHECK(*trustConfirmFromJson(toJson(confirm)) == confirm);
    const TrustConfirm refused{5, {Fingerprint}, false, QStringLiteral("stale"), {}};
    CHECK(*trustConfirmFromJson(toJson(refused)) == refused);
    const ClientCertificate client{7, 9, Pem, QByteArray("sig")};
    CHECK(*clientCertificateFromJson(toJson(client)) == client);
    const ClientConfirm stored{Fingerprint, true, {}};
    CHECK(*clientConfirmFromJson(toJson(stored)) == stored);
}

TEST_CASE("the trust signing payload binds device, time, roots and the renewal request",
          "[unit][protocol]")
{
    const QByteArray payload = trustSigningPayload(update());
    for (const auto& change : std::vector<std::function<void(TrustUpdate&)>>{
             [](TrustUpdate& u) { u.device = 8; }, [](TrustUpdate& u) { u.issuedAt += 1; },
             [](TrustUpdate& u) { u.roots.removeLast(); },
             [](TrustUpdate& u) { u.renewClient = false; }}) {
        TrustUpdate other = update();
        change(other);
        CHECK(trustSigningPayload(other) != payload);
    }
    TrustUpdate resigned = update();
    resigned.signature = "other";
    CHECK(trustSigningPayload(resigned) == payload);
    ClientCertificate client{7, 9, Pem, {}};
    const QByteArray clientPayload = clientSigningPayload(client);
    client.issuedAt = 10;
    CHECK(clientSigningPayload(client) != clientPayload);
}

TEST_CASE("trust messages refuse bad fields, each naming the field", "[unit][protocol]")
{
    const auto refusedAt = [](const Result<TrustUpdate>& parsed, const char* field) {
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.") + QLatin1String(field)));
    };
    const QJsonObject body = toJson(update());
    const auto with = [&](const char* key, const QJsonValue& value) {
        QJsonObject changed = body;
        changed.insert(QLatin1String(key), value);
        return trustUpdateFromJson(changed);
    };
    refusedAt(with("device", 0), "device");
    refusedAt(with("issuedAt", -1), "issuedAt");
    refusedAt(with("roots", QJsonArray{}), "roots");
    refusedAt(with("roots", QJsonArray{Pem, Pem, Pem, Pem, Pem}), "roots");
    refusedAt(with("roots", QJsonArray{QString(Pem + Pem)}), "roots");
    refusedAt(with("roots", QJsonArray{QStringLiteral("not a certificate")}), "roots");
    refusedAt(with("signature", QStringLiteral("not*base64")), "signature");
    QJsonObject unsigned_ = body;
    unsigned_.remove(QStringLiteral("signature"));
    CHECK(trustUpdateFromJson(unsigned_).error().code == ErrorCode::MissingField);

    const auto confirmRefused = [](const TrustConfirm& confirm, const char* field) {
        const auto parsed = trustConfirmFromJson(toJson(confirm));
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message.contains(QStringLiteral("body.") + QLatin1String(field)));
    };
    confirmRefused({1, {QStringLiteral("AB:CD")}, true, {}, {}}, "roots");
    confirmRefused({1, {Fingerprint}, false, {}, {}}, "reason");
    confirmRefused({1, {Fingerprint}, true, {}, QStringLiteral("not a request")}, "csr");
    const auto clientRefused = clientConfirmFromJson(toJson(ClientConfirm{{}, true, {}}));
    REQUIRE_FALSE(clientRefused.ok());
    CHECK(clientRefused.error().message.contains(QStringLiteral("body.fingerprint")));
    QJsonObject badClient = toJson(ClientCertificate{7, 9, Pem, QByteArray("sig")});
    badClient.insert(QStringLiteral("certificate"), QStringLiteral("x"));
    CHECK_FALSE(clientCertificateFromJson(badClient).ok());
}

TEST_CASE("hostile trust frames get an error and never a half-filled message", "[unit][protocol]")
{
    const QList<QByteArray> frames{
        R"({"type":"trust.update","id":3,"body":{}})",
        R"({"type":"trust.update","id":3,"body":{"device":1,"issuedAt":1,"roots":"x",)"
        R"("signature":"c2ln"}})",
        R"({"type":"trust.confirm","id":3,"body":{"issuedAt":1,"roots":[1],"accepted":true}})",
        R"({"type":"client.certificate","id":3,"body":{"device":1e300}})",
        R"({"type":"client.confirm","id":3,"body":{"accepted":"yes"}})",
    };
    for (const auto& frame : frames) {
        INFO(frame.toStdString());
        const auto decoded = decodeFrame(frame);
        CHECK_FALSE(decoded.ok());
    }
}
