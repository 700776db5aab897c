// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TlsFiles - loads certificates, private keys and CA bundles from PEM files into Qt types.
#pragma once

#include "common/core/Result.h"

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace steward::tls {

/** What one side of a TLS connection presents: its certificate, intermediates and key. */
struct TlsIdentity {
    QSslCertificate certificate;
    QList<QSslCertificate> intermediates; // sent after the certificate; may be empty
    QSslKey privateKey;

    [[nodiscard]] bool isNull() const { return certificate.isNull() || privateKey.isNull(); }
};

/**
 * Every certificate in a PEM file (a CA bundle or a certificate followed by its chain).
 * Fails with FileNotFound, IoError, or InvalidCertificate when the file holds no certificate;
 * the message names the file.
 */
[[nodiscard]] Result<QList<QSslCertificate>> loadCertificates(const QString& pemPath);

/**
 * The private key in a PEM file. The algorithm is taken from the certificate it belongs to
 * (RSA or EC). Fails with FileNotFound, IoError, BadPassword or InvalidValue naming the file.
 */
[[nodiscard]] Result<QSslKey> loadPrivateKey(const QString& pemPath, QSsl::KeyAlgorithm algorithm,
                                             const QByteArray& passPhrase = {});

/** KeyMismatch when privateKey is not the key of certificate's public key. */
[[nodiscard]] Result<void> checkKeyMatchesCertificate(const QSslKey& privateKey,
                                                      const QSslCertificate& certificate);

/**
 * Loads a certificate file (leaf first, then any intermediates) and its private key, and
 * checks that they belong together. Errors name the offending file.
 */
[[nodiscard]] Result<TlsIdentity> loadIdentity(const QString& certificatePath,
                                               const QString& keyPath,
                                               const QByteArray& passPhrase = {});

} // namespace steward::tls
