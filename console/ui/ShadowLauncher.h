// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowLauncher - the seam between the main window and the shadow viewer (console/shadow).
#pragma once

#include "console/net/Session.h"

#include <QJsonObject>
#include <QString>

class QWidget;

namespace steward::console::ui {

/**
 * The main window's "Shadow" action calls start() with the selected device. The shadow library
 * implements this (ticket, tunnel, consent, viewer window) and is handed to MainWindow by the
 * application; until then UnavailableShadowLauncher explains that it is not available.
 * Everything a launcher needs is in the session: the server URL, the bearer token
 * (session.api->token()) and the pinned web certificate (session.api->pinnedCertificate(), whose
 * tls::sha256Fingerprint() is what console/shadow's ShadowApi trusts).
 */
class ShadowLauncher {
public:
    virtual ~ShadowLauncher() = default;
    /** Empty when shadowing can start; otherwise why not (shown as the action's tooltip). */
    [[nodiscard]] virtual QString unavailableReason() const = 0;
    virtual void start(const net::Session& session, const QJsonObject& device, QWidget* parent) = 0;
};

class UnavailableShadowLauncher final : public ShadowLauncher {
public:
    [[nodiscard]] QString unavailableReason() const override
    {
        return QStringLiteral("Shadowing is not available yet in this console build");
    }
    void start(const net::Session&, const QJsonObject&, QWidget*) override {}
};

} // namespace steward::console::ui
