// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebCertificateStore - the certificates the web listener (port 8443) may present: list,
// create under the Steward root, import a corporate chain, renew, assign and delete, audited.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "server/db/WebCertificateRepository.h"
#include "server/services/Clock.h"
#include "server/services/Requester.h"
#include "server/services/StatusService.h"
#include "server/services/WebCertificateCheck.h"
#include "server/services/WebCertificateTrust.h"

#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace steward::server::db {
class Database;
}

namespace steward::server::services {

class AuditLog;
class ServerIdentity;

/** One entry of the store with what is shown about it. */
struct StoredWebCertificate {
    db::WebCertificate row;
    crypto::Certificate certificate;
    QList<crypto::Certificate> chain; // issuer first, root last

    [[nodiscard]] const crypto::Certificate& root() const
    {
        return chain.isEmpty() ? certificate : chain.last();
    }
};

/** What to create under the Steward root. */
struct WebCertificateOptions {
    QString alias;
    QStringList hostNames;                        // FQDNs and IP addresses (hostNameProblem)
    QString keySpec = QStringLiteral("EC P-256"); // or "RSA 2048", "RSA 4096"
    int validityDays = 825;                       // what browsers still accept
};

/**
 * Keys stay files in <data-dir>/pki, mode 0600 (web.key where ServerIdentity made the first
 * one, web/<fingerprint>.key for the others); the database holds certificates only. Exactly
 * one entry is in use: ServerIdentity presents it, and onInUseChanged() tells the listener.
 */
class WebCertificateStore {
public:
    WebCertificateStore(db::Database& database, db::WebCertificateRepository& repository,
                        ServerIdentity& identity, AuditLog& audit, Clock clock);

    /**
     * Makes ServerIdentity's web certificate the first entry, in use, of an empty store; then
     * hands the entry in use to ServerIdentity. A missing or wrong key file is an error.
     */
    [[nodiscard]] Result<void> start();
    /**
     * The CA rollover re-issued the server's own certificate (pki/web.crt and web.key) under a
     * renewed root: the entry using web.key follows it, and the entry in use is presented again
     * (an assigned corporate certificate stays in use). start() does it too, for a rollover
     * made by steward-admin while the server was down.
     */
    [[nodiscard]] Result<void> followReissued();

    [[nodiscard]] Result<std::vector<StoredWebCertificate>> list() const;
    [[nodiscard]] Result<StoredWebCertificate> get(qint64 id) const;
    [[nodiscard]] Result<StoredWebCertificate> inUse() const;

    /** A new key and a certificate for \a options.hostNames signed by the Steward root. */
    [[nodiscard]] Result<StoredWebCertificate> create(const WebCertificateOptions& options,
                                                      const Requester& actor);
    /** Stores checked material (checkWebMaterial()) under \a alias. */
    [[nodiscard]] Result<StoredWebCertificate>
    import(const QString& alias, Result<WebMaterial> material, const Requester& actor);
    /**
     * Reissues a certificate made here with the same names and key type, a new key and
     * \a validityDays from now (empty: as long as before); Conflict for an imported one. The
     * entry keeps its id and alias; when in use, the listener presents the new one at once.
     */
    [[nodiscard]] Result<StoredWebCertificate> renew(qint64 id, std::optional<int> validityDays,
                                                     const Requester& actor);
    /**
     * Makes \a id the certificate in use, now and after a restart. Under a root that enrolled
     * devices do not trust (the trust check), refused with Conflict and \a affected filled in,
     * unless \a force.
     */
    [[nodiscard]] Result<StoredWebCertificate> assign(qint64 id, bool force, const Requester& actor,
                                                      AffectedDevices* affected = nullptr);
    /** Conflict for the one in use. */
    [[nodiscard]] Result<void> remove(qint64 id, const Requester& actor);
    /** The devices that would not trust certificate \a id's root. */
    [[nodiscard]] Result<AffectedDevices> affectedDevices(qint64 id) const;

    /**
     * Gets devices to trust the root of \a id before it is assigned: the root joins those
     * the server distributes (the distributor), persisted; devices confirm it over their
     * channel. Conflict when the root is the Steward root; audited. True when newly added.
     */
    [[nodiscard]] Result<bool> distributeRoot(qint64 id, const Requester& actor);

    void setTrustCheck(DeviceTrustCheck check) { m_trust = std::move(check); }
    void setRootDistributor(RootDistributor distributor) { m_distributor = std::move(distributor); }
    /** \a listener runs after the certificate in use changed (assign, renew of the one in use). */
    void onInUseChanged(std::function<void()> listener) { m_inUseChanged = std::move(listener); }

private:
    [[nodiscard]] Result<StoredWebCertificate> store(const QString& alias, const QString& origin,
                                                     const WebMaterial& material,
                                                     const Requester& actor);
    [[nodiscard]] Result<QString> writeKey(const WebMaterial& material) const;
    [[nodiscard]] Result<void> present(const StoredWebCertificate& entry);

    db::Database& m_database;
    db::WebCertificateRepository& m_repository;
    ServerIdentity& m_identity;
    AuditLog& m_audit;
    Clock m_clock;
    DeviceTrustCheck m_trust;
    RootDistributor m_distributor;
    std::function<void()> m_inUseChanged;
};

/** The JSON a list shows; \a details adds issuer, serial, validity start, chain and PEM. */
[[nodiscard]] QJsonObject webCertificateJson(const StoredWebCertificate& entry, bool details);
[[nodiscard]] QJsonObject affectedDevicesJson(const AffectedDevices& affected);

/**
 * The status check "web certificate expiry": warn naming the certificate in use when it
 * expires within \a warningDays or has expired; ok otherwise.
 */
[[nodiscard]] std::function<CheckResult()>
webCertificateExpiryCheck(const WebCertificateStore& store, int warningDays, Clock clock);

} // namespace steward::server::services
