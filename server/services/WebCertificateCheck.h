// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebCertificateCheck - checks host names and imported chains for the web certificate store.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"
#include "server/services/ServerIdentity.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace steward::server::services {

/** A web certificate, the chain above it (root last) and its key. */
struct WebMaterial {
    crypto::Certificate leaf;
    QList<crypto::Certificate> chain; // issuer of the leaf first, the root last
    crypto::PrivateKey key;

    /** The root the chain ends with (the leaf itself when the chain is empty). */
    [[nodiscard]] const crypto::Certificate& root() const
    {
        return chain.isEmpty() ? leaf : chain.last();
    }
};

/**
 * "" when \a name may go into a web certificate we issue: an IPv4 address in dotted decimal, an
 * IPv6 address, "localhost", or a fully qualified domain name (at least two labels of letters,
 * digits and inner hyphens, each at most 63 characters, 253 in all, the last not all digits).
 * Otherwise why not, naming the entry.
 */
[[nodiscard]] QString hostNameProblem(const QString& name);

/**
 * The names for a web certificate, split into DNS names and addresses, duplicates dropped.
 * InvalidValue naming the first bad entry (hostNameProblem()), or when there is none.
 */
[[nodiscard]] Result<WebNames> parseHostNames(const QStringList& names);

/** WebNames as one list: DNS names, then addresses. */
[[nodiscard]] QStringList hostNameList(const WebNames& names);

/**
 * Checks material for the web listener, each refusal saying why: a key that belongs to the
 * leaf (MissingField, KeyMismatch); no MD5 anywhere (WeakSignature); a leaf that is an
 * end-entity TLS server certificate with a subject alternative name and an RSA ≥ 2048 or EC key
 * (InvalidCertificate, UnsupportedAlgorithm); a chain in order, leaf first, each certificate
 * followed by its issuer (ChainNotAllowed), ending with a self-signed root
 * (InvalidCertificate); and a path that verifies to that root now, for serverAuth
 * (InvalidCertificate with OpenSSL's reason, e.g. an expired certificate).
 */
[[nodiscard]] Result<void> checkWebMaterial(const WebMaterial& material);

/**
 * A PEM text holding the leaf, then its chain up to the root, and a PEM private key, encrypted
 * or not (\a keyPassword); then checkWebMaterial().
 */
[[nodiscard]] Result<WebMaterial> webMaterialFromPem(const QByteArray& chain, const QByteArray& key,
                                                     const QString& keyPassword);

/**
 * A PKCS#12 file with the leaf, its key and its CA certificates (in any order: PKCS#12 keeps
 * none; they are put in issuer order); then checkWebMaterial().
 */
[[nodiscard]] Result<WebMaterial> webMaterialFromPkcs12(const QByteArray& data,
                                                        const QString& password);

} // namespace steward::server::services
