// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CaRollover - distributes renewed roots to devices and renews their client certificates.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/Message.h"
#include "server/services/CaActions.h"
#include "server/services/CertificateAuthorities.h"
#include "server/services/CertificateReconciler.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>

namespace steward::protocol {
struct IncomingMessage;
}
namespace steward::server::db {
struct Device;
class TrustRepository;
} // namespace steward::server::db

namespace steward::server::services {

class AuditLog;
class CertificateStore;

/**
 * Keeps every online device on the server's current trust (docs/certificates.md, "CA
 * rollover"). A device needs a trust.update when the roots it confirmed are not exactly
 * AuthoritySet::trustedRoots(), or when its client certificate is not from the current device
 * CA (then renewClient asks for a CSR). The update is signed with the key of the
 * device-communication certificate the device pins, like certificate.rollover. trust.confirm
 * records the roots it trusts; its CSR gets a client certificate from the current device CA
 * (client.certificate), kept as the device's next certificate until it connects with it.
 * A pass runs every \a interval (re-reading pki/, so steward-admin changes are seen), after
 * every action here, and for a device at each hello.
 */
class CaRollover : public QObject {
    Q_OBJECT

public:
    CaRollover(QString pkiDir, db::TrustRepository& devices, CertificateStore& store,
               AuditLog& audit, RolloverChannel channel, std::chrono::milliseconds interval,
               QObject* parent = nullptr);

    /** Loads pki/ and records the enrolment root of devices without one. */
    [[nodiscard]] Result<void> start();
    [[nodiscard]] const AuthoritySet& authorities() const { return m_set; }
    /** Re-reads pki/; authoritiesChanged() when anything differs. */
    [[nodiscard]] Result<void> reload();
    /** One pass over the online devices; how many trust.update went out. */
    int distribute();
    void deviceGreeted(qint64 deviceId);
    /** trust.confirm and client.confirm; false for other messages. */
    bool handleDeviceMessage(const db::Device& device, const QString& peer,
                             const protocol::IncomingMessage& message);
    /** The device whose renewed certificate is \a fingerprint becomes it (first connection). */
    [[nodiscard]] Result<std::optional<qint64>> promote(const QString& fingerprint);

    // The steps, each reloading and distributing at once; \a actor and \a peer for the audit.
    Result<crypto::Certificate> renewRoot(const QString& actor, const QString& peer);
    Result<crypto::Certificate> renewDeviceCa(const QString& actor, const QString& peer);
    Result<crypto::Certificate> activateRoot(const QString& actor, const QString& peer, bool force);
    Result<QStringList> retireOld(const QString& actor, const QString& peer, bool force);
    /**
     * Adds \a root (a corporate web certificate's) to the roots every device is sent, kept
     * in pki/distributed/, and distributes at once; false when it was distributed already.
     * Conflict for a Steward root (root-ca, .next, .old): devices get those anyway. The
     * caller audits.
     */
    Result<bool> distributeRoot(const crypto::Certificate& root);
    [[nodiscard]] Result<QJsonObject> status();
    [[nodiscard]] Result<UntrustingDevices> notTrusting(const crypto::Certificate& root);
    [[nodiscard]] const QString& pkiDir() const { return m_pkiDir; }

Q_SIGNALS:
    /** The roots or device CAs changed (the listener and the gateway follow). */
    void authoritiesChanged();
    /** A device confirmed (or refused) a trust update. */
    void trustConfirmed(qint64 deviceId, bool accepted);
    /** A device stored (or refused) its renewed client certificate. */
    void clientConfirmed(qint64 deviceId, bool accepted);

private:
    int pass(const std::vector<qint64>& deviceIds, bool force);
    /** Re-reads pki/ and offers every online device the trust it should have now. */
    void redistribute();
    void handleTrust(const db::Device& device, const QString& peer,
                     const protocol::TrustConfirm& confirm);
    void issueClient(const db::Device& device, const QString& peer, const QString& csrPem);
    template <typename T>
    Result<T> afterStep(Result<T> result, const QString& action, const QString& actor,
                        const QString& peer);

    QString m_pkiDir;
    db::TrustRepository& m_devices;
    CertificateStore& m_store;
    AuditLog& m_audit;
    RolloverChannel m_channel;
    AuthoritySet m_set;
    QTimer m_timer;
    QHash<qint64, qint64> m_inFlight; // device → issuedAt of the update it has not confirmed
    QHash<qint64, qint64> m_refused;  // device → issuedAt it refused (until the next pass)
    QSet<qint64> m_renewed; // stored a renewed client certificate, not connected with it yet
    qint64 m_lastIssued = 0;
};

} // namespace steward::server::services
