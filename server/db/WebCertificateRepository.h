// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebCertificateRepository - web_certificates: what the web listener may present.
#pragma once

#include "common/core/Result.h"

#include <QString>

#include <optional>
#include <vector>

namespace steward::server::db {

class Database;

/** One web certificate as stored; the key stays in its file. */
struct WebCertificate {
    qint64 id = 0;
    QString alias;
    bool inUse = false;
    QString origin; // "steward": issued by the Steward root here; "imported": a foreign chain
    QString keySpec;
    QString signatureAlgorithm;
    QString fingerprint;    // lower-case hex SHA-256 of the leaf's DER
    QString certificatePem; // the leaf, then its chain up to the root
    QString keyFile;        // relative to <data-dir>/pki
    qint64 createdAt = 0;
    QString createdBy;
};

class WebCertificateRepository {
public:
    explicit WebCertificateRepository(Database& db);

    /** Every web certificate, oldest first. */
    [[nodiscard]] Result<std::vector<WebCertificate>> list() const;
    [[nodiscard]] Result<std::optional<WebCertificate>> find(qint64 id) const;
    /** AlreadyExists when the alias (any letter case) or the certificate is already stored. */
    [[nodiscard]] Result<qint64> insert(const WebCertificate& certificate);
    [[nodiscard]] Result<void> remove(qint64 id);
    /** Replaces certificate, key file and algorithms of \a id (a renewal). */
    [[nodiscard]] Result<void> replace(const WebCertificate& certificate);
    /** Marks \a id as the one in use and every other one as not; callers hold a transaction. */
    [[nodiscard]] Result<void> setInUse(qint64 id);
    /** The enrolled devices (not released, not in the recycle bin): id and name, by name. */
    [[nodiscard]] Result<std::vector<std::pair<qint64, QString>>> enrolledDevices() const;

private:
    Database& m_db;
};

} // namespace steward::server::db
