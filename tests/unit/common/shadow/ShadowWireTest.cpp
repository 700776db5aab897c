// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/shadow/ShadowWire.h"
#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/PrivateKey.h"
#include "common/shadow/ShadowPolicy.h"
#include "common/shadow/ShadowTicket.h"
#include "tests/support/CatchQt.h"

#include <QJsonDocument>

using namespace steward;
using namespace steward::shadow;

namespace {

struct Signer {
    crypto::PrivateKey key;
    crypto::Certificate certificate;
};

Signer makeSigner()
{
    // EC keeps the test fast; RSA-4096 (the server's default) is covered end to end.
    auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    REQUIRE(key.ok());
    crypto::CertificateOptions options;
    options.commonName = QStringLiteral("tc");
    auto certificate = crypto::createSelfSignedCertificate(*key, options);
    REQUIRE(certificate.ok());
    return {*key, *certificate};
}

TicketPayload samplePayload()
{
    TicketPayload payload;
    payload.session = QStringLiteral("0b6d2f1e-8c1a-4d7e-9a53-2f4c8e1b7d90");
    payload.device = 7;
    payload.admin = QStringLiteral("alice");
    payload.path = QStringLiteral("direct");
    payload.expires = 1795430460;
    payload.nonce = QByteArray(16, '\x5a');
    return payload;
}

QByteArray withPayload(const QByteArray& json, const QByteArray& signature = "c2ln")
{
    return toBase64Url(json) + '.' + signature;
}

} // namespace

TEST_CASE("a signed ticket parses back and verifies with the signer's certificate",
          "[unit][shadow]")
{
    const Signer signer = makeSigner();
    const auto ticket = signTicket(samplePayload(), signer.key);
    REQUIRE(ticket.ok());
    CHECK(ticket->count('.') == 1);
    const auto parsed = parseTicket(*ticket);
    REQUIRE(parsed.ok());
    CHECK(parsed->payload == samplePayload());
    CHECK(verifyTicketSignature(*parsed, signer.certificate).ok());
}

TEST_CASE("a ticket signed by another key or with a changed payload does not verify",
          "[unit][shadow]")
{
    const Signer signer = makeSigner();
    const Signer other = makeSigner();
    const auto ticket = signTicket(samplePayload(), other.key);
    REQUIRE(ticket.ok());
    const auto parsed = parseTicket(*ticket);
    REQUIRE(parsed.ok());
    CHECK(verifyTicketSignature(*parsed, signer.certificate).error().code
          == ErrorCode::SignatureInvalid);

    // The same signature over a payload naming another device.
    auto good = signTicket(samplePayload(), signer.key);
    REQUIRE(good.ok());
    TicketPayload changed = samplePayload();
    changed.device = 8;
    const QByteArray forged = toBase64Url(payloadJson(changed)) + good->mid(good->indexOf('.'));
    const auto forgedParsed = parseTicket(forged);
    REQUIRE(forgedParsed.ok());
    CHECK_FALSE(verifyTicketSignature(*forgedParsed, signer.certificate).ok());
}

TEST_CASE("malformed tickets are refused with a reason", "[unit][shadow]")
{
    auto json = [](const QJsonObject& object) {
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    };
    QJsonObject valid = QJsonDocument::fromJson(payloadJson(samplePayload())).object();
    CHECK(parseTicket(withPayload(json(valid))).ok());

    CHECK(parseTicket("no-dot").error().code == ErrorCode::MalformedMessage);
    CHECK_FALSE(parseTicket("a.b.c").ok());
    CHECK_FALSE(parseTicket("!!!.c2ln").ok());
    CHECK_FALSE(parseTicket(QByteArray(MaxTicketBytes + 1, 'a')).ok());
    for (const char* key : {"v", "session", "device", "admin", "path", "expires", "nonce"}) {
        QJsonObject missing = valid;
        missing.remove(QLatin1String(key));
        INFO(key);
        CHECK_FALSE(parseTicket(withPayload(json(missing))).ok());
    }
    QJsonObject bad = valid;
    bad[QStringLiteral("v")] = 2;
    CHECK(parseTicket(withPayload(json(bad))).error().message.contains(QStringLiteral("version")));
    bad = valid;
    bad[QStringLiteral("session")] = QStringLiteral("not-a-uuid");
    CHECK_FALSE(parseTicket(withPayload(json(bad))).ok());
    bad = valid;
    bad[QStringLiteral("path")] = QStringLiteral("sideways");
    CHECK_FALSE(parseTicket(withPayload(json(bad))).ok());
    bad = valid;
    bad[QStringLiteral("nonce")] = QString::fromLatin1(toBase64Url(QByteArray(15, 'x')));
    CHECK_FALSE(parseTicket(withPayload(json(bad))).ok());
    CHECK_FALSE(parseTicket(withPayload("{\"v\":1,\"v\":1}")).ok());
}

TEST_CASE("the preamble is STWD, version 1, a big-endian length and the ticket", "[unit][shadow]")
{
    const QByteArray ticket(612, 't');
    const QByteArray preamble = encodePreamble(ticket);
    CHECK(preamble.left(7) == QByteArray::fromHex("53545744010264"));
    CHECK(preamble.mid(7) == ticket);

    // Byte by byte: NeedMore until the last byte, then Complete with what follows left alone.
    const QByteArray stream = preamble + "RFB";
    for (qsizetype i = 0; i < preamble.size(); ++i) {
        CHECK(parsePreamble(stream.left(i)).state == PreambleParse::State::NeedMore);
    }
    const auto parsed = parsePreamble(stream);
    REQUIRE(parsed.state == PreambleParse::State::Complete);
    CHECK(parsed.ticket == ticket);
    CHECK(parsed.consumed == preamble.size());
}

TEST_CASE("a wrong magic, version or length is malformed at once", "[unit][shadow]")
{
    CHECK(parsePreamble("RFB 003.008\n").state == PreambleParse::State::Malformed);
    CHECK(parsePreamble("ST").state == PreambleParse::State::NeedMore);
    CHECK(parsePreamble("SX").state == PreambleParse::State::Malformed);
    CHECK(parsePreamble(QByteArray::fromHex("5354574402")).state
          == PreambleParse::State::Malformed);
    CHECK(parsePreamble(QByteArray::fromHex("53545744010000")).state
          == PreambleParse::State::Malformed);
    CHECK(parsePreamble(QByteArray::fromHex("53545744011001")).state
          == PreambleParse::State::Malformed); // 4097
}

TEST_CASE("replies carry a status byte, a length and a message", "[unit][shadow]")
{
    const QByteArray reply = encodeReply(ShadowStatus::ConsentDenied, QStringLiteral("nein"));
    CHECK(reply == QByteArray::fromHex("070004") + "nein");
    CHECK(parseReply(reply.left(2)).state == ReplyParse::State::NeedMore);
    CHECK(parseReply(reply.left(5)).state == ReplyParse::State::NeedMore);
    const auto parsed = parseReply(reply + "RFB");
    REQUIRE(parsed.state == ReplyParse::State::Complete);
    CHECK(parsed.status == ShadowStatus::ConsentDenied);
    CHECK(parsed.message == QStringLiteral("nein"));
    CHECK(parsed.consumed == 7);
    CHECK(encodeReply(ShadowStatus::Ok, {}) == QByteArray::fromHex("000000"));
    CHECK(parseReply(QByteArray::fromHex("630000")).state == ReplyParse::State::Malformed);
    CHECK(encodeReply(ShadowStatus::Malformed, QString(3000, QChar(0x00e9))).size()
          <= ReplyHeaderBytes + MaxReplyMessageBytes);
    for (int status = 0; status <= 10; ++status) {
        INFO(status);
        CHECK(statusFromByte(quint8(status)).has_value());
        CHECK_FALSE(statusName(ShadowStatus(status)).startsWith(QStringLiteral("status_")));
    }
}

TEST_CASE("the policy's defaults and JSON round trip", "[unit][shadow]")
{
    const ShadowPolicy defaults;
    CHECK(defaults.allowed);
    CHECK(defaults.secureOnly);
    CHECK_FALSE(defaults.prompt);
    CHECK_FALSE(defaults.viewOnly);
    CHECK(defaults.path == PathPreference::DirectThenRelay);
    CHECK(defaults.userMayEnd);
    ShadowPolicy policy;
    policy.prompt = true;
    policy.userMayEnd = false;
    policy.viewOnly = true;
    policy.promptTimeout = std::chrono::seconds(5);
    policy.path = PathPreference::RelayOnly;
    const auto back = shadowPolicyFromJson(toJson(policy));
    REQUIRE(back.ok());
    CHECK(*back == policy);
    QJsonObject bad = toJson(policy);
    bad[QStringLiteral("path")] = QStringLiteral("anywhere");
    CHECK_FALSE(shadowPolicyFromJson(bad).ok());
    bad = toJson(policy);
    bad.remove(QStringLiteral("viewOnly"));
    CHECK_FALSE(shadowPolicyFromJson(bad).ok());
    // userMayEnd came later: a policy stored or sent without it means "the user may end".
    QJsonObject older = toJson(policy);
    older.remove(QStringLiteral("userMayEnd"));
    const auto olderBack = shadowPolicyFromJson(older);
    REQUIRE(olderBack.ok());
    CHECK(olderBack->userMayEnd);
    older[QStringLiteral("userMayEnd")] = QStringLiteral("yes");
    CHECK_FALSE(shadowPolicyFromJson(older).ok());
}
