// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/PublicKey.h"

#include "common/crypto/OpenSslSupport.h"

#include <openssl/pem.h>

namespace steward::crypto {

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
    return pemOf(m_key.get(), PEM_write_bio_PUBKEY);
}

QByteArray PublicKey::toDer() const
{
    return derOf(m_key.get(), i2d_PUBKEY);
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
