// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// RuntimeApplier - an applier whose parameters take effect in the running agent (shadow, vnc,
// agent), checked before anything is applied and undone when the bundle fails.
#pragma once

#include "agent/settings/Applier.h"
#include "common/shadow/ShadowPolicy.h"

#include <chrono>
#include <functional>

namespace steward::agent::settings {

/**
 * render() writes nothing: it runs check(). BundleApplier activates every runtime applier after
 * the files are written (always, also when the bundle carries none of its parameters) and, when
 * a later step fails, activates the previous values again. \a values holds only the parameters
 * the bundle carries: an absent one means the agent's own setting (command line, agent.conf).
 */
class RuntimeApplier : public Applier {
public:
    using Step = std::function<Result<void>(const QJsonObject& values)>;

    RuntimeApplier(QString name, Step check, Step activate);

    [[nodiscard]] QString name() const override { return m_name; }
    [[nodiscard]] Result<std::vector<FileChange>> render(const QJsonObject& values) const override;
    /** Whether \a values can be put into effect now (a port is free); changes nothing. */
    [[nodiscard]] Result<void> check(const QJsonObject& values) const;
    /** Puts \a values into effect; on failure the values running before stay in effect. */
    [[nodiscard]] Result<void> activate(const QJsonObject& values) const;

private:
    QString m_name;
    Step m_check;
    Step m_activate;
};

/** The shadow proxy's and the VNC server's settings the vnc applier manages. */
struct VncValues {
    quint16 port = 5901;       // the loopback VNC server
    quint16 shadowPort = 5900; // the TLS shadow proxy
    std::chrono::milliseconds pollInterval{10};
    QString desktopName = QStringLiteral("steward");
    bool operator==(const VncValues&) const = default;
};

/**
 * The policy the agent enforces: the server's per-device policy (shadow.policy) combined with
 * the bundle's shadow.* values so that neither loosens the other: shadowing is allowed only when
 * both allow it; prompt, view-only and secure-only hold when either asks for them. The bundle's
 * prompt_timeout and path, when it carries them, replace the per-device ones.
 */
[[nodiscard]] steward::shadow::ShadowPolicy shadowPolicyWith(steward::shadow::ShadowPolicy server,
                                                             const QJsonObject& values);
/** \a own with the vnc.* values of \a values. */
[[nodiscard]] VncValues vncValuesWith(VncValues own, const QJsonObject& values);
/** agent.heartbeat_interval from \a values, else \a own. */
[[nodiscard]] std::chrono::seconds heartbeatWith(std::chrono::seconds own,
                                                 const QJsonObject& values);

} // namespace steward::agent::settings
