// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateImport - checks what an administrator hands in for the certificate store.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace steward::server::services {

/** A certificate and, when it came with one, its private key. */
struct CertificateMaterial {
    crypto::Certificate certificate;
    crypto::PrivateKey key; // null: the private key is not known
};

/** The signature algorithms a device-communication certificate may use. */
[[nodiscard]] const QStringList& acceptedSignatureAlgorithms();

/**
 * Checks one certificate for the store: exactly one (ChainNotAllowed), not MD5-signed
 * (WeakSignature), an accepted signature algorithm and key (UnsupportedAlgorithm), valid now
 * (InvalidCertificate); a key must belong to it (KeyMismatch). Each message says why.
 */
[[nodiscard]] Result<void> checkMaterial(const CertificateMaterial& material);

/**
 * A PEM (or DER) certificate with an optional PEM private key, encrypted or not
 * (\a keyPassword); then checkMaterial().
 */
[[nodiscard]] Result<CertificateMaterial>
materialFromPem(const QByteArray& certificate, const QByteArray& key, const QString& keyPassword);

/** A PKCS#12 file: a certificate and its key, no CA certificates; then checkMaterial(). */
[[nodiscard]] Result<CertificateMaterial> materialFromPkcs12(const QByteArray& data,
                                                             const QString& password);

/** "" when \a alias is usable; otherwise why not (1–64 letters, digits, space, . _ -). */
[[nodiscard]] QString aliasProblem(const QString& alias);

} // namespace steward::server::services
