// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TlsTestServer - a QSslServer on 127.0.0.1:0 that records what a TLS test needs to assert.
#pragma once

#include <QByteArray>
#include <QList>
#include <QSslConfiguration>
#include <QSslError>
#include <QSslServer>
#include <QSslSocket>

#include <memory>
#include <vector>

namespace steward::test {

class TlsTestServer : public QObject {
    Q_OBJECT

public:
    explicit TlsTestServer(const QSslConfiguration& configuration);

    [[nodiscard]] quint16 port() const { return m_server.serverPort(); }
    /** Connections whose handshake completed: only these reach the application. */
    [[nodiscard]] int acceptedConnections() const { return int(m_accepted.size()); }
    /** Application bytes received on accepted connections. */
    [[nodiscard]] const QByteArray& received() const { return m_received; }
    /** The client certificate of the first accepted connection. */
    [[nodiscard]] QSslCertificate firstPeerCertificate() const;
    /** Verification errors the server saw during handshakes (its sslErrors signal). */
    [[nodiscard]] const QList<QSslError>& sslErrors() const { return m_sslErrors; }
    /** Socket errors reported on handshakes that failed. */
    [[nodiscard]] const QList<QAbstractSocket::SocketError>& handshakeErrors() const
    {
        return m_handshakeErrors;
    }

private:
    void handlePendingConnection();

    QSslServer m_server;
    std::vector<QSslSocket*> m_accepted; // children of m_server
    QByteArray m_received;
    QList<QSslError> m_sslErrors;
    QList<QAbstractSocket::SocketError> m_handshakeErrors;
};

} // namespace steward::test
