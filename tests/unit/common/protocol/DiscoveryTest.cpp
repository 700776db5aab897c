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

QByteArray golden(const QString& name)
{
    QFile file(QStringLiteral(STEWARD_TEST_DATA_DIR "/protocol/discovery/") + name);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll().trimmed();
}

const QByteArray Probe = R"({"p":"steward-discovery","v":1,"type":"probe","nonce":"AAAAAAAAAAAAAAAAAAAAAA","replyPort":40000})";

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
        QByteArray twice = Probe;
        twice.replace(R"("replyPort":40000)", R"("replyPort":40000,"replyPort":1)");
        CHECK(failureCode(twice) == ErrorCode::MalformedMessage);
    }
    SECTION("another protocol or version")
    {
        QByteArray other = Probe;
        CHECK(failureCode(other.replace("steward-discovery", "x")) == ErrorCode::MalformedMessage);
        other = Probe;
        CHECK(failureCode(other.replace(R"("v":1)", R"("v":2)")) == ErrorCode::IncompatibleVersion);
        other = Probe;
        CHECK(failureCode(other.replace(R"("v":1)", R"("v":"1")")) == ErrorCode::WrongFieldType);
    }
    SECTION("unknown type")
    {
        QByteArray other = Probe;
        CHECK(failureCode(other.replace("\"probe\"", "\"reboot\""))
              == ErrorCode::UnknownMessageType);
    }
    SECTION("fields out of range or mistyped")
    {
        const auto withPort = [](const char* port) {
            QByteArray other = Probe;
            return other.replace("40000", port);
        };
        CHECK(failureCode(withPort("0")) == ErrorCode::InvalidValue);
        CHECK(failureCode(withPort("65536")) == ErrorCode::InvalidValue);
        CHECK(failureCode(withPort("1.5")) == ErrorCode::WrongFieldType);
        CHECK(failureCode(withPort("null")) == ErrorCode::WrongFieldType);
        QByteArray shortNonce = Probe;
        CHECK(failureCode(shortNonce.replace("AAAAAAAAAAAAAAAAAAAAAA", "AAA"))
              == ErrorCode::InvalidValue);
        QByteArray missing = Probe;
        CHECK(failureCode(missing.replace(R"(,"replyPort":40000)", ""))
              == ErrorCode::MissingField);
    }
    SECTION("an identity with a bad MAC, a too long host name, or enrolled without a device id")
    {
        QByteArray identity = golden(QStringLiteral("identity.json"));
        QByteArray badMac = identity;
        CHECK(failureCode(badMac.replace("00:11:22:AA:BB:CC", "00:11:22:AA:BB")) == ErrorCode::InvalidValue);
        QByteArray longName = identity;
        CHECK(failureCode(longName.replace("thin-client-7", QByteArray(300, 'a')))
              == ErrorCode::InvalidValue);
        QByteArray noDevice = identity;
        CHECK(failureCode(noDevice.replace(R"("deviceId":7,)", "")) == ErrorCode::InvalidValue);
    }
    SECTION("an offer whose base64 is broken or too long")
    {
        QByteArray offer = golden(QStringLiteral("offer.json"));
        QByteArray broken = offer;
        CHECK(failureCode(broken.replace(R"("signature":")", R"("signature":"!!)"))
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
