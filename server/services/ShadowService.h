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

#include <QJsonObject>

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

    db::ShadowRepository& m_shadow;
    db::DeviceRepository& m_devices;
    SigningKeyOf m_signingKey; // signs tickets with the device's pinned certificate
    AuditLog& m_audit;
    Clock m_clock;
    ShadowSettings m_settings;
    Sender m_send;
    std::function<bool(qint64)> m_isOnline;
    Permission m_permission;
};

} // namespace steward::server::services
