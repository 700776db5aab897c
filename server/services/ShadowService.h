// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowService - shadow certificates, policies and one-time sessions (tickets) on the server.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/Decoder.h"
#include "common/shadow/ShadowPolicy.h"
#include "server/db/records/Device.h"
#include "server/http/HttpTypes.h"
#include "server/services/Clock.h"
#include "server/services/SigningKeys.h"

#include <QHash>
#include <QJsonObject>
#include <QSet>

#include <chrono>
#include <functional>

namespace steward::server::db {
class DeviceRepository;
class ShadowRepository;
} // namespace steward::server::db

namespace steward::server::services {

class AuditLog;

struct ShadowSettings {
    std::chrono::seconds ticketTtl{60}; // [shadow] ticketTtlSeconds
    bool secureOnly = false;            // [shadow] secureOnly: force secureOnly on every device
};

/** What POST /api/v1/devices/{id}/shadow answers (201). */
struct ShadowOffer {
    QJsonObject json;
};

/**
 * The server's half of secure shadowing (docs/shadowing.md, docs/protocol/shadow.md):
 * - stores the certificate an agent uploads (shadow.certificate) and its policy;
 * - createSession() checks permission, policy and the device's state, stores a pending session,
 *   signs a ticket with the device-communication key and sends shadow.expect to the agent;
 * - a shadow.claim from the agent turns a pending session into used exactly once;
 * - shadow.ended and shadow.refused go to the audit log.
 */
class ShadowService {
public:
    /** Sends a message to a device's channel; false when it has none. */
    using Sender = std::function<bool(qint64 deviceId, const protocol::Message& message,
                                      std::optional<protocol::MessageId> re)>;

    ShadowService(db::ShadowRepository& shadow, db::DeviceRepository& devices,
                  SigningKeyOf signingKey, AuditLog& audit, Clock clock, ShadowSettings settings,
                  Sender sender, std::function<bool(qint64)> isOnline);

    /** Decides whether an administrator may shadow a device (access control's Shadow right). */
    using Permission = std::function<Result<void>(const http::Principal& principal,
                                                  const db::Device& device, const QString& peer)>;
    /** Without one, only a superuser may shadow. */
    void setPermission(Permission permission) { m_permission = std::move(permission); }
    [[nodiscard]] Result<void> mayShadow(const http::Principal& principal, const db::Device& device,
                                         const QString& peer) const;

    /**
     * Whether the administrator named \a admin holds the Shadow right on \a deviceId now
     * (without auditing); an error (e.g. the database is away) leaves sessions alone.
     */
    using RightCheck = std::function<Result<bool>(const QString& admin, qint64 deviceId)>;
    void setRightCheck(RightCheck check) { m_rightCheck = std::move(check); }
    /** Closes the relay splice of \a session, if it has one (TunnelRelay::close). */
    using RelayCloser = std::function<void(const QString& session, const QString& reason)>;
    void setRelayCloser(RelayCloser closer) { m_closeRelay = std::move(closer); }

    /**
     * Live revocation: ends every session in use whose administrator no longer holds the Shadow
     * right on its device (endSession() with "rights revoked"). Call it whenever rights may have
     * changed. Returns how many sessions it ended.
     */
    int recheckSessions();
    /**
     * Ends session \a id now: shadow.end to the agent (which closes both legs and reports
     * shadow.ended), the relay splice closed too, "shadow.revoke" audited. The agent's report
     * is audited as shadow.end with \a reason whatever it says. False when \a id is not in use.
     */
    bool endSession(const QString& id, const QString& reason);

    /** \a path is "direct", "relay" or "auto". */
    [[nodiscard]] Result<ShadowOffer> createSession(const http::Principal& principal,
                                                    qint64 deviceId, const QString& path,
                                                    const QString& peer);

    /**
     * The device of \a session if \a principal may open its relay tunnel now: a pending,
     * unexpired session on the relay path that \a principal asked for.
     */
    [[nodiscard]] Result<qint64> relayDevice(const QString& session,
                                             const http::Principal& principal) const;

    /** The device's stored policy (or the defaults) with the global override applied. */
    [[nodiscard]] Result<steward::shadow::ShadowPolicy> effectivePolicy(qint64 deviceId) const;
    /**
     * The values profiles and local values set for a device (managedValues of its effective
     * configuration); sessions combine their shadow.* values with the device's policy
     * (shadow::withConfiguredValues), as the agent does.
     */
    using ConfiguredValues = std::function<Result<QJsonObject>(qint64 deviceId)>;
    void setConfiguredValues(ConfiguredValues values) { m_configured = std::move(values); }
    /** What a new session of the device obeys: effectivePolicy() with the configured values. */
    [[nodiscard]] Result<steward::shadow::ShadowPolicy> sessionPolicy(qint64 deviceId) const;
    /** Stores \a policy for the device and pushes it when the device is online. */
    [[nodiscard]] Result<void> setPolicy(const http::Principal& principal, qint64 deviceId,
                                         const steward::shadow::ShadowPolicy& policy,
                                         const QString& peer);

    /** Handles the shadow.* messages of the device channel; false for any other message. */
    bool handleDeviceMessage(const db::Device& device, const QString& peer,
                             const protocol::IncomingMessage& incoming);
    /** A device's channel came up: push its policy. */
    void deviceGreeted(qint64 deviceId);

private:
    void storeCertificate(const db::Device& device, const protocol::ShadowCertificate& message);
    void claim(const db::Device& device, const protocol::ShadowClaim& claim,
               std::optional<protocol::MessageId> requestId);
    void ended(const db::Device& device, const protocol::ShadowEnded& report);
    void refused(const db::Device& device, const protocol::ShadowRefused& report,
                 const QString& peer);
    [[nodiscard]] Result<void> mayStillShadow(const QString& admin, qint64 deviceId,
                                              const QString& session) const;

    db::ShadowRepository& m_shadow;
    db::DeviceRepository& m_devices;
    SigningKeyOf m_signingKey; // signs tickets with the device's pinned certificate
    AuditLog& m_audit;
    Clock m_clock;
    ShadowSettings m_settings;
    Sender m_send;
    std::function<bool(qint64)> m_isOnline;
    Permission m_permission;
    RightCheck m_rightCheck;
    RelayCloser m_closeRelay;
    ConfiguredValues m_configured;
    /** Sessions the server ended, with the reason their shadow.ended is audited with. */
    QHash<QString, QString> m_ending;
    /** Sessions in use, read once from the database then kept: most rechecks find none. */
    std::optional<QSet<QString>> m_inUse;
};

} // namespace steward::server::services
