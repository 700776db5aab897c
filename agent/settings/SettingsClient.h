// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SettingsClient - the agent's side of the versioned push: verifies settings.bundle against
// the pinned device-communication certificate, applies it and answers settings.applied.
#pragma once

#include "agent/settings/BundleApplier.h"
#include "common/protocol/Settings.h"

#include <QObject>
#include <QSslCertificate>

#include <functional>
#include <optional>

namespace steward::protocol {
struct IncomingMessage;
}

namespace steward::agent {
class ServerLink;
}

namespace steward::agent::settings {

/**
 * A bundle for another device, or one whose signature the pinned certificate does not verify,
 * is refused (reported with the failure under "device" or "signature") and nothing is applied.
 * A bundle whose version is already in effect is answered at once without touching a file. A
 * report that cannot go out because the link is down goes out when it is up again.
 */
class SettingsClient : public QObject {
    Q_OBJECT

public:
    SettingsClient(ServerLink& link, std::unique_ptr<BundleApplier> applier, qint64 deviceId,
                   QSslCertificate pinned, QObject* parent = nullptr);

    /**
     * Runs before a verified bundle that is not in effect yet is applied (it downloads the
     * wallpaper); the bundle is applied when \a ready is called, unless a newer one came first.
     */
    using Prepare =
        std::function<void(const protocol::SettingsBundle& bundle, std::function<void()> ready)>;
    void setPrepare(Prepare prepare) { m_prepare = std::move(prepare); }

    /** Verifies and applies \a bundle; the report that goes to the server. */
    protocol::SettingsApplied handle(const protocol::SettingsBundle& bundle);
    [[nodiscard]] const BundleApplier& applier() const { return *m_applier; }
    /** The kept bundle's runtime values in effect again (BundleApplier::activateRuntime()). */
    [[nodiscard]] QMap<QString, QString> activateRuntime() { return m_applier->activateRuntime(); }
    /** The device-communication certificate that verifies from now on (rollover). */
    void setPinned(const QSslCertificate& pinned) { m_pinned = pinned; }

Q_SIGNALS:
    /** A bundle was handled (applied or refused). */
    void handled(const steward::protocol::SettingsApplied& report);

private:
    void received(const protocol::IncomingMessage& message);
    [[nodiscard]] Result<void> verify(const protocol::SettingsBundle& bundle) const;
    void report(const protocol::SettingsApplied& report);

    ServerLink& m_link;
    std::unique_ptr<BundleApplier> m_applier;
    qint64 m_deviceId;
    QSslCertificate m_pinned;
    std::optional<protocol::SettingsApplied> m_unsent;
    Prepare m_prepare;
    QString m_preparing; // the version of the bundle being prepared
};

} // namespace steward::agent::settings
