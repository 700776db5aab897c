// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Shadow - the device-channel messages of secure shadowing (docs/protocol/shadow.md).
#pragma once

#include "common/core/Result.h"
#include "common/protocol/MessageType.h"
#include "common/shadow/ShadowPolicy.h"

#include <QJsonObject>
#include <QString>

namespace steward::protocol {

/**
 * `shadow.certificate`, agent → server: the agent's self-signed shadow certificate (PEM) and
 * the port its shadow proxy listens on.
 */
struct ShadowCertificate {
    static constexpr MessageType Type = MessageType::ShadowCertificate;
    QString certificate;
    int port = 5900;
    bool operator==(const ShadowCertificate&) const = default;
};

/** `shadow.policy`, server → agent: the device's shadow policy; the body is the policy. */
struct ShadowPolicyMessage {
    static constexpr MessageType Type = MessageType::ShadowPolicy;
    shadow::ShadowPolicy policy;
    bool operator==(const ShadowPolicyMessage&) const = default;
};

/** `shadow.expect`, server → agent: a ticket for \a session was issued and may arrive. */
struct ShadowExpect {
    static constexpr MessageType Type = MessageType::ShadowExpect;
    QString session;
    QString admin;
    QString path;
    qint64 expires = 0; // unix seconds
    bool operator==(const ShadowExpect&) const = default;
};

/**
 * `shadow.claim`, agent → server, with an id: the agent verified a ticket and asks the server
 * to confirm and consume it. The answer is `shadow.claimed` or an `error` (re = the id).
 */
struct ShadowClaim {
    static constexpr MessageType Type = MessageType::ShadowClaim;
    QString session;
    QString nonce; // base64url, as in the ticket
    QString peer;  // the console's address as the agent sees it
    bool operator==(const ShadowClaim&) const = default;
};

/** `shadow.claimed`, server → agent: the session is now used and belongs to this connection. */
struct ShadowClaimed {
    static constexpr MessageType Type = MessageType::ShadowClaimed;
    QString session;
    bool operator==(const ShadowClaimed&) const = default;
};

/** `shadow.ended`, agent → server: a claimed session finished. */
struct ShadowEnded {
    static constexpr MessageType Type = MessageType::ShadowEnded;
    QString session;
    qint64 bytesToViewer = 0;   // RFB bytes device → console
    qint64 bytesFromViewer = 0; // RFB bytes console → device
    qint64 durationMs = 0;
    QString reason;
    bool operator==(const ShadowEnded&) const = default;
};

/** `shadow.refused`, agent → server: the agent refused a connection (for the audit log). */
struct ShadowRefused {
    static constexpr MessageType Type = MessageType::ShadowRefused;
    QString session; // empty when the ticket could not be read
    QString status;  // shadow::statusName()
    QString reason;
    QString peer;
    bool operator==(const ShadowRefused&) const = default;
};

/**
 * `shadow.end`, server → agent: end the claimed session \a session now (both legs), e.g. because
 * its administrator lost the Shadow right; the agent reports it with shadow.ended and \a reason.
 */
struct ShadowEnd {
    static constexpr MessageType Type = MessageType::ShadowEnd;
    QString session;
    QString reason; // for people and the audit log, e.g. "rights revoked"
    bool operator==(const ShadowEnd&) const = default;
};

[[nodiscard]] QJsonObject toJson(const ShadowCertificate& message);
[[nodiscard]] Result<ShadowCertificate> shadowCertificateFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const ShadowPolicyMessage& message);
[[nodiscard]] Result<ShadowPolicyMessage> shadowPolicyMessageFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const ShadowExpect& message);
[[nodiscard]] Result<ShadowExpect> shadowExpectFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const ShadowClaim& message);
[[nodiscard]] Result<ShadowClaim> shadowClaimFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const ShadowClaimed& message);
[[nodiscard]] Result<ShadowClaimed> shadowClaimedFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const ShadowEnded& message);
[[nodiscard]] Result<ShadowEnded> shadowEndedFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const ShadowRefused& message);
[[nodiscard]] Result<ShadowRefused> shadowRefusedFromJson(const QJsonObject& body);
[[nodiscard]] QJsonObject toJson(const ShadowEnd& message);
[[nodiscard]] Result<ShadowEnd> shadowEndFromJson(const QJsonObject& body);

} // namespace steward::protocol
