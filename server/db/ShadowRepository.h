// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowRepository - device_shadow (certificate, port, policy) and shadow_sessions.
#pragma once

#include "common/core/Result.h"

#include <QString>

#include <optional>
#include <vector>

namespace steward::server::db {

class Database;

struct DeviceShadow {
    qint64 deviceId = 0;
    QString certificatePem; // empty until the agent uploaded one
    QString fingerprint;    // lower-case hex SHA-256 of the certificate's DER
    int port = 5900;
    std::optional<qint64> uploadedAt;
    QString policyJson; // empty: the defaults
};

/** One row of shadow_sessions; bytesIn is console → device, bytesOut device → console. */
struct ShadowSession {
    QString id; // the session's UUID (column `session`; the row's own id is internal)
    qint64 deviceId = 0;
    QString admin;
    QString path;
    QString nonce; // base64url
    qint64 created = 0;
    qint64 expires = 0;
    QString state; // pending, used, ended, expired
    std::optional<qint64> started;
    std::optional<qint64> ended;
    qint64 bytesIn = 0;
    qint64 bytesOut = 0;
    QString peer;
};

class ShadowRepository {
public:
    explicit ShadowRepository(Database& db);

    [[nodiscard]] Result<std::optional<DeviceShadow>> find(qint64 deviceId) const;
    [[nodiscard]] Result<void> storeCertificate(qint64 deviceId, const QString& pem,
                                                const QString& fingerprint, int port, qint64 at);
    [[nodiscard]] Result<void> storePolicy(qint64 deviceId, const QString& policyJson);

    [[nodiscard]] Result<void> insertSession(const ShadowSession& session);
    [[nodiscard]] Result<std::optional<ShadowSession>> findSession(const QString& id) const;
    /**
     * pending → used, only for this device and nonce and before expiry; Conflict when no row
     * matched (unknown, used, expired, another device or another nonce).
     */
    [[nodiscard]] Result<void> claimSession(const QString& id, qint64 deviceId,
                                            const QString& nonce, qint64 now, const QString& peer);
    /** used → ended with the byte counts; Conflict unless the session was used by this device. */
    [[nodiscard]] Result<void> endSession(const QString& id, qint64 deviceId, qint64 now,
                                          qint64 bytesIn, qint64 bytesOut);
    /** Every session in state `used` (claimed, not yet reported ended), oldest first. */
    [[nodiscard]] Result<std::vector<ShadowSession>> sessionsInUse() const;
    /** pending sessions past their expiry → expired; returns how many. */
    [[nodiscard]] Result<int> expireSessions(qint64 now);

private:
    Database& m_db;
};

} // namespace steward::server::db
