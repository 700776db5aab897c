// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateStore - the device-communication certificates: list, generate, import, export,
// delete, order and (de)activate, each change audited.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"
#include "common/protocol/CertificateSupport.h"
#include "server/access/NodeTree.h"
#include "server/db/CertificateRepository.h"
#include "server/services/CertificateImport.h"
#include "server/services/Clock.h"
#include "server/services/Requester.h"

#include <QHash>
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
struct StoredCertificate {
    db::DeviceCertificate row;
    crypto::Certificate certificate;
    bool isDefault = false;
    qint64 deviceCount = 0;
};

/** What to generate; the signature algorithm follows the key unless given. */
struct GenerateOptions {
    QString alias;
    QString keySpec = QStringLiteral("RSA 4096"); // or "RSA 2048", "EC P-256"
    QString signatureAlgorithm; // empty: SHA512withRSA for RSA 4096, SHA256withRSA for
                                // RSA 2048, SHA256withECDSA for EC P-256
    QString commonName;         // empty: "Steward device communication (<alias>)"
    QStringList dnsNames;
    int validityDays = 7300;
};

/**
 * Private keys stay files in <data-dir>/pki, mode 0600 (tckey.key where ServerIdentity made
 * it, device-communication/<fingerprint>.key for the others): the database never holds a key,
 * so a database dump, copy or replica leaks none. Backups carry the pki folder.
 */
class CertificateStore {
public:
    CertificateStore(db::Database& database, db::CertificateRepository& repository,
                     const ServerIdentity& identity, AuditLog& audit, Clock clock);

    /**
     * Makes the existing tckey the first entry of an empty store and records it as the
     * certificate of every device enrolled before; does nothing once the store has entries.
     */
    [[nodiscard]] Result<void> start();

    [[nodiscard]] Result<std::vector<StoredCertificate>> list() const;
    [[nodiscard]] Result<StoredCertificate> get(qint64 id) const;
    /** The default: the top active certificate whose key is known. */
    [[nodiscard]] Result<StoredCertificate> defaultCertificate() const;
    /** The private key of certificate \a id; NotFound when it is not known. */
    [[nodiscard]] Result<crypto::PrivateKey> privateKey(qint64 id) const;

    /**
     * The certificate for a device that supports \a support: the first active entry with a
     * known key that it supports. UnsupportedAlgorithm naming what is active and what the
     * device supports when there is none.
     */
    [[nodiscard]] Result<StoredCertificate>
    chooseFor(const protocol::CertificateSupport& support) const;
    /** The devices that use certificate \a id (NotFound for an unknown certificate). */
    [[nodiscard]] Result<std::vector<std::pair<qint64, QString>>> devicesUsing(qint64 id) const;
    /**
     * Records that device \a deviceId now pins certificate \a certificateId and, when given,
     * what it \a supports (kept for the rollovers: CertificateReconciler).
     */
    [[nodiscard]] Result<void>
    recordDevice(qint64 deviceId, qint64 certificateId,
                 const std::optional<protocol::CertificateSupport>& supports = std::nullopt);
    /** \a listener runs after every change of the store (generate, import, delete, order,
     * (de)activate): CertificateReconciler rolls devices over at once. */
    void onChanged(std::function<void()> listener) { m_changed = std::move(listener); }
    /** The key that signs instructions to \a deviceId: that of the certificate it pins. */
    [[nodiscard]] Result<crypto::PrivateKey> signingKeyFor(qint64 deviceId) const;
    /** The default certificate and its key, e.g. to sign register offers. */
    [[nodiscard]] Result<std::pair<crypto::Certificate, crypto::PrivateKey>> defaultSigner() const;

    [[nodiscard]] Result<StoredCertificate> generate(const GenerateOptions& options,
                                                     const Requester& actor);
    /** Stores checked material under \a alias; without a key the entry starts inactive. */
    [[nodiscard]] Result<StoredCertificate>
    import(const QString& alias, Result<CertificateMaterial> material, const Requester& actor);
    /** PKCS#12 of certificate and key under \a password (required); audited. */
    [[nodiscard]] Result<QByteArray> exportKeyPair(qint64 id, const QString& password,
                                                   const Requester& actor);
    /**
     * Refused (Conflict) for the last active certificate, and while devices use it unless
     * \a force; the message says how many.
     */
    [[nodiscard]] Result<void> remove(qint64 id, bool force, const Requester& actor);
    /** One place up (\a up) or down the list; Conflict at either end. */
    [[nodiscard]] Result<StoredCertificate> move(qint64 id, bool up, const Requester& actor);
    /** Conflict for deactivating the last active one or activating one without a key. */
    [[nodiscard]] Result<StoredCertificate> setActive(qint64 id, bool active,
                                                      const Requester& actor);

private:
    [[nodiscard]] Result<StoredCertificate>
    store(const QString& alias, const CertificateMaterial& material, const Requester& actor);
    [[nodiscard]] Result<std::optional<StoredCertificate>> find(qint64 id) const;
    void logDefaultChange(const QString& before);

    db::Database& m_database;
    db::CertificateRepository& m_repository;
    const ServerIdentity& m_identity;
    AuditLog& m_audit;
    Clock m_clock;
    mutable QHash<qint64, crypto::PrivateKey> m_keys; // loaded on first use
    std::function<void()> m_changed;
};

/** The JSON a list shows; \a details adds the content (issuer, serial, fingerprints…). */
[[nodiscard]] QJsonObject certificateJson(const StoredCertificate& entry, bool details);

/** The store's entries as access-control nodes "certificate:ID" below root:certificates. */
[[nodiscard]] Result<std::vector<access::NodeEntry>>
certificateNodes(const CertificateStore& store);

/** The key and signature for a generate request, or why they do not fit together. */
[[nodiscard]] Result<std::pair<crypto::KeySpec, QString>>
generationAlgorithms(const GenerateOptions& options);

} // namespace steward::server::services
