// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowPolicy - what a device allows when an administrator shadows it (docs/shadowing.md).
#pragma once

#include "common/core/Result.h"

#include <QJsonObject>
#include <QString>

#include <chrono>

namespace steward::shadow {

enum class PathPreference {
    DirectThenRelay, // "direct-then-relay": try the device's port, fall back to the relay
    DirectOnly,      // "direct"
    RelayOnly,       // "relay"
};

/**
 * One struct, shared by server and agent, pushed as the body of `shadow.policy` (and later as
 * part of a settings bundle). The member initialisers are the defaults of a freshly enrolled
 * device: allowed, secure only, no prompt, input allowed, direct first then relay, and the
 * device's user may end a session.
 */
struct ShadowPolicy {
    bool allowed = true;
    /** Only the TLS proxy on the shadow port; Steward never offers plain VNC to the network. */
    bool secureOnly = true;
    /** Ask the device's user first (consent command, else steward-agent-prompt); silence refuses.
     */
    bool prompt = false;
    std::chrono::seconds promptTimeout{30};
    bool viewOnly = false;
    PathPreference path = PathPreference::DirectThenRelay;
    /** The device's user may end a running session (the indicator's "End session" button). */
    bool userMayEnd = true;

    bool operator==(const ShadowPolicy&) const = default;
};

inline constexpr std::chrono::seconds MaxPromptTimeout{600};

[[nodiscard]] QString pathPreferenceName(PathPreference path);
[[nodiscard]] QJsonObject toJson(const ShadowPolicy& policy);
/**
 * Every key is required but userMayEnd (added later: absent means true); InvalidArgument names
 * the first bad one.
 */
[[nodiscard]] Result<ShadowPolicy> shadowPolicyFromJson(const QJsonObject& object);

/**
 * \a device (the per-device policy) with a configuration's shadow.* values (key → value, only
 * those a profile or a local value sets) so that neither loosens the other: shadowing is allowed
 * only when both allow it; prompt, view-only and secure-only hold when either asks for them;
 * shadow.prompt_timeout and shadow.path, when set, replace the device's. The server decides
 * tickets with it and the agent enforces the same, so both always agree.
 */
[[nodiscard]] ShadowPolicy withConfiguredValues(ShadowPolicy device, const QJsonObject& values);

} // namespace steward::shadow
