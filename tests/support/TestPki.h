// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TestPki - typed access to the committed TEST-ONLY certificates in tests/data/pki.
#pragma once

#include "common/tls/TlsFiles.h"

#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace steward::test {

/** See tests/data/pki/README.md for what each entity is and how it was made. */
class TestPki {
public:
    enum class Entity {
        Ca,            // the test CA (EC P-256)
        Server,        // leaf from the test CA: localhost, 127.0.0.1, ::1; serverAuth
        Client,        // leaf from the test CA: clientAuth
        ForeignCa,     // an unrelated CA
        ForeignClient, // clientAuth leaf from the foreign CA
        ForeignServer, // serverAuth leaf from the foreign CA, same names as Server
        ShadowA,       // self-signed RSA-2048 "agent shadow" certificate
        ShadowB,       // another, unrelated one
    };

    [[nodiscard]] static QString directory();
    [[nodiscard]] static QString certificatePath(Entity entity);
    [[nodiscard]] static QString keyPath(Entity entity);

    /** These abort the test run when the committed files are unreadable: a broken checkout. */
    [[nodiscard]] static QSslCertificate certificate(Entity entity);
    [[nodiscard]] static QSslKey privateKey(Entity entity);
    [[nodiscard]] static tls::TlsIdentity identity(Entity entity);

    /** {the test CA} and {the foreign CA}, ready for a CA list. */
    [[nodiscard]] static QList<QSslCertificate> testCa();
    [[nodiscard]] static QList<QSslCertificate> foreignCa();
};

} // namespace steward::test
