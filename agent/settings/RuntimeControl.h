// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// RuntimeControl - puts the runtime appliers' values (shadow, vnc, agent) into effect in the
// running agent: the shadow proxy's policy and port, the VNC server, the link's heartbeat.
#pragma once

#include "agent/settings/RuntimeApplier.h"

#include <QObject>

namespace steward::agent {
class ServerLink;
}
namespace steward::agent::vnc {
class VncServer;
}
namespace steward::agent::shadow {
class ShadowProxy;
}

namespace steward::agent::settings {

/** The agent's own settings (command line, agent.conf): what a parameter left out means. */
struct RuntimeDefaults {
    VncValues vnc;
    std::chrono::seconds heartbeat{60};
};

/**
 * Values arriving before the components run are kept and used when they start (vnc(),
 * heartbeat()). A port change restarts only the listener concerned; viewers of the VNC server
 * are disconnected by its restart, sessions through the shadow proxy's old port go on.
 */
class RuntimeControl : public QObject {
    Q_OBJECT

public:
    explicit RuntimeControl(RuntimeDefaults own, QObject* parent = nullptr);

    /** shadow, vnc and agent, for the BundleApplier; they must not outlive this object. */
    [[nodiscard]] std::vector<std::unique_ptr<Applier>> appliers();

    void attachLink(ServerLink* link);
    /** \a vnc is null with an external VNC server (then vnc.* other than shadow_port wait). */
    void attachShadowing(vnc::VncServer* vnc, shadow::ShadowProxy* proxy);
    void detachShadowing();
    /** The server's per-device policy (shadow.policy): combined with the bundle's values. */
    void setServerPolicy(const steward::shadow::ShadowPolicy& policy);

    [[nodiscard]] const VncValues& vnc() const { return m_vnc; }
    [[nodiscard]] std::chrono::seconds heartbeat() const { return m_heartbeat; }
    [[nodiscard]] steward::shadow::ShadowPolicy policy() const;

    [[nodiscard]] Result<void> checkVnc(const QJsonObject& values) const;
    [[nodiscard]] Result<void> activateVnc(const QJsonObject& values);
    [[nodiscard]] Result<void> activateShadow(const QJsonObject& values);
    [[nodiscard]] Result<void> activateAgent(const QJsonObject& values);

Q_SIGNALS:
    /** The shadow proxy listens on another port now: the server must learn it. */
    void shadowPortChanged(quint16 port);

private:
    [[nodiscard]] Result<void> moveVnc(quint16 port);

    RuntimeDefaults m_own;
    VncValues m_vnc;
    std::chrono::seconds m_heartbeat;
    steward::shadow::ShadowPolicy m_serverPolicy;
    QJsonObject m_shadowValues;
    ServerLink* m_link = nullptr;
    vnc::VncServer* m_vncServer = nullptr;
    shadow::ShadowProxy* m_proxy = nullptr;
};

} // namespace steward::agent::settings
