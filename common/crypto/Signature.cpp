// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/Signature.h"

#include "common/crypto/OpenSslSupport.h"

namespace steward::crypto {

using namespace detail;

namespace {

constexpr qsizetype MaxSignatureBytes = 2048;

const unsigned char* bytes(const QByteArray& data)
{
    return reinterpret_cast<const unsigned char*>(data.constData());
}

} // namespace

Result<QByteArray> signData(const PrivateKey& key, const QByteArray& data)
{
    if (key.isNull()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no signing key"));
    }
    MdCtxPtr context(EVP_MD_CTX_new());
    size_t length = 0;
    if (!context
        || EVP_DigestSignInit(context.get(), nullptr, defaultDigestFor(key.native()), nullptr,
                              key.native())
               != 1
        || EVP_DigestSign(context.get(), nullptr, &length, bytes(data), size_t(data.size())) != 1) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("cannot start signing"));
    }
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                       bytes(data), size_t(data.size()))
        != 1) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("signing failed"));
    }
    signature.truncate(qsizetype(length));
    return signature;
}

Result<void> verifySignature(const PublicKey& key, const QByteArray& data,
                             const QByteArray& signature)
{
    if (key.isNull()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no verification key"));
    }
    if (signature.isEmpty() || signature.size() > MaxSignatureBytes) {
        return makeError(ErrorCode::SignatureInvalid,
                         QStringLiteral("the signature is empty or too long"));
    }
    MdCtxPtr context(EVP_MD_CTX_new());
    if (!context
        || EVP_DigestVerifyInit(context.get(), nullptr, defaultDigestFor(key.native()), nullptr,
                                key.native())
               != 1) {
        return openSslError(ErrorCode::CryptoFailure,
                            QStringLiteral("cannot start verifying a signature"));
    }
    const int verdict = EVP_DigestVerify(context.get(), bytes(signature), size_t(signature.size()),
                                         bytes(data), size_t(data.size()));
    // 0 is a clean mismatch; a negative value is a malformed signature. Both mean "invalid".
    clearOpenSslErrors();
    if (verdict != 1) {
        return makeError(ErrorCode::SignatureInvalid,
                         QStringLiteral("the %1 signature does not match the data and key")
                             .arg(signatureAlgorithmFor(key.spec())));
    }
    return {};
}

Result<void> verifySignature(const Certificate& certificate, const QByteArray& data,
                             const QByteArray& signature)
{
    if (certificate.isNull()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no certificate"));
    }
    return verifySignature(certificate.publicKey(), data, signature);
}

QString signatureAlgorithmFor(const KeySpec& spec)
{
    return spec.algorithm == KeyAlgorithm::Rsa ? QStringLiteral("SHA512withRSA")
                                               : QStringLiteral("SHA256withECDSA");
}

} // namespace steward::crypto
