// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/settings/SettingsClient.h"

#include "agent/app/Logging.h"
#include "agent/link/PinnedSignature.h"
#include "agent/link/ServerLink.h"

#include <QPointer>

namespace steward::agent::settings {

SettingsClient::SettingsClient(ServerLink& link, std::unique_ptr<BundleApplier> applier,
                               qint64 deviceId, QSslCertificate pinned, QObject* parent)
    : QObject(parent), m_link(link), m_applier(std::move(applier)), m_deviceId(deviceId),
      m_pinned(std::move(pinned))
{
    connect(&m_link, &ServerLink::received, this, &SettingsClient::received);
    connect(&m_link, &ServerLink::up, this, [this] {
        if (m_unsent) {
            report(*std::exchange(m_unsent, std::nullopt));
        }
    });
}

void SettingsClient::received(const protocol::IncomingMessage& message)
{
    const auto* bundle = std::get_if<protocol::SettingsBundle>(&message.message);
    if (bundle == nullptr) {
        return;
    }
    m_preparing.clear(); // a newer bundle: the one being prepared is never applied
    if (m_prepare && bundle->version != m_applier->appliedVersion() && verify(*bundle)) {
        m_preparing = bundle->version;
        m_prepare(*bundle, [guard = QPointer<SettingsClient>(this), copy = *bundle] {
            if (guard && guard->m_preparing == copy.version) {
                guard->m_preparing.clear();
                guard->report(guard->handle(copy));
            }
        });
        return;
    }
    report(handle(*bundle));
}

Result<void> SettingsClient::verify(const protocol::SettingsBundle& bundle) const
{
    if (bundle.device != m_deviceId) {
        return makeError(ErrorCode::NotAuthorised,
                         QStringLiteral("the bundle is for device %1, this is device %2")
                             .arg(bundle.device)
                             .arg(m_deviceId));
    }
    return verifyPinnedSignature(m_pinned, protocol::settingsSigningPayload(bundle),
                                 bundle.signature, QStringLiteral("the bundle"));
}

protocol::SettingsApplied SettingsClient::handle(const protocol::SettingsBundle& bundle)
{
    protocol::SettingsApplied result;
    result.bundle = bundle.version;
    if (auto verified = verify(bundle); !verified) {
        qCWarning(lcAgentLink).noquote()
            << QStringLiteral("settings bundle refused: %1").arg(verified.error().message);
        result.version = m_applier->appliedVersion();
        result.failures.insert(verified.error().code == ErrorCode::NotAuthorised
                                   ? QStringLiteral("device")
                                   : QStringLiteral("signature"),
                               verified.error().message.left(1000));
        return result;
    }
    if (bundle.version == m_applier->appliedVersion()) {
        result.applied = true; // already in effect (a repeated delivery): no file is touched
        result.version = bundle.version;
        return result;
    }
    const ApplyReport applied = m_applier->apply(bundle.version, bundle.values);
    result.applied = applied.applied;
    result.version = applied.version;
    for (auto it = applied.failures.constBegin(); it != applied.failures.constEnd(); ++it) {
        result.failures.insert(it.key(), it.value().left(1000));
    }
    result.notApplied = applied.notApplied;
    result.rebootRequired = applied.rebootRequired;
    qCInfo(lcAgentLink).noquote()
        << QStringLiteral("settings bundle revision=%1 %2 failures=%3 not_applied=%4")
               .arg(bundle.revision)
               .arg(applied.applied ? QStringLiteral("applied") : QStringLiteral("refused"))
               .arg(QStringList(applied.failures.keys()).join(QLatin1Char(',')))
               .arg(applied.notApplied.size());
    return result;
}

void SettingsClient::report(const protocol::SettingsApplied& report)
{
    Q_EMIT handled(report);
    if (!m_link.send(report)) {
        m_unsent = report; // only the newest report matters
    }
}

} // namespace steward::agent::settings
