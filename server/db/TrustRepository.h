// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TrustRepository - per device: the roots it trusts and its renewed client certificate.
#pragma once

#include "common/core/Result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace steward::server::db {

class Database;

/** A device (not released, not deleted) and what it presents today. */
struct DeviceClientCertificate {
    qint64 deviceId = 0;
    QString name;
    QString certPem;
};

/** Migration 20: device_trusted_roots and devices.next_cert_*. */
class TrustRepository {
public:
    explicit TrustRepository(Database& db);

    /**
     * Every device that is not released and has no row yet trusts \a fingerprint: the root it
     * saw at enrolment (agents before the CA rollover, and newly enrolled ones). With
     * \a deviceId only that device (a hello must not cost a pass over every device).
     */
    [[nodiscard]] Result<void> recordDefault(const QString& fingerprint, qint64 now,
                                             std::optional<qint64> deviceId = std::nullopt);
    /** The roots \a deviceId trusts (sorted); empty when none is recorded. */
    [[nodiscard]] Result<QStringList> trusted(qint64 deviceId) const;
    /** The device confirmed it trusts exactly \a fingerprints. */
    [[nodiscard]] Result<void> replace(qint64 deviceId, const QStringList& fingerprints,
                                       qint64 now);
    /** Devices (not released, not in the recycle bin) without \a fingerprint, by id. */
    [[nodiscard]] Result<std::vector<std::pair<qint64, QString>>>
    notTrusting(const QString& fingerprint) const;
    /** Every device that is not released nor deleted (or just \a deviceId), with its certificate.
     */
    [[nodiscard]] Result<std::vector<DeviceClientCertificate>>
    clientCertificates(std::optional<qint64> deviceId = std::nullopt) const;
    /** Keeps \a pem as the certificate \a deviceId presents from its next connection. */
    [[nodiscard]] Result<void> setNextCertificate(qint64 deviceId, const QString& fingerprint,
                                                  const QString& pem);
    /**
     * The device whose renewed certificate has \a fingerprint becomes that certificate's
     * holder (it connected with it); its id, or nullopt when no device waits for it.
     */
    [[nodiscard]] Result<std::optional<qint64>> promoteNext(const QString& fingerprint);

private:
    Database& m_db;
};

} // namespace steward::server::db
