// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PeerPinning - makes a client QSslSocket accept exactly one peer certificate and says why not.
#pragma once

#include "common/core/Error.h"
#include "common/tls/TlsFiles.h"

#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslSocket>

#include <optional>

namespace steward::tls {

/**
 * Attach before connectToHostEncrypted(). The socket trusts only the pinned certificate and
 * ignores only the pinned certificate's host name mismatch. Exactly one of verified() or
 * rejected() is emitted per handshake; send application data (a shadow ticket) only after
 * verified(): a rejected peer never sees a byte, because Qt aborts the handshake first.
 */
class PeerPinning : public QObject {
    Q_OBJECT

public:
    /** Configures socket and watches it; the returned object is a child of socket. */
    static PeerPinning* apply(QSslSocket& socket, const QSslCertificate& pinned,
                              const std::optional<TlsIdentity>& clientIdentity = std::nullopt);

    [[nodiscard]] bool isVerified() const { return m_verified; }
    /** The reason of rejected(), once emitted. */
    [[nodiscard]] const std::optional<Error>& failure() const { return m_failure; }

Q_SIGNALS:
    /** The peer presented exactly the pinned certificate and the channel is encrypted. */
    void verified();
    /**
     * PeerCertificateMismatch (another certificate), PeerCertificateMissing (none),
     * TlsHandshakeFailed (the pinned certificate but another failure) or ConnectionFailed.
     */
    void rejected(const steward::Error& error);

private:
    PeerPinning(QSslSocket& socket, const QSslCertificate& pinned);
    void handleSslErrors(const QList<QSslError>& errors);
    void handleEncrypted();
    void handleSocketError(QAbstractSocket::SocketError error);
    void reject(Error error);

    QPointer<QSslSocket> m_socket;
    QSslCertificate m_pinned;
    bool m_verified = false;
    std::optional<Error> m_failure;
};

} // namespace steward::tls
