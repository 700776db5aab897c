// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DiscoveryResponder - answers scan and online-check probes on UDP 30005 and receives offers.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/Discovery.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QUdpSocket>

#include <functional>

namespace steward::agent {

struct ResponderSettings {
    QHostAddress address = QHostAddress::Any;
    quint16 port = protocol::discovery::DefaultPort; // 0: any free port (tests)
    /** Datagrams sent per second at most, averaged over a one-second bucket. */
    int maxRepliesPerSecond = 20;
};

/**
 * Every datagram is checked for size before parsing and parsed strictly; garbage is counted
 * and dropped, never answered. Answers go to the sender's address at the port the probe
 * names, rate-limited so that the responder cannot be used to flood a third party whose
 * address a sender forged. Offers are only passed on: what to do with them is the app's call.
 */
class DiscoveryResponder : public QObject {
    Q_OBJECT

public:
    using IdentitySource = std::function<protocol::discovery::Identity()>;

    DiscoveryResponder(ResponderSettings settings, IdentitySource identity,
                       QObject* parent = nullptr);

    [[nodiscard]] Result<quint16> start();
    [[nodiscard]] quint16 port() const { return m_socket.localPort(); }
    [[nodiscard]] quint64 dropped() const { return m_dropped; }
    /** Sends \a datagram to \a address:\a port, within the rate limit. */
    void send(const QHostAddress& address, quint16 port,
              const protocol::discovery::Datagram& datagram);

Q_SIGNALS:
    void offerReceived(const steward::protocol::discovery::Offer& offer, const QHostAddress& from);

private:
    void handleReadyRead();
    void handleDatagram(const QByteArray& bytes, const QHostAddress& from, quint16 fromPort);
    [[nodiscard]] bool takeToken();

    ResponderSettings m_settings;
    IdentitySource m_identity;
    QUdpSocket m_socket;
    QElapsedTimer m_bucketClock;
    double m_tokens = 0;
    quint64 m_dropped = 0;
};

} // namespace steward::agent
