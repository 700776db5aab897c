// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateReconciler - rolls online devices over to the certificate they should pin.
#pragma once

#include "common/protocol/Message.h"
#include "server/db/RolloverRepository.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <vector>

namespace steward::protocol {
struct IncomingMessage;
}
namespace steward::server::db {
struct Device;
}

namespace steward::server::services {

class AuditLog;
class CertificateStore;

/** How the reconciler reaches devices (the DeviceGateway in the server). */
struct RolloverChannel {
    std::function<std::vector<qint64>()> online;
    std::function<bool(qint64 deviceId, const protocol::Message& message)> send;
};

/**
 * Every \a interval, after every change of the store (coalesced into one pass) and for a
 * device at each hello, each online device whose pinned certificate is not the one it should
 * use (targetFor(): the top active certificate it supports) gets certificate.rollover, signed
 * with the key of the certificate it pins now, on its existing channel. The offer is recorded
 * as pending and not repeated until the device answers, greets again or the next periodic pass.
 * certificate.confirm accepting it records the new certificate as the device's (audited
 * "certificate.rollover" "ok"); a refusal keeps the old one, is logged and audited ("denied"
 * with the reason), and is not offered again before the next periodic pass or hello. Every
 * confirm names what the device pins: when that is not the certificate on record (a confirm
 * lost with a dropped channel), the record follows the device. A device with no usable
 * certificate among the active ones keeps the one it has. At each hello (deviceGreeted(),
 * connected to DeviceGateway::deviceGreeting) the offer in flight is forgotten before the
 * device gets anything else, so instructions are signed with what it is known to pin.
 */
class CertificateReconciler : public QObject {
    Q_OBJECT

public:
    CertificateReconciler(CertificateStore& store, db::RolloverRepository& devices, AuditLog& audit,
                          RolloverChannel channel, std::chrono::milliseconds interval,
                          QObject* parent = nullptr);

    void start();
    /** One pass over the online devices now; returns how many rollovers went out. */
    int reconcile();
    /** Runs one pass on the next turn of the event loop (several calls make one pass). */
    void storeChanged();
    /** A device greeted: offer it its certificate again if it needs one. */
    void deviceGreeted(qint64 deviceId);
    /** certificate.confirm; false for other messages. */
    bool handleDeviceMessage(const db::Device& device, const QString& peer,
                             const protocol::IncomingMessage& message);
    /** The devices whose last answer was a refusal, with the reason. */
    [[nodiscard]] const QHash<qint64, QString>& refusals() const { return m_refusalReasons; }

Q_SIGNALS:
    /** A device confirmed (\a accepted) or refused a rollover. */
    void confirmed(qint64 deviceId, bool accepted);

private:
    int pass(const std::vector<qint64>& deviceIds, bool periodic, bool force);

    CertificateStore& m_store;
    db::RolloverRepository& m_devices;
    AuditLog& m_audit;
    RolloverChannel m_channel;
    QTimer m_timer;
    bool m_queued = false;
    QHash<qint64, qint64> m_refused; // device → the certificate it refused
    QHash<qint64, QString> m_refusalReasons;
};

} // namespace steward::server::services
