// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Pkcs12 - password-protected PKCS#12 bundles of a certificate, its key and a chain.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace steward::crypto {

struct Pkcs12Bundle {
    Certificate certificate;
    PrivateKey key;
    QList<Certificate> chain; // CA certificates, if the bundle has any
};

/**
 * A PKCS#12 file with `certificate`, its `key` and `chain`, protected by `password` (required).
 * Key and certificates are encrypted with AES-256-CBC (PBES2, PBKDF2-HMAC-SHA256), the MAC is
 * HMAC-SHA256; never the legacy RC2 or 3DES schemes.
 */
[[nodiscard]] Result<QByteArray> exportPkcs12(const Certificate& certificate, const PrivateKey& key,
                                              const QList<Certificate>& chain,
                                              const QString& password,
                                              const QString& friendlyName = {});

/** Reads a PKCS#12 file; a wrong password is ErrorCode::BadPassword. */
[[nodiscard]] Result<Pkcs12Bundle> importPkcs12(const QByteArray& data, const QString& password);

} // namespace steward::crypto
