// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebCertificateSupport - helpers for the web certificate tests: a fresh TLS probe and a test CA.
#pragma once

#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"
#include "tests/support/server/RestClient.h"

#include <QJsonArray>
#include <QSslCertificate>

namespace steward::test {

/**
 * A fresh TLS connection to localhost:\a port trusting only \a anchors, verifying the chain and
 * the host name; the server's certificate, or a null one when the handshake failed.
 */
[[nodiscard]] QSslCertificate probeWebCertificate(quint16 port,
                                                  const QList<QSslCertificate>& anchors);

/** A corporate CA made in the test (EC P-256) and a serverAuth leaf for localhost under it. */
struct CorporateChain {
    crypto::Certificate root;
    crypto::PrivateKey rootKey;
    crypto::Certificate leaf;
    crypto::PrivateKey leafKey;

    [[nodiscard]] QByteArray chainPem() const { return leaf.toPem() + root.toPem(); }
};
[[nodiscard]] CorporateChain makeCorporateChain(const QString& rootName);

/** The web certificate \a alias as GET /api/v1/web-certificates lists it. */
[[nodiscard]] QJsonObject webEntry(RestClient& client, const QString& alias);

} // namespace steward::test
