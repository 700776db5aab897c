// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/discovery/DiscoveryResponder.h"

#include "agent/app/Logging.h"

#include <QNetworkDatagram>

namespace steward::agent {

namespace discovery = protocol::discovery;

DiscoveryResponder::DiscoveryResponder(ResponderSettings settings, IdentitySource identity,
                                       QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_identity(std::move(identity)),
      m_tokens(m_settings.maxRepliesPerSecond)
{
    connect(&m_socket, &QUdpSocket::readyRead, this, &DiscoveryResponder::handleReadyRead);
}

Result<quint16> DiscoveryResponder::start()
{
    if (!m_socket.bind(m_settings.address, m_settings.port)) {
        return makeError(ErrorCode::ConnectionFailed,
                         QStringLiteral("the discovery responder cannot listen on %1:%2: %3")
                             .arg(m_settings.address.toString())
                             .arg(m_settings.port)
                             .arg(m_socket.errorString()));
    }
    m_bucketClock.start();
    qCInfo(lcAgentDiscovery).noquote()
        << QStringLiteral("discovery responder listening address=%1 port=%2")
               .arg(m_settings.address.toString())
               .arg(m_socket.localPort());
    return m_socket.localPort();
}

bool DiscoveryResponder::takeToken()
{
    const double rate = m_settings.maxRepliesPerSecond;
    m_tokens = std::min(rate, m_tokens + double(m_bucketClock.restart()) * rate / 1000.0);
    if (m_tokens < 1.0) {
        return false;
    }
    m_tokens -= 1.0;
    return true;
}

void DiscoveryResponder::send(const QHostAddress& address, quint16 port,
                              const discovery::Datagram& datagram)
{
    if (!takeToken()) {
        ++m_dropped;
        qCDebug(lcAgentDiscovery).noquote()
            << QStringLiteral("reply dropped by the rate limit to=%1").arg(address.toString());
        return;
    }
    m_socket.writeDatagram(discovery::encode(datagram), address, port);
}

void DiscoveryResponder::handleReadyRead()
{
    while (m_socket.hasPendingDatagrams()) {
        // Oversized datagrams are truncated by receiveDatagram's limit and then refused by size.
        const QNetworkDatagram datagram = m_socket.receiveDatagram(discovery::MaxDatagramBytes + 1);
        handleDatagram(datagram.data(), datagram.senderAddress(),
                       quint16(std::max(0, datagram.senderPort())));
    }
}

void DiscoveryResponder::handleDatagram(const QByteArray& bytes, const QHostAddress& from,
                                        quint16 fromPort)
{
    auto decoded = discovery::decode(bytes);
    if (!decoded) {
        ++m_dropped;
        qCDebug(lcAgentDiscovery).noquote() << QStringLiteral("datagram refused from=%1:%2 %3")
                                                   .arg(from.toString())
                                                   .arg(fromPort)
                                                   .arg(decoded.error().message);
        return;
    }
    if (const auto* probe = std::get_if<discovery::Probe>(&*decoded)) {
        if (bytes.size() > discovery::MaxProbeBytes) {
            ++m_dropped;
            return;
        }
        auto identity = m_identity();
        identity.nonce = probe->nonce;
        send(from, probe->replyPort, identity);
        return;
    }
    if (const auto* offer = std::get_if<discovery::Offer>(&*decoded)) {
        Q_EMIT offerReceived(*offer, from);
        return;
    }
    ++m_dropped; // identities and offer replies are for servers, not agents
}

} // namespace steward::agent
