// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ServerProcess - the real steward-server binary on 127.0.0.1:0, for tests of whole programs.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QSslCertificate>
#include <QString>

namespace steward::test {

/** Starts steward-server on \a dataDir; port stays 0 when it did not come up (see log). */
struct ServerProcess {
    explicit ServerProcess(const QString& dataDir);
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    QProcess process;
    QByteArray log;
    quint16 port = 0;
};

/** The root CA a server created in \a dataDir (pki/root-ca.crt); null if absent. */
[[nodiscard]] QSslCertificate serverRootCa(const QString& dataDir);

/**
 * Creates the SQLite database of \a dataDir, migrated, with superuser \a name and \a password
 * (a fast hash); false on any failure.
 */
[[nodiscard]] bool seedSuperuser(const QString& dataDir, const QString& name,
                                 const QString& password);

} // namespace steward::test
