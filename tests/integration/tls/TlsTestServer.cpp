// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/tls/TlsTestServer.h"

#include "tests/support/CatchQt.h"

namespace steward::test {

TlsTestServer::TlsTestServer(const QSslConfiguration& configuration)
{
    m_server.setSslConfiguration(configuration);
    connect(&m_server, &QSslServer::sslErrors, this,
            [this](QSslSocket*, const QList<QSslError>& errors) { m_sslErrors += errors; });
    connect(
        &m_server, &QSslServer::errorOccurred, this,
        [this](QSslSocket*, QAbstractSocket::SocketError error) { m_handshakeErrors += error; });
    // QSslServer queues a connection only once its handshake has succeeded.
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this,
            &TlsTestServer::handlePendingConnection);
    REQUIRE(m_server.listen(QHostAddress::LocalHost, 0));
}

QSslCertificate TlsTestServer::firstPeerCertificate() const
{
    return m_accepted.empty() ? QSslCertificate() : m_accepted.front()->peerCertificate();
}

void TlsTestServer::handlePendingConnection()
{
    while (m_server.hasPendingConnections()) {
        auto* socket = qobject_cast<QSslSocket*>(m_server.nextPendingConnection());
        CHECK(socket != nullptr); // no REQUIRE in slots: it would throw through Qt
        if (!socket) {
            return;
        }
        CHECK(socket->isEncrypted());
        m_accepted.push_back(socket);
        connect(socket, &QIODevice::readyRead, this,
                [this, socket] { m_received += socket->readAll(); });
        m_received += socket->readAll();
    }
}

} // namespace steward::test
