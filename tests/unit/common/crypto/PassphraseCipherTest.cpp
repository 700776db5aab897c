// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/PassphraseCipher.h"
#include "tests/support/CatchQt.h"

#include <QtEndian>

using steward::ErrorCode;
using steward::crypto::decryptWithPassphrase;
using steward::crypto::encryptWithPassphrase;

namespace {

constexpr int FastIterations = 1000; // tests only; production uses the default
constexpr qsizetype HeaderBytes = 40;
constexpr qsizetype TagBytes = 16;

} // namespace

TEST_CASE("passphrase encryption round-trips and describes itself", "[unit][crypto]")
{
    STATIC_REQUIRE(steward::crypto::DefaultPassphraseIterations == 600000);
    const QByteArray backup = QByteArray("CREATE TABLE devices (id INTEGER);\n").repeated(1000);
    const QString passphrase = QStringLiteral("backup passphrase");

    auto sealed = encryptWithPassphrase(backup, passphrase, FastIterations);
    REQUIRE(sealed.ok());
    CHECK(sealed->size() == HeaderBytes + backup.size() + TagBytes);
    CHECK(sealed->startsWith("STWENC\x01\x01"));
    CHECK(qFromBigEndian<quint32>(sealed->constData() + 8) == quint32(FastIterations));
    CHECK(steward::crypto::isPassphraseEncrypted(*sealed));
    CHECK_FALSE(sealed->contains("CREATE TABLE"));

    auto opened = decryptWithPassphrase(*sealed, passphrase);
    REQUIRE(opened.ok());
    CHECK(*opened == backup);

    auto again = encryptWithPassphrase(backup, passphrase, FastIterations);
    REQUIRE(again.ok());
    CHECK(again->mid(12, 28) != sealed->mid(12, 28)); // fresh salt and nonce

    auto empty = encryptWithPassphrase(QByteArray(), passphrase, FastIterations);
    REQUIRE(empty.ok());
    CHECK(decryptWithPassphrase(*empty, passphrase).value().isEmpty());
    CHECK(encryptWithPassphrase(backup, QString()).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("the default passphrase encryption uses 600000 iterations", "[unit][crypto]")
{
    auto sealed = encryptWithPassphrase(QByteArrayLiteral("x"), QStringLiteral("p"));
    REQUIRE(sealed.ok());
    CHECK(qFromBigEndian<quint32>(sealed->constData() + 8) == 600000u);
}

TEST_CASE("a wrong passphrase or altered data fails authentication", "[unit][crypto]")
{
    const QByteArray secret = QByteArrayLiteral("the database");
    auto sealed = encryptWithPassphrase(secret, QStringLiteral("right"), FastIterations);
    REQUIRE(sealed.ok());

    auto wrong = decryptWithPassphrase(*sealed, QStringLiteral("wrong"));
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == ErrorCode::BadPassword);
    CHECK(wrong.error().message.contains(QStringLiteral("altered")));

    // Every byte counts: header (authenticated as AAD), ciphertext and tag.
    for (const qsizetype at :
         {qsizetype(13), qsizetype(30), HeaderBytes, HeaderBytes + 5, sealed->size() - 1}) {
        QByteArray tampered = *sealed;
        tampered[at] = char(tampered[at] ^ 0x20);
        auto result = decryptWithPassphrase(tampered, QStringLiteral("right"));
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::BadPassword);
    }
    auto cut = decryptWithPassphrase(sealed->left(sealed->size() - 1), QStringLiteral("right"));
    REQUIRE_FALSE(cut.ok());
    CHECK(cut.error().code == ErrorCode::BadPassword);
    auto extended = decryptWithPassphrase(*sealed + "x", QStringLiteral("right"));
    REQUIRE_FALSE(extended.ok());
    CHECK(extended.error().code == ErrorCode::BadPassword);
}

TEST_CASE("truncated or foreign data is not taken for an encrypted file", "[unit][crypto]")
{
    auto sealed =
        encryptWithPassphrase(QByteArrayLiteral("abc"), QStringLiteral("p"), FastIterations);
    REQUIRE(sealed.ok());
    QByteArray badVersion = *sealed;
    badVersion[6] = 2;
    QByteArray hugeIterations = *sealed;
    hugeIterations[8] = char(0x7f);

    for (const QByteArray& input :
         {QByteArray(), QByteArrayLiteral("SQLite format 3"), sealed->left(6),
          sealed->left(HeaderBytes + TagBytes - 1), badVersion, hugeIterations}) {
        auto result = decryptWithPassphrase(input, QStringLiteral("p"));
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().code == ErrorCode::InvalidValue);
        CHECK_FALSE(result.error().message.isEmpty());
    }
}
