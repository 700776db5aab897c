// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/PasswordHash.h"
#include "tests/support/CatchQt.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QStringList>

using steward::ErrorCode;

namespace {

constexpr int FastIterations = 1000; // tests only; production uses the default

} // namespace

TEST_CASE("the default password hash is PBKDF2-SHA256 with 600000 iterations", "[unit][crypto]")
{
    STATIC_REQUIRE(steward::crypto::DefaultPasswordIterations == 600000);
    auto hash = steward::crypto::hashPassword(QStringLiteral("hunter2"));
    REQUIRE(hash.ok());
    CHECK(hash->startsWith(QStringLiteral("pbkdf2-sha256$600000$")));
    CHECK_FALSE(steward::crypto::needsRehash(*hash));
    CHECK(steward::crypto::verifyPassword(QStringLiteral("hunter2"), *hash).ok());
}

TEST_CASE("a password hash matches an independent PBKDF2 computation", "[unit][crypto]")
{
    auto hash = steward::crypto::hashPassword(QStringLiteral("pässword"), FastIterations);
    REQUIRE(hash.ok());
    const QStringList parts = hash->split(QLatin1Char('$'));
    REQUIRE(parts.size() == 4);
    CHECK(parts.at(1) == QStringLiteral("1000"));
    const QByteArray salt = QByteArray::fromBase64(parts.at(2).toLatin1());
    CHECK(salt.size() == 16);

    // PBKDF2 with one 32-byte block: U1 = HMAC(P, salt || INT(1)), Ui = HMAC(P, Ui-1), T = xor.
    const QByteArray password = QStringLiteral("pässword").toUtf8();
    QByteArray u = QMessageAuthenticationCode::hash(salt + QByteArray::fromHex("00000001"),
                                                    password, QCryptographicHash::Sha256);
    QByteArray t = u;
    for (int i = 1; i < FastIterations; ++i) {
        u = QMessageAuthenticationCode::hash(u, password, QCryptographicHash::Sha256);
        for (qsizetype j = 0; j < t.size(); ++j) {
            t[j] = char(t[j] ^ u[j]);
        }
    }
    CHECK(QByteArray::fromBase64(parts.at(3).toLatin1()) == t);

    auto again = steward::crypto::hashPassword(QStringLiteral("pässword"), FastIterations);
    REQUIRE(again.ok());
    CHECK(*again != *hash); // fresh salt every time
}

TEST_CASE("a wrong password or a damaged hash is refused", "[unit][crypto]")
{
    auto hash = steward::crypto::hashPassword(QStringLiteral("right"), FastIterations);
    REQUIRE(hash.ok());
    CHECK(steward::crypto::verifyPassword(QStringLiteral("right"), *hash).ok());
    auto wrong = steward::crypto::verifyPassword(QStringLiteral("Right"), *hash);
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == ErrorCode::BadPassword);
    CHECK(steward::crypto::verifyPassword(QString(), *hash).error().code == ErrorCode::BadPassword);
    CHECK(steward::crypto::needsRehash(*hash));

    const QStringList broken{
        QString(),
        QStringLiteral("right"),
        QStringLiteral("md5$1000$c2FsdA==$aGFzaA=="),
        QString(*hash).replace(QStringLiteral("$1000$"), QStringLiteral("$99999999999$")),
        QString(*hash).replace(QStringLiteral("$1000$"), QStringLiteral("$10$")),
        QString(*hash).replace(QStringLiteral("$1000$"), QStringLiteral("$abc$")),
        hash->left(hash->size() - 4),
        *hash + QStringLiteral("$extra"),
        QString(*hash).replace(hash->lastIndexOf(QLatin1Char('$')) + 1, 1, QStringLiteral("!")),
    };
    for (const QString& stored : broken) {
        auto result = steward::crypto::verifyPassword(QStringLiteral("right"), stored);
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::InvalidValue);
        CHECK(steward::crypto::needsRehash(stored));
    }
    CHECK(steward::crypto::hashPassword(QStringLiteral("x"), 1).error().code
          == ErrorCode::InvalidArgument);
}
