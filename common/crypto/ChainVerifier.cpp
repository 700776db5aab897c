// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/ChainVerifier.h"

#include "common/crypto/OpenSslSupport.h"

namespace steward::crypto {

using namespace detail;

namespace {

int purposeId(CertificatePurpose purpose)
{
    switch (purpose) {
    case CertificatePurpose::TlsServer:
        return X509_PURPOSE_SSL_SERVER;
    case CertificatePurpose::TlsClient:
        return X509_PURPOSE_SSL_CLIENT;
    case CertificatePurpose::Any:
        break;
    }
    return 0;
}

Result<void> configure(X509_STORE_CTX* context, const ChainVerifyOptions& options)
{
    X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(context);
    if (options.at.isValid()) {
        X509_VERIFY_PARAM_set_time(param, time_t(options.at.toSecsSinceEpoch()));
    }
    if (const int purpose = purposeId(options.purpose);
        purpose != 0 && X509_STORE_CTX_set_purpose(context, purpose) != 1) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("cannot set the purpose"));
    }
    if (!options.hostName.isEmpty()) {
        const QByteArray host = options.hostName.toUtf8();
        if (X509_VERIFY_PARAM_set1_host(param, host.constData(), size_t(host.size())) != 1) {
            return openSslError(ErrorCode::InvalidArgument,
                                QStringLiteral("bad host name %1").arg(options.hostName));
        }
    }
    if (!options.ipAddress.isNull()) {
        const QByteArray ip = options.ipAddress.toString().toLatin1();
        if (X509_VERIFY_PARAM_set1_ip_asc(param, ip.constData()) != 1) {
            return openSslError(
                ErrorCode::InvalidArgument,
                QStringLiteral("bad IP address %1").arg(options.ipAddress.toString()));
        }
    }
    return {};
}

Error verificationError(X509_STORE_CTX* context)
{
    const int error = X509_STORE_CTX_get_error(context);
    const int depth = X509_STORE_CTX_get_error_depth(context);
    X509* culprit = X509_STORE_CTX_get_current_cert(context);
    const QString subject =
        culprit != nullptr ? nameToText(X509_get_subject_name(culprit)) : QStringLiteral("?");
    const QString reason = QString::fromLatin1(X509_verify_cert_error_string(error));
    clearOpenSslErrors();
    const bool expired =
        error == X509_V_ERR_CERT_HAS_EXPIRED || error == X509_V_ERR_CERT_NOT_YET_VALID;
    return makeError(expired ? ErrorCode::CertificateExpired : ErrorCode::UntrustedCertificate,
                     QStringLiteral("certificate \"%1\" (depth %2) is not trusted: %3")
                         .arg(subject)
                         .arg(depth)
                         .arg(reason));
}

} // namespace

Result<void> verifyChain(const Certificate& leaf, const QList<Certificate>& intermediates,
                         const QList<Certificate>& trusted, const ChainVerifyOptions& options)
{
    if (leaf.isNull()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no certificate to verify"));
    }
    if (trusted.isEmpty()) {
        return makeError(ErrorCode::UntrustedCertificate,
                         QStringLiteral("certificate \"%1\" is not trusted: no trusted CA given")
                             .arg(leaf.subject()));
    }
    // A fresh store holds only our CAs: X509_STORE_new() never loads the system paths.
    StorePtr store(X509_STORE_new());
    X509StackPtr untrusted(sk_X509_new_null());
    StoreCtxPtr context(X509_STORE_CTX_new());
    if (!store || !untrusted || !context) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("out of memory"));
    }
    for (const Certificate& ca : trusted) {
        if (ca.isNull() || X509_STORE_add_cert(store.get(), ca.native()) != 1) {
            return openSslError(
                ErrorCode::InvalidArgument,
                QStringLiteral("cannot use \"%1\" as a trusted CA").arg(ca.subject()));
        }
    }
    for (const Certificate& intermediate : intermediates) {
        if (intermediate.isNull() || X509_up_ref(intermediate.native()) != 1) {
            return makeError(ErrorCode::InvalidArgument, QStringLiteral("empty intermediate"));
        }
        if (sk_X509_push(untrusted.get(), intermediate.native()) <= 0) {
            X509_free(intermediate.native());
            return openSslError(ErrorCode::CryptoFailure, QStringLiteral("out of memory"));
        }
    }
    if (X509_STORE_CTX_init(context.get(), store.get(), leaf.native(), untrusted.get()) != 1) {
        return openSslError(ErrorCode::CryptoFailure,
                            QStringLiteral("cannot start chain verification"));
    }
    if (auto configured = configure(context.get(), options); !configured) {
        return configured;
    }
    if (X509_verify_cert(context.get()) != 1) {
        return verificationError(context.get());
    }
    return {};
}

} // namespace steward::crypto
