// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/discovery/OnlineCheck.h"

#include "common/protocol/Discovery.h"
#include "server/app/Logging.h"
#include "server/db/DeviceRepository.h"
#include "server/discovery/AddressRange.h"

#include <QDateTime>
#include <QNetworkDatagram>

namespace steward::server::discovery {
namespace {

namespace wire = protocol::discovery;

constexpr qint64 PageSize = 500;

} // namespace

OnlineCheck::OnlineCheck(db::DeviceRepository& devices, std::function<bool(qint64)> isOnline,
                         quint16 agentPort, std::chrono::milliseconds interval)
    : m_devices(devices), m_isOnline(std::move(isOnline)), m_agentPort(agentPort),
      m_interval(interval)
{
    m_timer.setInterval(m_interval);
    connect(&m_timer, &QTimer::timeout, this, &OnlineCheck::probe);
    connect(&m_socket, &QUdpSocket::readyRead, this, &OnlineCheck::handleReadyRead);
}

Result<void> OnlineCheck::start()
{
    if (m_interval.count() <= 0) {
        return {};
    }
    if (!m_socket.bind(QHostAddress::AnyIPv4, 0)) {
        return makeError(
            ErrorCode::ConnectionFailed,
            QStringLiteral("the online-check socket cannot bind: %1").arg(m_socket.errorString()));
    }
    m_timer.start();
    return {};
}

qint64 OnlineCheck::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

void OnlineCheck::probe()
{
    m_previousNonce = m_nonce;
    m_nonce = wire::newNonce();
    m_probed.clear();
    const QByteArray datagram = wire::encode(wire::Probe{m_nonce, m_socket.localPort()});
    const qint64 now = nowMs();
    int probed = 0;
    for (qint64 offset = 0;; offset += PageSize) {
        auto page = m_devices.list(offset, PageSize);
        if (!page) {
            qCWarning(lcServerApp).noquote()
                << QStringLiteral("online check skipped: %1").arg(page.error().message);
            return;
        }
        for (const auto& device : page->items) {
            const auto address = ipv4Address(device.lastIp);
            if (device.releasedAt || !address || m_isOnline(device.id)) {
                continue;
            }
            m_socket.writeDatagram(datagram, *address, m_agentPort);
            m_probed[address->toString()].push_back(device.id);
            m_probedAt.try_emplace(device.id, now);
            ++probed;
        }
        if (offset + PageSize >= page->total) {
            break;
        }
    }
    m_lastRoundSize = probed;
}

void OnlineCheck::handleReadyRead()
{
    while (m_socket.hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket.receiveDatagram(wire::MaxDatagramBytes + 1);
        auto decoded = wire::decode(datagram.data());
        const auto* identity = decoded ? std::get_if<wire::Identity>(&*decoded) : nullptr;
        if (!identity || !identity->deviceId
            || (identity->nonce != m_nonce && identity->nonce != m_previousNonce)) {
            continue;
        }
        const auto probed = m_probed.find(normalisedAddress(datagram.senderAddress()).toString());
        if (probed == m_probed.end()) {
            continue;
        }
        for (const qint64 id : probed->second) {
            if (id == *identity->deviceId) {
                m_answeredAt[id] = nowMs();
            }
        }
    }
}

std::optional<bool> OnlineCheck::reachable(qint64 deviceId) const
{
    if (m_interval.count() <= 0 || !m_probedAt.contains(deviceId) || m_isOnline(deviceId)) {
        return std::nullopt;
    }
    const auto answered = m_answeredAt.find(deviceId);
    return answered != m_answeredAt.end() && answered->second >= nowMs() - 2 * m_interval.count();
}

} // namespace steward::server::discovery
