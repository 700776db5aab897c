// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AgentState - the agent's state directory: its key, certificates and pinned server identity.
#pragma once

#include "common/core/Result.h"
#include "common/tls/TlsFiles.h"

#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace steward::agent {

/**
 * Layout (docs/devices.md); the directory is 0700 and the key 0600:
 *   client.key       the device's private key (EC P-256); never leaves the device
 *   client.crt       its client certificate from the server's device CA
 *   device-ca.crt    the device CA
 *   server-web.crt   the server's web certificate, exactly as seen and accepted at enrolment
 *   server-ca.crt    the roots the channel trusts for the server's web certificate: the one
 *                    that issued it at enrolment, more during a CA rollover (trust.update)
 *   trust.json       {"issuedAt": N}: the last trust update accepted (TrustUpdater)
 *   client.next.key  a renewed client key waiting for its certificate (client.certificate)
 *   tckey.crt        the device-communication certificate (pinned; verifies instructions)
 *   agent.json       {"server": URL, "deviceId": N, "name": "…"}
 *   attributes.json  the cached attribute.snapshot (agent/attributes/AttributeCache.h)
 *   shadow.key       the shadow proxy's RSA-4096 key (0600), made by the agent itself
 *   shadow.crt       its self-signed certificate, uploaded to the server and pinned by consoles
 */
struct AgentState {
    QUrl server; // https://HOST:PORT
    qint64 deviceId = 0;
    QString name;
    QSslCertificate serverWeb;
    QSslCertificate serverCa;           // the first of serverRoots
    QList<QSslCertificate> serverRoots; // every root in server-ca.crt
    QSslCertificate deviceCa;
    QSslCertificate deviceCommunication;
    tls::TlsIdentity client;

    /** The channel's trust anchors: serverRoots, or serverCa when those are not known. */
    [[nodiscard]] QList<QSslCertificate> trustAnchors() const
    {
        return serverRoots.isEmpty() ? QList<QSslCertificate>{serverCa} : serverRoots;
    }
};

class StateDirectory {
public:
    explicit StateDirectory(QString path) : m_path(std::move(path)) {}

    [[nodiscard]] const QString& path() const { return m_path; }
    [[nodiscard]] QString filePath(const QString& name) const;
    /** Whether a binding to a server exists (client.crt or agent.json). */
    [[nodiscard]] bool isEnrolled() const;
    /** Creates the directory (0700) if needed. */
    [[nodiscard]] Result<void> prepare() const;
    [[nodiscard]] Result<AgentState> load() const;
    /** Writes every file but the key, which the enroller writes with PrivateKey::writeFile. */
    [[nodiscard]] Result<void> save(const AgentState& state) const;
    /** Replaces file \a name of the directory in one step (write, then rename). */
    [[nodiscard]] Result<void> writeAtomically(const QString& name, const QByteArray& data) const;
    /**
     * Moves a renewed client.next.crt (with client.next.key) over client.crt and client.key;
     * load() calls it, so a move interrupted by a crash is finished. Nothing to do: success.
     */
    [[nodiscard]] Result<void> finishClientRenewal() const;
    /** Forgets the binding: removes every file of the layout. */
    [[nodiscard]] Result<void> release() const;

private:
    QString m_path;
};

} // namespace steward::agent
