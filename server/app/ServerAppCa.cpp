// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ServerApp's CA rollover (issue #7 item 5): renewed roots and device CAs over the channel.
#include "common/tls/TlsConfig.h"
#include "server/app/Logging.h"
#include "server/app/ServerApp.h"

#include "server/db/TrustRepository.h"
#include "server/gateway/DeviceGateway.h"
#include "server/http/HttpApi.h"
#include "server/http/routes/CaRoutes.h"
#include "server/services/CaRollover.h"
#include "server/services/ServerIdentity.h"
#include "server/services/WebCertificateStore.h"

namespace steward::server {

Result<void> ServerApp::addCaRollover()
{
    m_trust = std::make_unique<db::TrustRepository>(*m_database);
    m_caRollover = std::make_unique<services::CaRollover>(
        m_identity->directory(), *m_trust, *m_certificates, *m_audit,
        services::RolloverChannel{[this] { return m_deviceGateway->onlineDevices(); },
                                  [this](qint64 id, const protocol::Message& message) {
                                      return m_deviceGateway->send(id, message);
                                  }},
        m_settings.certificateReconcileInterval);
    if (auto started = m_caRollover->start(); !started) {
        return started;
    }
    m_deviceGateway->setDeviceCas(m_caRollover->authorities().deviceCas());
    m_deviceGateway->setCertificateRenewal(
        [this](const QString& fingerprint) { return m_caRollover->promote(fingerprint); });
    m_deviceGateway->addMessageHandler([this](const db::Device& device, const QString& peer,
                                              const protocol::IncomingMessage& message) {
        return m_caRollover->handleDeviceMessage(device, peer, message);
    });
    // After the certificate reconciler's: a rollover reaches the device before the trust update.
    connect(m_deviceGateway.get(), &gateway::DeviceGateway::deviceGreeting, m_caRollover.get(),
            &services::CaRollover::deviceGreeted);
    connect(m_caRollover.get(), &services::CaRollover::authoritiesChanged, this, [this] {
        if (auto reloaded = m_identity->reloadAuthorities(); !reloaded) {
            qCCritical(lcServerApp).noquote() << reloaded.error().message;
            return;
        }
        m_deviceGateway->setDeviceCas(m_caRollover->authorities().deviceCas());
        if (m_webCertificates) { // the store's own certificate follows a re-issued web.crt
            if (auto followed = m_webCertificates->followReissued(); !followed) {
                qCCritical(lcServerApp).noquote() << followed.error().message;
            }
        }
        if (m_http->isListening()) {
            m_http->setTlsConfiguration(listenerTls());
        }
    });
    http::addCaRoutes(m_http->router(), *m_caRollover, *m_access);
    return {};
}

QSslConfiguration ServerApp::listenerTls() const
{
    QList<QSslCertificate> deviceCas;
    if (m_caRollover) {
        for (const auto& ca : m_caRollover->authorities().deviceCas()) {
            deviceCas.append(ca.toQSslCertificate());
        }
    } else {
        deviceCas.append(m_identity->deviceCa().toQSslCertificate());
    }
    return tls::serverConfiguration(m_identity->webTlsIdentity(), deviceCas);
}

} // namespace steward::server
