// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/CertificateReconciler.h"

#include "common/protocol/Decoder.h"
#include "server/app/Logging.h"
#include "server/db/records/Device.h"
#include "server/services/AuditLog.h"
#include "server/services/CertificateRollout.h"
#include "server/services/CertificateStore.h"

#include <utility>

namespace steward::server::services {
namespace {

const QString Action = QStringLiteral("certificate.rollover");
const QString Actor = QStringLiteral("steward-server");

QString deviceObject(qint64 id)
{
    return QStringLiteral("device:%1").arg(id);
}

} // namespace

CertificateReconciler::CertificateReconciler(CertificateStore& store,
                                             db::RolloverRepository& devices, AuditLog& audit,
                                             RolloverChannel channel,
                                             std::chrono::milliseconds interval, QObject* parent)
    : QObject(parent), m_store(store), m_devices(devices), m_audit(audit),
      m_channel(std::move(channel))
{
    m_timer.setInterval(interval);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_refused.clear(); // a periodic pass offers again what was refused
        pass(m_channel.online(), true, false);
    });
}

void CertificateReconciler::start()
{
    m_timer.start();
}

int CertificateReconciler::reconcile()
{
    return pass(m_channel.online(), false, false);
}

void CertificateReconciler::storeChanged()
{
    if (std::exchange(m_queued, true)) {
        return;
    }
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_queued = false;
            reconcile();
        },
        Qt::QueuedConnection);
}

void CertificateReconciler::deviceGreeted(qint64 deviceId)
{
    // A new channel: whether an offer on the old one arrived is unknown, so instructions are
    // signed with the confirmed certificate until this channel carries an offer again.
    m_refused.remove(deviceId);
    if (auto cleared = m_devices.setPending(deviceId, std::nullopt); !cleared) {
        qCWarning(lcServerApp).noquote() << cleared.error().message;
    }
    pass({deviceId}, false, true);
}

int CertificateReconciler::pass(const std::vector<qint64>& deviceIds, bool periodic, bool force)
{
    if (deviceIds.empty()) {
        return 0;
    }
    auto entries = m_store.list();
    auto states = m_devices.states();
    if (!entries || !states) {
        qCWarning(lcServerApp).noquote()
            << QStringLiteral("certificate reconciliation skipped: %1")
                   .arg(entries ? states.error().message : entries.error().message);
        return 0;
    }
    int sent = 0;
    int pinnedRight = 0;
    for (const qint64 id : deviceIds) {
        const auto state = states->constFind(id);
        if (state == states->constEnd() || !state->certificateId) {
            continue; // released, or nothing known to sign with
        }
        const StoredCertificate* target = targetFor(*entries, supportFromStored(state->support));
        if (target == nullptr || target->row.id == *state->certificateId) {
            ++pinnedRight;
            if (state->pendingId) {
                (void)m_devices.setPending(id, std::nullopt);
            }
            continue;
        }
        const bool inFlight = state->pendingId == target->row.id;
        if (!force && ((inFlight && !periodic) || m_refused.value(id) == target->row.id)) {
            continue;
        }
        // An earlier offer on this channel reached the device first (in order): it pins that.
        auto key = m_store.privateKey(state->pendingId.value_or(*state->certificateId));
        auto rollover = key ? makeRollover(id, *target, *key)
                            : Result<protocol::CertificateRollover>(key.error());
        if (!rollover) {
            qCWarning(lcServerApp).noquote()
                << QStringLiteral("device %1 cannot be rolled over to \"%2\": %3")
                       .arg(id)
                       .arg(target->row.alias, rollover.error().message);
            continue;
        }
        if (!m_channel.send(id, *rollover)) {
            continue;
        }
        if (auto recorded = m_devices.setPending(id, target->row.id); !recorded) {
            qCWarning(lcServerApp).noquote() << recorded.error().message;
        }
        ++sent;
    }
    if (sent > 0 || periodic) {
        qCInfo(lcServerApp).noquote()
            << QStringLiteral("certificate reconciliation: devices=%1 current=%2 rollovers=%3")
                   .arg(deviceIds.size())
                   .arg(pinnedRight)
                   .arg(sent);
    }
    return sent;
}

bool CertificateReconciler::handleDeviceMessage(const db::Device& device, const QString& peer,
                                                const protocol::IncomingMessage& message)
{
    const auto* confirm = std::get_if<protocol::CertificateConfirm>(&message.message);
    if (confirm == nullptr) {
        return false;
    }
    auto state = m_devices.state(device.id);
    auto entries = m_store.list();
    if (!state || !entries) {
        qCWarning(lcServerApp).noquote()
            << (state ? entries.error().message : state.error().message);
        return true;
    }
    const auto byFingerprint = [&](const QString& fingerprint) -> const StoredCertificate* {
        for (const auto& entry : *entries) {
            if (entry.row.fingerprint == fingerprint) {
                return &entry;
            }
        }
        return nullptr;
    };
    const StoredCertificate* offered = byFingerprint(confirm->offered);
    const StoredCertificate* pinned = byFingerprint(confirm->pinned);
    const QString details = offered ? QStringLiteral("certificate=%1 alias=\"%2\"")
                                          .arg(offered->row.id)
                                          .arg(offered->row.alias)
                                    : QStringLiteral("certificate=%1").arg(confirm->offered);
    if (confirm->accepted && offered != nullptr) {
        auto recorded = m_devices.confirm(device.id, offered->row.id);
        m_audit.recordResult(Actor, Action, deviceObject(device.id), peer, recorded, details);
        if (!recorded) {
            qCWarning(lcServerApp).noquote() << recorded.error().message;
            return true;
        }
        m_refused.remove(device.id);
        m_refusalReasons.remove(device.id);
        qCInfo(lcServerApp).noquote()
            << QStringLiteral("device %1 rolled over to certificate \"%2\"")
                   .arg(device.id)
                   .arg(offered->row.alias);
        Q_EMIT confirmed(device.id, true);
        return true;
    }
    // Refused, or accepted something no longer in the store: the device says what it pins, and
    // that is what signs from now on.
    if (pinned != nullptr && state->certificateId != pinned->row.id) {
        qCWarning(lcServerApp).noquote()
            << QStringLiteral("device %1 pins certificate \"%2\", not the one on record")
                   .arg(device.id)
                   .arg(pinned->row.alias);
        (void)m_devices.confirm(device.id, pinned->row.id);
    } else {
        (void)m_devices.setPending(device.id, std::nullopt);
    }
    const QString reason = confirm->accepted
                               ? QStringLiteral("the certificate is no longer in the store")
                               : confirm->reason;
    if (offered != nullptr) {
        m_refused.insert(device.id, offered->row.id);
    }
    m_refusalReasons.insert(device.id, reason);
    m_audit.record(Actor, Action, deviceObject(device.id), peer, QStringLiteral("denied"),
                   details + QStringLiteral(" reason=") + reason);
    qCWarning(lcServerApp).noquote() << QStringLiteral("device %1 refused the rollover (%2): %3")
                                            .arg(device.id)
                                            .arg(details, reason);
    Q_EMIT confirmed(device.id, false);
    return true;
}

} // namespace steward::server::services
