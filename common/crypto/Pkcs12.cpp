// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/Pkcs12.h"

#include "common/crypto/OpenSslSupport.h"

namespace steward::crypto {

using namespace detail;

namespace {

constexpr qsizetype MaxPkcs12Bytes = 4 * 1024 * 1024;
constexpr int Pkcs12Iterations = 10000;
// A hostile file must not make us spin: common tools use 2,048 to 100,000 MAC iterations.
constexpr long MaxMacIterations = 1'000'000;

Result<X509StackPtr> toStack(const QList<Certificate>& certificates)
{
    X509StackPtr stack(sk_X509_new_null());
    if (!stack) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("out of memory"));
    }
    for (const Certificate& cert : certificates) {
        if (cert.isNull()) {
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("empty chain certificate"));
        }
        if (X509_up_ref(cert.native()) != 1 || sk_X509_push(stack.get(), cert.native()) <= 0) {
            return openSslError(ErrorCode::CryptoFailure, QStringLiteral("out of memory"));
        }
    }
    return stack;
}

} // namespace

Result<QByteArray> exportPkcs12(const Certificate& certificate, const PrivateKey& key,
                                const QList<Certificate>& chain, const QString& password,
                                const QString& friendlyName)
{
    if (password.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("a PKCS#12 export needs a non-empty password"));
    }
    if (certificate.isNull() || key.isNull()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("a PKCS#12 export needs a certificate and its key"));
    }
    if (!certificate.matches(key)) {
        return makeError(
            ErrorCode::KeyMismatch,
            QStringLiteral("the key does not belong to \"%1\"").arg(certificate.subject()));
    }
    auto stack = toStack(chain);
    if (!stack) {
        return stack.error();
    }
    const QByteArray secret = password.toUtf8();
    const QByteArray name = friendlyName.toUtf8();
    // mac_iter -1: no MAC yet, so the HMAC digest can be chosen explicitly below.
    Pkcs12Ptr bundle(PKCS12_create(secret.constData(), name.isEmpty() ? nullptr : name.constData(),
                                   key.native(), certificate.native(), stack->get(),
                                   NID_aes_256_cbc, NID_aes_256_cbc, Pkcs12Iterations, -1, 0));
    if (!bundle
        || PKCS12_set_mac(bundle.get(), secret.constData(), int(secret.size()), nullptr, 0,
                          Pkcs12Iterations, EVP_sha256())
               != 1) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("cannot build PKCS#12"));
    }
    unsigned char* der = nullptr;
    const int length = i2d_PKCS12(bundle.get(), &der);
    if (length <= 0) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("cannot encode PKCS#12"));
    }
    QByteArray result(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return result;
}

Result<Pkcs12Bundle> importPkcs12(const QByteArray& data, const QString& password)
{
    if (data.isEmpty() || data.size() > MaxPkcs12Bytes) {
        return makeError(ErrorCode::InvalidValue, data.isEmpty()
                                                      ? QStringLiteral("empty PKCS#12 data")
                                                      : QStringLiteral("PKCS#12 data too large"));
    }
    const auto* cursor = reinterpret_cast<const unsigned char*>(data.constData());
    Pkcs12Ptr bundle(d2i_PKCS12(nullptr, &cursor, long(data.size())));
    if (!bundle) {
        return openSslError(ErrorCode::InvalidValue, QStringLiteral("not a PKCS#12 file"));
    }
    if (PKCS12_mac_present(bundle.get()) == 1) {
        const ASN1_INTEGER* iterations = nullptr;
        PKCS12_get0_mac(nullptr, nullptr, nullptr, &iterations, bundle.get());
        const long count = iterations != nullptr ? ASN1_INTEGER_get(iterations) : 1;
        if (count < 1 || count > MaxMacIterations) {
            clearOpenSslErrors();
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("the PKCS#12 MAC iteration count is out of range"));
        }
    }
    const QByteArray secret = password.toUtf8();
    if (PKCS12_mac_present(bundle.get()) == 1
        && PKCS12_verify_mac(bundle.get(), secret.constData(), int(secret.size())) != 1) {
        clearOpenSslErrors();
        return makeError(ErrorCode::BadPassword, QStringLiteral("wrong password for the PKCS#12 "
                                                                "file (or it was altered)"));
    }
    EVP_PKEY* rawKey = nullptr;
    X509* rawCert = nullptr;
    STACK_OF(X509)* rawChain = nullptr;
    const int parsed = PKCS12_parse(bundle.get(), secret.constData(), &rawKey, &rawCert, &rawChain);
    PkeyPtr key(rawKey);
    X509Ptr cert(rawCert);
    X509StackPtr chain(rawChain);
    if (parsed != 1) {
        return openSslError(ErrorCode::InvalidValue,
                            QStringLiteral("cannot read the PKCS#12 file"));
    }
    if (!key || !cert) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the PKCS#12 file lacks a certificate or a private key"));
    }
    Pkcs12Bundle result;
    result.key = PrivateKey(sharePkey(std::move(key)));
    result.certificate = Certificate(shareX509(std::move(cert)));
    while (chain && sk_X509_num(chain.get()) > 0) {
        result.chain.append(Certificate(shareX509(X509Ptr(sk_X509_shift(chain.get())))));
    }
    clearOpenSslErrors();
    return result;
}

} // namespace steward::crypto
