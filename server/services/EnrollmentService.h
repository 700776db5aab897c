// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// EnrollmentService - one-time tokens and the enrolment that turns a CSR into a device.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/CertificateSupport.h"
#include "server/db/records/Device.h"
#include "server/services/Clock.h"

#include <QByteArray>
#include <QString>

#include <chrono>
#include <functional>
#include <map>

namespace steward::server::db {
class Database;
class DeviceRepository;
class EnrollmentTokenRepository;
class FolderRepository;
} // namespace steward::server::db

namespace steward::server::services {

class AuditLog;
class CertificateStore;
class ServerIdentity;

inline constexpr std::chrono::seconds DefaultTokenLifetime{24 * 3600};
inline constexpr std::chrono::seconds MaxTokenLifetime{30 * 24 * 3600};
/** Client certificates issued at enrolment; rollover renews them before the end (#4). */
inline constexpr std::chrono::seconds DeviceCertificateValidity{2 * 365 * 24 * 3600};
/** The device naming convention ([devices] namePrefix and naming in server.conf). */
struct DeviceNaming {
    QString prefix = QStringLiteral("TC-");
    bool useHostname = false; // naming = hostname: the device's own host name
};

struct NewToken {
    QByteArray token; // shown once; only its SHA-256 is stored
    qint64 id = 0;
    qint64 expiresAt = 0;
};

/** The raw SHA-256 a token is stored and looked up by. */
[[nodiscard]] QByteArray enrollmentTokenHash(const QByteArray& token);

/**
 * Creates a token valid for \a lifetime (1 s … 30 days) and audits it as
 * "enrollment-token.create". Used by the REST route and by steward-admin. A non-empty
 * \a folder is a path such as "/Berlin/Floor 2" that must exist now (NotFound names the
 * missing part); the device enrolled with the token is placed in that folder, even if it is
 * renamed or moved meanwhile. "/" is the root.
 */
[[nodiscard]] Result<NewToken> createEnrollmentToken(db::EnrollmentTokenRepository& tokens,
                                                     db::FolderRepository& folders, AuditLog& audit,
                                                     std::chrono::seconds lifetime,
                                                     const QString& folder, const QString& actor,
                                                     const QString& peer, qint64 now);

/** "1h", "30m", "2d", "90s" or plain seconds; InvalidArgument naming the text otherwise. */
[[nodiscard]] Result<std::chrono::seconds> parseLifetime(const QString& text);

struct EnrollmentRequest {
    QByteArray token;
    QByteArray csrPem;
    QString hostname;
    QString unitId; // MAC "00:11:22:33:44:55", or empty
    QString agentVersion;
    QString peer;
    /** The certificates the agent can verify with; legacy() when it did not say. */
    protocol::CertificateSupport certificateSupport = protocol::CertificateSupport::legacy();
};

struct Enrollment {
    db::Device device;
    QByteArray certificatePem;
    QByteArray deviceCommunicationPem; // the certificate the device is to pin
    QString placement; // for the audit log: "folder=3", "folder=root", or why it is the root
};

/**
 * The name a new device gets: prefix + MAC ("TC-001122334455"), or its host name when \a naming
 * says so or the device reports no MAC.
 */
[[nodiscard]] QString deviceNameFor(const QString& unitId, const QString& hostname,
                                    const DeviceNaming& naming = {});

/**
 * Checks the token (exists, unexpired, unused), issues a client certificate from the device CA
 * for the CSR's key, spends the token and creates the device, all in one transaction: a
 * failure leaves neither a device nor a spent token. Every refusal is audited ("enroll",
 * outcome "denied") with the reason; success is audited with the device.
 */
class EnrollmentService {
public:
    EnrollmentService(db::Database& database, db::EnrollmentTokenRepository& tokens,
                      db::DeviceRepository& devices, const ServerIdentity& identity,
                      AuditLog& audit, Clock clock);

    /**
     * An empty token asks for auto-registration: refused (Unauthenticated, audited) unless
     * \a allowed; allowed, the device is enrolled without a token (docs/discovery.md).
     */
    void setAutoRegistration(bool allowed) { m_autoRegistration = allowed; }
    /**
     * Binds a token (one sent in a register offer) to a unit id: only a request naming that
     * unit may spend it. Kept in memory: after a restart the token works unbound until it
     * expires, which is why offer tokens are short-lived.
     */
    void bindToken(qint64 tokenId, const QString& unitId);

    [[nodiscard]] Result<Enrollment> enroll(const EnrollmentRequest& request);
    void setNaming(DeviceNaming naming) { m_naming = std::move(naming); }
    /**
     * Where the device-communication certificate comes from: the first active one the device
     * supports (none: the enrolment is refused, UnsupportedAlgorithm), recorded as the
     * device's. Without a store every device gets the identity's tckey.
     */
    void setCertificateStore(CertificateStore* store) { m_certificates = store; }
    /**
     * Zero-touch: asked inside the enrolment with the device's host name, address and whether
     * its token gave it a folder; a folder id moves it there (FolderRuleService::placeNew).
     */
    using Placement = std::function<Result<std::optional<std::pair<qint64, qint64>>>(
        const QString& hostname, const QString& address, bool hasFolder)>;
    void setPlacement(Placement placement) { m_placement = std::move(placement); }

private:
    /** The token to spend, or none for an allowed auto-registration. */
    [[nodiscard]] Result<std::optional<db::EnrollmentToken>>
    checkToken(const EnrollmentRequest& request, qint64 now);
    [[nodiscard]] Result<Enrollment> enrollInTransaction(const EnrollmentRequest& request);

    db::Database& m_database;
    db::EnrollmentTokenRepository& m_tokens;
    db::DeviceRepository& m_devices;
    const ServerIdentity& m_identity;
    AuditLog& m_audit;
    Clock m_clock;
    DeviceNaming m_naming;
    bool m_autoRegistration = false;
    CertificateStore* m_certificates = nullptr;
    Placement m_placement;
    std::map<qint64, QString> m_boundTokens; // token id → unit id (upper-case)
};

} // namespace steward::server::services
