// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/PasswordHash.h"

#include "common/crypto/OpenSslSupport.h"
#include "common/crypto/Random.h"

#include <QStringList>

#include <openssl/crypto.h>

namespace steward::crypto {

using namespace detail;

namespace {

const QString Scheme = QStringLiteral("pbkdf2-sha256");
constexpr qsizetype SaltBytes = 16;
constexpr qsizetype HashBytes = 32;
constexpr int MinIterations = 1000;
// Caps the work an attacker-supplied stored value can ask for.
constexpr int MaxIterations = 10'000'000;

struct ParsedHash {
    int iterations = 0;
    QByteArray salt;
    QByteArray hash;
};

Result<QByteArray> derive(const QString& password, const QByteArray& salt, int iterations)
{
    const QByteArray secret = password.toUtf8();
    QByteArray out(HashBytes, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(secret.constData(), int(secret.size()),
                          reinterpret_cast<const unsigned char*>(salt.constData()),
                          int(salt.size()), iterations, EVP_sha256(), int(out.size()),
                          reinterpret_cast<unsigned char*>(out.data()))
        != 1) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("PBKDF2 failed"));
    }
    return out;
}

Result<ParsedHash> parse(const QString& stored)
{
    const QStringList parts = stored.split(QLatin1Char('$'));
    auto invalid = [](const QString& why) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the stored password hash is not usable: %1").arg(why));
    };
    if (parts.size() != 4 || parts.at(0) != Scheme) {
        return invalid(QStringLiteral("expected pbkdf2-sha256$iterations$salt$hash"));
    }
    bool ok = false;
    ParsedHash parsed;
    parsed.iterations = parts.at(1).toInt(&ok);
    if (!ok || parsed.iterations < MinIterations || parsed.iterations > MaxIterations) {
        return invalid(QStringLiteral("bad iteration count"));
    }
    const auto salt = QByteArray::fromBase64Encoding(parts.at(2).toLatin1(),
                                                     QByteArray::AbortOnBase64DecodingErrors);
    const auto hash = QByteArray::fromBase64Encoding(parts.at(3).toLatin1(),
                                                     QByteArray::AbortOnBase64DecodingErrors);
    if (!salt || salt.decoded.size() < 8 || !hash || hash.decoded.size() != HashBytes) {
        return invalid(QStringLiteral("bad salt or hash"));
    }
    parsed.salt = salt.decoded;
    parsed.hash = hash.decoded;
    return parsed;
}

} // namespace

Result<QString> hashPassword(const QString& password, int iterations)
{
    if (iterations < MinIterations || iterations > MaxIterations) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("PBKDF2 iterations must be %1 to %2, not %3")
                             .arg(MinIterations)
                             .arg(MaxIterations)
                             .arg(iterations));
    }
    auto salt = randomBytes(SaltBytes);
    if (!salt) {
        return salt.error();
    }
    auto hash = derive(password, *salt, iterations);
    if (!hash) {
        return hash.error();
    }
    return Scheme + QLatin1Char('$') + QString::number(iterations) + QLatin1Char('$')
           + QString::fromLatin1(salt->toBase64()) + QLatin1Char('$')
           + QString::fromLatin1(hash->toBase64());
}

Result<void> verifyPassword(const QString& password, const QString& storedHash)
{
    auto parsed = parse(storedHash);
    if (!parsed) {
        return parsed.error();
    }
    auto hash = derive(password, parsed->salt, parsed->iterations);
    if (!hash) {
        return hash.error();
    }
    if (CRYPTO_memcmp(hash->constData(), parsed->hash.constData(), size_t(HashBytes)) != 0) {
        return makeError(ErrorCode::BadPassword, QStringLiteral("wrong password"));
    }
    return {};
}

bool needsRehash(const QString& storedHash, int iterations)
{
    auto parsed = parse(storedHash);
    return !parsed || parsed->iterations < iterations || parsed->salt.size() < SaltBytes;
}

} // namespace steward::crypto
