// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/integration/net/PumpRelay.h"

#include "tests/support/CatchQt.h"

#include <QSslServer>

namespace steward::test {
namespace {

std::unique_ptr<QTcpServer> makeServer(const std::optional<QSslConfiguration>& tls)
{
    if (!tls) {
        return std::make_unique<QTcpServer>();
    }
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(*tls);
    return server;
}

} // namespace

HashingSink::HashingSink(const std::optional<QSslConfiguration>& tls) : m_server(makeServer(tls))
{
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, [this] {
        m_socket = m_server->nextPendingConnection();
        CHECK(m_socket != nullptr); // no REQUIRE in slots: it would throw through Qt
        if (!m_socket) {
            return;
        }
        const auto drain = [this] {
            while (m_socket->bytesAvailable() > 0) {
                const QByteArray bytes = m_socket->read(1024 * 1024);
                m_hash.addData(bytes);
                m_received += bytes.size();
            }
        };
        connect(m_socket, &QIODevice::readyRead, this, drain);
        connect(m_socket, &QAbstractSocket::disconnected, this, [this, drain] {
            drain();
            m_done = true;
        });
    });
    REQUIRE(m_server->listen(QHostAddress::LocalHost, 0));
}

PumpRelay::PumpRelay(const QSslConfiguration& configuration, quint16 sinkPort,
                     net::BytePump::Options options,
                     const std::optional<QSslConfiguration>& outgoingTls)
    : m_server(makeServer(configuration)), m_sinkPort(sinkPort), m_options(options),
      m_outgoingTls(outgoingTls)
{
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this,
            &PumpRelay::handleIncoming);
    REQUIRE(m_server->listen(QHostAddress::LocalHost, 0));
}

void PumpRelay::handleIncoming()
{
    m_incoming = m_server->nextPendingConnection();
    CHECK(m_incoming != nullptr); // a slot: CHECK, never REQUIRE
    if (!m_incoming) {
        return;
    }
    m_outgoing = std::make_unique<QSslSocket>();
    if (m_outgoingTls) {
        m_outgoing->setSslConfiguration(*m_outgoingTls);
        connect(m_outgoing.get(), &QSslSocket::encrypted, this, &PumpRelay::startPump);
        m_outgoing->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_sinkPort);
    } else {
        connect(m_outgoing.get(), &QAbstractSocket::connected, this, &PumpRelay::startPump);
        m_outgoing->connectToHost(QHostAddress::LocalHost, m_sinkPort);
    }
}

void PumpRelay::startPump()
{
    m_pump = std::make_unique<net::BytePump>(*m_incoming, *m_outgoing, m_options);
    connect(m_pump.get(), &net::BytePump::finished, this,
            [this](net::BytePump::FinishReason reason) {
                m_finished = true;
                m_reason = reason;
            });
    m_pump->start();
}

} // namespace steward::test
