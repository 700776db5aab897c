// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// OnlineCheck - probes the last IP of devices without a live channel and remembers who answered.
#pragma once

#include "common/core/Result.h"

#include <QObject>
#include <QTimer>
#include <QUdpSocket>

#include <chrono>
#include <functional>
#include <map>
#include <optional>

namespace steward::server::db {
class DeviceRepository;
}

namespace steward::server::discovery {

/**
 * Every interval, one probe datagram per enrolled, unreleased device that has no live channel
 * and a known last IP, all from one socket with one nonce per round; nothing is stored in the
 * database. A device is reachable when it answered, with its own device id, within the last two
 * rounds. An interval of zero turns the check off (reachable() is then always nullopt).
 */
class OnlineCheck : public QObject {
    Q_OBJECT

public:
    OnlineCheck(db::DeviceRepository& devices, std::function<bool(qint64)> isOnline,
                quint16 agentPort, std::chrono::milliseconds interval);

    [[nodiscard]] Result<void> start();
    /** One round now (the timer calls this). */
    void probe();
    /**
     * True: answered lately; false: probed without an answer; nullopt: not probed, or online
     * on the channel now (then the channel is the better witness).
     */
    [[nodiscard]] std::optional<bool> reachable(qint64 deviceId) const;
    [[nodiscard]] int lastRoundSize() const { return m_lastRoundSize; }

private:
    void handleReadyRead();
    [[nodiscard]] qint64 nowMs() const;

    db::DeviceRepository& m_devices;
    std::function<bool(qint64)> m_isOnline;
    quint16 m_agentPort;
    std::chrono::milliseconds m_interval;
    QUdpSocket m_socket;
    QTimer m_timer;
    QString m_nonce;
    QString m_previousNonce;
    std::map<QString, std::vector<qint64>> m_probed; // address → devices probed there
    std::map<qint64, qint64> m_probedAt;             // device → ms of its first probe
    std::map<qint64, qint64> m_answeredAt;           // device → ms of its last answer
    int m_lastRoundSize = 0;
};

} // namespace steward::server::discovery
