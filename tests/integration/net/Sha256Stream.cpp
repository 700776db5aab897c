// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/net/Sha256Stream.h"

#include "tests/support/CatchQt.h"

#include <openssl/evp.h>

namespace steward::test {

struct Sha256Stream::Context {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> digest{EVP_MD_CTX_new(),
                                                                   &EVP_MD_CTX_free};
};

Sha256Stream::Sha256Stream() : m_context(std::make_unique<Context>())
{
    REQUIRE(m_context->digest != nullptr);
    REQUIRE(EVP_DigestInit_ex(m_context->digest.get(), EVP_sha256(), nullptr) == 1);
}

Sha256Stream::~Sha256Stream() = default;

void Sha256Stream::addData(QByteArrayView bytes)
{
    // Called from slots: record a failure instead of throwing through Qt.
    if (EVP_DigestUpdate(m_context->digest.get(), bytes.data(), std::size_t(bytes.size())) != 1) {
        m_failed = true;
    }
}

QByteArray Sha256Stream::result()
{
    REQUIRE_FALSE(m_failed);
    QByteArray digest(EVP_MAX_MD_SIZE, '\0');
    unsigned int size = 0;
    REQUIRE(EVP_DigestFinal_ex(m_context->digest.get(),
                               reinterpret_cast<unsigned char*>(digest.data()), &size)
            == 1);
    digest.resize(size);
    return digest;
}

} // namespace steward::test
