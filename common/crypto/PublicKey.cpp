// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/PublicKey.h"

#include "common/crypto/OpenSslSupport.h"

#include <openssl/core_names.h>
#include <openssl/pem.h>

#include <array>

namespace steward::crypto {

namespace detail {

Result<KeySpec> keySpecOf(const EVP_PKEY* key)
{
    if (key == nullptr) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no key"));
    }
    const int type = EVP_PKEY_get_base_id(key);
    if (type == EVP_PKEY_RSA) {
        return KeySpec{KeyAlgorithm::Rsa, EVP_PKEY_get_bits(key)};
    }
    if (type == EVP_PKEY_EC) {
        std::array<char, 64> group{};
        size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group.data(),
                                           group.size(), &length)
            != 1) {
            return openSslError(ErrorCode::UnsupportedAlgorithm,
                                QStringLiteral("EC key without a named curve"));
        }
        const QLatin1String name(group.data(), qsizetype(length));
        if (name == QLatin1String("prime256v1") || name == QLatin1String("P-256")) {
            return KeySpec{KeyAlgorithm::Ec, 256};
        }
        if (name == QLatin1String("secp384r1") || name == QLatin1String("P-384")) {
            return KeySpec{KeyAlgorithm::Ec, 384};
        }
        return makeError(ErrorCode::UnsupportedAlgorithm,
                         QStringLiteral("unsupported EC curve %1").arg(name));
    }
    return makeError(
        ErrorCode::UnsupportedAlgorithm,
        QStringLiteral("unsupported key type %1").arg(QString::fromLatin1(OBJ_nid2sn(type))));
}

} // namespace detail

using namespace detail;

Result<PublicKey> PublicKey::fromPem(const QByteArray& pem)
{
    BioPtr bio = memoryBio(pem);
    PkeyPtr key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key) {
        return openSslError(ErrorCode::InvalidValue, QStringLiteral("not a PEM public key"));
    }
    if (auto spec = keySpecOf(key.get()); !spec) {
        return spec.error();
    }
    return PublicKey(sharePkey(std::move(key)));
}

QByteArray PublicKey::toPem() const
{
    BioPtr bio = memoryBio();
    if (!m_key || !bio || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1) {
        clearOpenSslErrors();
        return {};
    }
    return bioContents(bio.get());
}

QByteArray PublicKey::toDer() const
{
    unsigned char* der = nullptr;
    const int length = m_key ? i2d_PUBKEY(m_key.get(), &der) : -1;
    if (length <= 0) {
        clearOpenSslErrors();
        return {};
    }
    QByteArray result(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return result;
}

KeySpec PublicKey::spec() const
{
    auto spec = keySpecOf(m_key.get());
    return spec ? *spec : KeySpec{};
}

bool PublicKey::equals(const PublicKey& other) const
{
    const bool same = m_key && other.m_key && EVP_PKEY_eq(m_key.get(), other.m_key.get()) == 1;
    clearOpenSslErrors();
    return same;
}

} // namespace steward::crypto
