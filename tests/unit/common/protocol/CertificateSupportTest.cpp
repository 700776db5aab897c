// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/protocol/CertificateSupport.h"
#include "tests/support/CatchQt.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace steward;
using steward::protocol::CertificateSupport;

namespace {

Result<CertificateSupport> parse(const QByteArray& json)
{
    return CertificateSupport::fromJson(QJsonDocument::fromJson(json).object(),
                                        QStringLiteral("body.certificateSupport"));
}

} // namespace

TEST_CASE("certificate support matches key families, sizes and signature algorithms",
          "[unit][protocol][certs]")
{
    const auto legacy = CertificateSupport::legacy();
    CHECK(legacy.supports(QStringLiteral("RSA 4096"), QStringLiteral("SHA512withRSA")));
    CHECK(legacy.supports(QStringLiteral("RSA 2048"), QStringLiteral("SHA512withRSA")));
    CHECK_FALSE(legacy.supports(QStringLiteral("RSA 2048"), QStringLiteral("SHA256withRSA")));
    CHECK(legacy.supports(QStringLiteral("EC P-256"), QStringLiteral("SHA256withECDSA")));
    CHECK_FALSE(legacy.supports(QStringLiteral("EC P-384"), QStringLiteral("SHA256withECDSA")));

    const auto current = CertificateSupport::current();
    CHECK(current.supports(QStringLiteral("RSA 2048"), QStringLiteral("SHA256withRSA")));
    CHECK(current.supports(QStringLiteral("RSA 4096"), QStringLiteral("SHA512withRSA")));
    CHECK(current.supports(QStringLiteral("EC P-256"), QStringLiteral("SHA256withECDSA")));
    CHECK(current.supports(QStringLiteral("EC P-384"), QStringLiteral("SHA384withECDSA")));
    CHECK_FALSE(current.supports(QStringLiteral("RSA 4096"), QStringLiteral("MD5withRSA")));
    CHECK_FALSE(current.supports(QStringLiteral("EC P-521"), QStringLiteral("SHA512withECDSA")));
    // "RSA 2048" supports that size only; "RSA" every size.
    const CertificateSupport sized{{QStringLiteral("RSA 2048")}, {QStringLiteral("SHA256withRSA")}};
    CHECK(sized.supports(QStringLiteral("RSA 2048"), QStringLiteral("SHA256withRSA")));
    CHECK_FALSE(sized.supports(QStringLiteral("RSA 4096"), QStringLiteral("SHA256withRSA")));
}

TEST_CASE("certificate support round-trips through JSON and refuses hostile input",
          "[unit][protocol][certs]")
{
    const auto current = CertificateSupport::current();
    const auto back = CertificateSupport::fromJson(current.toJson(), QStringLiteral("x"));
    REQUIRE(back.ok());
    CHECK(*back == current);

    CHECK(parse(R"({"signatureAlgorithms":["SHA512withRSA"]})").error().code
          == ErrorCode::MissingField);
    CHECK(parse(R"({"keySpecs":"RSA","signatureAlgorithms":["SHA512withRSA"]})").error().code
          == ErrorCode::WrongFieldType);
    CHECK(parse(R"({"keySpecs":[1],"signatureAlgorithms":["SHA512withRSA"]})").error().code
          == ErrorCode::WrongFieldType);
    CHECK(parse(R"({"keySpecs":[""],"signatureAlgorithms":["SHA512withRSA"]})").error().code
          == ErrorCode::InvalidValue);
    const auto empty = parse(R"({"keySpecs":["RSA"],"signatureAlgorithms":[]})");
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().message
          == QStringLiteral("body.certificateSupport.signatureAlgorithms must list 1 to 32 "
                            "entries"));
    QJsonArray many;
    for (int i = 0; i < 33; ++i) {
        many.append(QStringLiteral("RSA"));
    }
    QJsonObject tooMany = current.toJson();
    tooMany[QStringLiteral("keySpecs")] = many;
    CHECK(CertificateSupport::fromJson(tooMany, QStringLiteral("x")).error().code
          == ErrorCode::InvalidValue);
    QJsonObject tooLong = current.toJson();
    tooLong[QStringLiteral("keySpecs")] = QJsonArray{QString(41, QLatin1Char('R'))};
    CHECK(CertificateSupport::fromJson(tooLong, QStringLiteral("x"))
              .error()
              .message.contains(QStringLiteral("longer than 40 characters")));
}
