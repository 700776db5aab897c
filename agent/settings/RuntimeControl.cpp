// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/settings/RuntimeControl.h"

#include "agent/app/Logging.h"
#include "agent/link/ServerLink.h"
#include "agent/shadow/ShadowProxy.h"
#include "agent/vnc/VncServer.h"

#include <QTcpServer>

namespace steward::agent::settings {
namespace {

// Validation before anything changes: the port must be free now (a race with another program
// binding it in between is still caught by the restart, which then keeps the old port).
Result<void> portFree(const QString& key, const QHostAddress& address, quint16 port)
{
    QTcpServer probe;
    if (!probe.listen(address, port)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("%1: port %2 cannot be used on %3: %4")
                             .arg(key)
                             .arg(port)
                             .arg(address.toString(), probe.errorString()));
    }
    return {};
}

} // namespace

RuntimeControl::RuntimeControl(RuntimeDefaults own, QObject* parent)
    : QObject(parent), m_own(std::move(own)), m_vnc(m_own.vnc), m_heartbeat(m_own.heartbeat)
{}

std::vector<std::unique_ptr<Applier>> RuntimeControl::appliers()
{
    std::vector<std::unique_ptr<Applier>> appliers;
    appliers.push_back(std::make_unique<RuntimeApplier>(
        QStringLiteral("shadow"), nullptr,
        [this](const QJsonObject& values) { return activateShadow(values); }));
    appliers.push_back(std::make_unique<RuntimeApplier>(
        QStringLiteral("vnc"), [this](const QJsonObject& values) { return checkVnc(values); },
        [this](const QJsonObject& values) { return activateVnc(values); }));
    appliers.push_back(std::make_unique<RuntimeApplier>(
        QStringLiteral("agent"), nullptr,
        [this](const QJsonObject& values) { return activateAgent(values); }));
    return appliers;
}

void RuntimeControl::attachLink(ServerLink* link)
{
    m_link = link;
    if (m_link != nullptr) {
        m_link->setHeartbeat(m_heartbeat);
    }
}

void RuntimeControl::attachShadowing(vnc::VncServer* vnc, shadow::ShadowProxy* proxy)
{
    m_vncServer = vnc;
    m_proxy = proxy;
    if (m_proxy != nullptr) {
        m_proxy->setPolicy(policy());
    }
}

void RuntimeControl::detachShadowing()
{
    m_vncServer = nullptr;
    m_proxy = nullptr;
}

steward::shadow::ShadowPolicy RuntimeControl::policy() const
{
    return shadowPolicyWith(m_serverPolicy, m_shadowValues);
}

void RuntimeControl::setServerPolicy(const steward::shadow::ShadowPolicy& policy)
{
    m_serverPolicy = policy;
    if (m_proxy != nullptr) {
        m_proxy->setPolicy(this->policy());
    }
}

Result<void> RuntimeControl::activateShadow(const QJsonObject& values)
{
    if (values != m_shadowValues) {
        m_shadowValues = values;
        const auto effective = policy();
        qCInfo(lcAgentApp).noquote()
            << QStringLiteral("shadow policy from settings: allowed=%1 prompt=%2 viewOnly=%3")
                   .arg(effective.allowed)
                   .arg(effective.prompt)
                   .arg(effective.viewOnly);
    }
    if (m_proxy != nullptr) {
        m_proxy->setPolicy(policy());
    }
    return {};
}

Result<void> RuntimeControl::checkVnc(const QJsonObject& values) const
{
    const VncValues wanted = vncValuesWith(m_own.vnc, values);
    if (m_vncServer != nullptr && wanted.port != 0 && wanted.port != m_vncServer->port()) {
        if (auto free =
                portFree(QStringLiteral("vnc.port"), m_vncServer->options().address, wanted.port);
            !free) {
            return free;
        }
    }
    if (m_proxy != nullptr && wanted.shadowPort != 0 && wanted.shadowPort != m_proxy->port()) {
        return portFree(QStringLiteral("vnc.shadow_port"), m_proxy->serverAddress(),
                        wanted.shadowPort);
    }
    return {};
}

Result<void> RuntimeControl::moveVnc(quint16 port)
{
    const quint16 previous = m_vncServer->options().port;
    m_vncServer->stop();
    m_vncServer->setPort(port);
    if (auto started = m_vncServer->start(); !started) {
        m_vncServer->setPort(previous);
        (void)m_vncServer->start();
        return makeError(started.error().code,
                         QStringLiteral("vnc.port: %1").arg(started.error().message));
    }
    if (m_proxy != nullptr) {
        m_proxy->setVncPort(m_vncServer->port());
    }
    return {};
}

Result<void> RuntimeControl::activateVnc(const QJsonObject& values)
{
    const VncValues wanted = vncValuesWith(m_own.vnc, values);
    if (wanted == m_vnc) {
        return {};
    }
    const quint16 previousShadowPort = m_proxy != nullptr ? m_proxy->port() : 0;
    if (m_proxy != nullptr && wanted.shadowPort != m_vnc.shadowPort) {
        if (auto moved = m_proxy->moveTo(wanted.shadowPort); !moved) {
            return makeError(moved.error().code,
                             QStringLiteral("vnc.shadow_port: %1").arg(moved.error().message));
        }
    }
    if (m_vncServer != nullptr && wanted.port != m_vnc.port) {
        if (auto moved = moveVnc(wanted.port); !moved) {
            if (m_proxy != nullptr) {
                (void)m_proxy->moveTo(previousShadowPort);
            }
            return moved;
        }
    }
    if (m_vncServer != nullptr) {
        m_vncServer->setDesktopName(wanted.desktopName);
        m_vncServer->setPollInterval(wanted.pollInterval);
    }
    m_vnc = wanted;
    qCInfo(lcAgentApp).noquote()
        << QStringLiteral("vnc settings: port=%1 shadowPort=%2 pollIntervalMs=%3 desktopName=%4")
               .arg(m_vncServer != nullptr ? m_vncServer->port() : wanted.port)
               .arg(m_proxy != nullptr ? m_proxy->port() : wanted.shadowPort)
               .arg(wanted.pollInterval.count())
               .arg(wanted.desktopName);
    if (m_proxy != nullptr && m_proxy->port() != previousShadowPort) {
        Q_EMIT shadowPortChanged(m_proxy->port());
    }
    return {};
}

Result<void> RuntimeControl::activateAgent(const QJsonObject& values)
{
    const auto wanted = heartbeatWith(m_own.heartbeat, values);
    if (wanted != m_heartbeat) {
        qCInfo(lcAgentApp).noquote()
            << QStringLiteral("heartbeat interval now %1 s").arg(wanted.count());
    }
    m_heartbeat = wanted;
    if (m_link != nullptr) {
        m_link->setHeartbeat(m_heartbeat);
    }
    return {};
}

} // namespace steward::agent::settings
