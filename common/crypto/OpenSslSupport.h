// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// OpenSslSupport - private to common/crypto: RAII handles, BIO helpers and error capture.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/KeySpec.h"

#include <QByteArray>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace steward::crypto::detail {

template <auto Free> struct Deleter {
    template <typename T> void operator()(T* pointer) const { Free(pointer); }
};

using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509_free>>;
using ReqPtr = std::unique_ptr<X509_REQ, Deleter<X509_REQ_free>>;
using Pkcs12Ptr = std::unique_ptr<PKCS12, Deleter<PKCS12_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX_free>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Deleter<X509_STORE_CTX_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using NamePtr = std::unique_ptr<X509_NAME, Deleter<X509_NAME_free>>;
using ExtensionPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION_free>>;
using GeneralNamesPtr = std::unique_ptr<GENERAL_NAMES, Deleter<GENERAL_NAMES_free>>;

struct X509StackFree {
    void operator()(STACK_OF(X509) * stack) const { sk_X509_pop_free(stack, X509_free); }
};
using X509StackPtr = std::unique_ptr<STACK_OF(X509), X509StackFree>;

struct ExtensionStackFree {
    void operator()(STACK_OF(X509_EXTENSION) * stack) const
    {
        sk_X509_EXTENSION_pop_free(stack, X509_EXTENSION_free);
    }
};
using ExtensionStackPtr = std::unique_ptr<STACK_OF(X509_EXTENSION), ExtensionStackFree>;

/**
 * An Error whose message is `context` followed by OpenSSL's queued error text. Drains the
 * OpenSSL error queue, so a failure never leaks into a later, unrelated call.
 */
[[nodiscard]] Error openSslError(ErrorCode code, const QString& context);
/** Drops whatever OpenSSL queued, when a failure is expected and handled. */
void clearOpenSslErrors();

/** A read-only memory BIO over `data`; `data` must outlive it. */
[[nodiscard]] BioPtr memoryBio(const QByteArray& data);
/** A fresh, writable memory BIO. */
[[nodiscard]] BioPtr memoryBio();
/** Everything written to a memory BIO so far. */
[[nodiscard]] QByteArray bioContents(BIO* bio);

/** PEM text of \a object through an OpenSSL PEM_write_bio_* function; empty on failure. */
template <typename T, typename Writer> QByteArray pemOf(const T* object, Writer write)
{
    BioPtr bio = memoryBio();
    if (!object || !bio || write(bio.get(), object) != 1) {
        clearOpenSslErrors();
        return {};
    }
    return bioContents(bio.get());
}

/** DER bytes of \a object through an OpenSSL i2d_* function; empty on failure. */
template <typename T, typename Encoder> QByteArray derOf(const T* object, Encoder encode)
{
    unsigned char* der = nullptr;
    const int length = object ? encode(object, &der) : -1;
    if (length <= 0) {
        clearOpenSslErrors();
        return {};
    }
    QByteArray result(reinterpret_cast<const char*>(der), length);
    OPENSSL_free(der);
    return result;
}

/** Up-referenced owning copies of shared OpenSSL objects. */
[[nodiscard]] std::shared_ptr<EVP_PKEY> sharePkey(PkeyPtr key);
[[nodiscard]] std::shared_ptr<X509> shareX509(X509Ptr cert);

/** The message digest used for signatures with `key`: SHA-512 for RSA, SHA-256 for EC. */
[[nodiscard]] const EVP_MD* defaultDigestFor(const EVP_PKEY* key, bool preferSha256 = false);

/** The DNS names and IP addresses of a subjectAltName extension value. */
void collectAltNames(const GENERAL_NAMES* names, QStringList* dnsNames,
                     QList<QHostAddress>* ipAddresses);
/** A GENERAL_NAMES list for a subjectAltName extension, built field by field (no config text). */
[[nodiscard]] Result<GeneralNamesPtr> makeAltNames(const QStringList& dnsNames,
                                                   const QList<QHostAddress>& ipAddresses);

/** "CN=..." one-line text and the common name of an X509_NAME. */
[[nodiscard]] QString nameToText(const X509_NAME* name);
[[nodiscard]] QString commonName(const X509_NAME* name);
[[nodiscard]] QDateTime asn1TimeToDateTime(const ASN1_TIME* time);

/** The spec of a key, or an UnsupportedAlgorithm error for kinds Steward does not use. */
[[nodiscard]] Result<KeySpec> keySpecOf(const EVP_PKEY* key);

} // namespace steward::crypto::detail
