// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateRepository - device_certificates and the devices' certificate in use.
#pragma once

#include "common/core/Result.h"

#include <QHash>
#include <QString>

#include <optional>
#include <vector>

namespace steward::server::db {

class Database;

/** One device-communication certificate as stored; the key stays in its file. */
struct DeviceCertificate {
    qint64 id = 0;
    QString alias;
    qint64 position = 0; // lowest first; the first active one is the default
    bool active = true;
    QString keySpec;            // "RSA 4096", "RSA 2048", "EC P-256"
    QString signatureAlgorithm; // "SHA512withRSA", "SHA256withRSA", "SHA256withECDSA"
    QString fingerprint;        // lower-case hex SHA-256 of the DER
    QString certificatePem;
    QString keyFile; // relative to <data-dir>/pki; empty: the private key is not known
    qint64 createdAt = 0;
    QString createdBy;
};

class CertificateRepository {
public:
    explicit CertificateRepository(Database& db);

    /** Every certificate, in list order (position, then id). */
    [[nodiscard]] Result<std::vector<DeviceCertificate>> list() const;
    [[nodiscard]] Result<std::optional<DeviceCertificate>> find(qint64 id) const;
    [[nodiscard]] Result<std::optional<DeviceCertificate>> findByAlias(const QString& alias) const;
    /**
     * Appends \a certificate at the end of the list (its position is ignored); AlreadyExists
     * when the alias (any letter case) or the certificate is already in the store.
     */
    [[nodiscard]] Result<qint64> insert(const DeviceCertificate& certificate);
    [[nodiscard]] Result<void> remove(qint64 id);
    [[nodiscard]] Result<void> setActive(qint64 id, bool active);
    /** Sets the list position; callers swap two rows inside one transaction. */
    [[nodiscard]] Result<void> setPosition(qint64 id, qint64 position);

    /** How many devices use each certificate (ids without devices are absent). */
    [[nodiscard]] Result<QHash<qint64, qint64>> deviceCounts() const;
    [[nodiscard]] Result<qint64> deviceCount(qint64 id) const;
    /** The (not released) devices that use certificate \a id: id and name, by name. */
    [[nodiscard]] Result<std::vector<std::pair<qint64, QString>>> devicesUsing(qint64 id) const;
    /** Records that \a deviceId pins certificate \a certificateId. */
    [[nodiscard]] Result<void> setDeviceCertificate(qint64 deviceId, qint64 certificateId);
    /** Stores the certificateSupport \a deviceId advertised (compact JSON). */
    [[nodiscard]] Result<void> setDeviceSupport(qint64 deviceId, const QString& supportJson);
    /** The certificate \a deviceId pins, if known. */
    [[nodiscard]] Result<std::optional<qint64>> deviceCertificate(qint64 deviceId) const;
    /**
     * The certificate whose key signs instructions to \a deviceId: the one a rollover in flight
     * offers (the channel delivers in order, so the device has pinned it by then), else the one
     * it pins.
     */
    [[nodiscard]] Result<std::optional<qint64>> signingCertificate(qint64 deviceId) const;
    /** Gives every device without a known certificate \a id; returns how many. */
    [[nodiscard]] Result<int> adoptDevices(qint64 id);

private:
    Database& m_db;
};

} // namespace steward::server::db
