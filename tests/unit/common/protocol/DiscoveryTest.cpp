// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/Discovery.h"
#include "tests/support/CatchQt.h"

#include <QDir>
#include <QFile>

using namespace steward;
namespace discovery = steward::protocol::discovery;

namespace {

ErrorCode failureCode(const QByteArray& bytes)
{
    const auto decoded = discovery::decode(bytes);
    return decoded.ok() ? ErrorCode::Internal : decoded.error().code;
}

// The failure code of \a base with \a from replaced by \a to.
ErrorCode failureWith(QByteArray base, const QByteArray& from, const QByteArray& to)
{
    REQUIRE(base.contains(from));
    return failureCode(base.replace(from, to));
}

QByteArray golden(const QString& name)
{
    QFile file(QStringLiteral(STEWARD_TEST_DATA_DIR "/protocol/discovery/") + name);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll().trimmed();
}

const QByteArray Probe =
    R"({"p":"steward-discovery","v":1,"type":"probe","nonce":"AAAAAAAAAAAAAAAAAAAAAA","replyPort":40000})";

} // namespace

TEST_CASE("each golden discovery datagram decodes and encodes to the same bytes",
          "[unit][protocol][discovery]")
{
    const QString name = GENERATE(QStringLiteral("probe.json"), QStringLiteral("identity.json"),
                                  QStringLiteral("identity-unenrolled.json"),
                                  QStringLiteral("offer.json"), QStringLiteral("offer.reply.json"));
    INFO(name.toStdString());
    const QByteArray bytes = golden(name);
    const auto decoded = discovery::decode(bytes);
    INFO((decoded.ok() ? std::string() : decoded.error().message.toStdString()));
    REQUIRE(decoded.ok());
    CHECK(discovery::encode(*decoded) == bytes);
}

TEST_CASE("a probe carries its nonce and reply port", "[unit][protocol][discovery]")
{
    const auto decoded = discovery::decode(Probe);
    REQUIRE(decoded.ok());
    const auto* probe = std::get_if<discovery::Probe>(&*decoded);
    REQUIRE(probe);
    CHECK(probe->nonce == QStringLiteral("AAAAAAAAAAAAAAAAAAAAAA"));
    CHECK(probe->replyPort == 40000);
}

TEST_CASE("hostile discovery datagrams are refused with the fitting code",
          "[unit][protocol][discovery]")
{
    SECTION("oversized, before parsing")
    {
        CHECK(failureCode(QByteArray(discovery::MaxDatagramBytes + 1, ' '))
              == ErrorCode::FrameTooLarge);
    }
    SECTION("truncated at every length")
    {
        for (qsizetype cut = 0; cut < Probe.size(); ++cut) {
            CHECK_FALSE(discovery::decode(Probe.left(cut)).ok());
        }
    }
    SECTION("not JSON, not an object, binary")
    {
        CHECK(failureCode("") == ErrorCode::MalformedMessage);
        CHECK(failureCode("[1,2]") == ErrorCode::MalformedMessage);
        CHECK(failureCode(QByteArray("\x00\x01\xff\xfe", 4)) == ErrorCode::MalformedMessage);
        CHECK(failureCode(QByteArray(102, char(0xFF))) == ErrorCode::MalformedMessage);
    }
    SECTION("duplicate keys")
    {
        CHECK(failureWith(Probe, R"("replyPort":40000)", R"("replyPort":40000,"replyPort":1)")
              == ErrorCode::MalformedMessage);
    }
    SECTION("another protocol or version")
    {
        CHECK(failureWith(Probe, "steward-discovery", "x") == ErrorCode::MalformedMessage);
        CHECK(failureWith(Probe, R"("v":1)", R"("v":2)") == ErrorCode::IncompatibleVersion);
        CHECK(failureWith(Probe, R"("v":1)", R"("v":"1")") == ErrorCode::WrongFieldType);
    }
    SECTION("unknown type")
    {
        CHECK(failureWith(Probe, "\"probe\"", "\"reboot\"") == ErrorCode::UnknownMessageType);
    }
    SECTION("fields out of range or mistyped")
    {
        CHECK(failureWith(Probe, "40000", "0") == ErrorCode::InvalidValue);
        CHECK(failureWith(Probe, "40000", "65536") == ErrorCode::InvalidValue);
        CHECK(failureWith(Probe, "40000", "1.5") == ErrorCode::WrongFieldType);
        CHECK(failureWith(Probe, "40000", "null") == ErrorCode::WrongFieldType);
        CHECK(failureWith(Probe, "AAAAAAAAAAAAAAAAAAAAAA", "AAA") == ErrorCode::InvalidValue);
        CHECK(failureWith(Probe, "AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAA/AAAA")
              == ErrorCode::InvalidValue);
        CHECK(failureWith(Probe, R"(,"replyPort":40000)", "") == ErrorCode::MissingField);
    }
    SECTION("an identity with a bad MAC, a too long host name, or enrolled without a device id")
    {
        const QByteArray identity = golden(QStringLiteral("identity.json"));
        CHECK(failureWith(identity, "00:11:22:AA:BB:CC", "00:11:22:AA:BB")
              == ErrorCode::InvalidValue);
        CHECK(failureWith(identity, "thin-client-7", QByteArray(300, 'a'))
              == ErrorCode::InvalidValue);
        CHECK(failureWith(identity, R"("deviceId":7,)", "") == ErrorCode::InvalidValue);
    }
    SECTION("an offer whose base64 is broken or too long")
    {
        const QByteArray offer = golden(QStringLiteral("offer.json"));
        CHECK(failureWith(offer, R"("signature":")", R"("signature":"!!)")
              == ErrorCode::InvalidValue);
        CHECK(failureWith(offer, R"("certificate":")", "\"certificate\":\"" + QByteArray(6000, 'A'))
              == ErrorCode::InvalidValue);
    }
}

TEST_CASE("offer terms round-trip and refuse malformed fields", "[unit][protocol][discovery]")
{
    discovery::OfferTerms terms;
    terms.server = QStringLiteral("https://127.0.0.1:8443");
    terms.fingerprint = QString(64, QLatin1Char('A'));
    terms.token = "abcdefghijklmnopqrstuvwxyz012345";
    terms.expires = 1900000000;
    terms.unitId = QStringLiteral("00:11:22:AA:BB:CC");
    const auto decoded = discovery::decodeTerms(discovery::encodeTerms(terms));
    REQUIRE(decoded.ok());
    CHECK(decoded->server == terms.server);
    CHECK(decoded->token == terms.token);
    CHECK(decoded->expires == terms.expires);
    CHECK(decoded->unitId == terms.unitId);

    terms.fingerprint = QStringLiteral("not hex");
    CHECK(discovery::decodeTerms(discovery::encodeTerms(terms)).error().code
          == ErrorCode::InvalidValue);
    CHECK(discovery::decodeTerms(QByteArray(4096, '{')).error().code == ErrorCode::FrameTooLarge);
}

TEST_CASE("nonces are fresh base64url strings that probes accept", "[unit][protocol][discovery]")
{
    const QString first = discovery::newNonce();
    CHECK(first.size() == 22);
    CHECK(first != discovery::newNonce());
    CHECK(discovery::decode(discovery::encode(discovery::Probe{first, 1})).ok());
}
