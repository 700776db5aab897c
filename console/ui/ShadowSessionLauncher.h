// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowSessionLauncher - the console's real ShadowLauncher: one ShadowWindow per session.
#pragma once

#include "console/ui/ShadowLauncher.h"

#include <QPointer>

namespace steward::console {
class ConsoleSettings;
}

namespace steward::console::ui {

class ShadowWindow;

/** Opens a ShadowWindow (deleted when closed) for each start(); several may be open at once. */
class ShadowSessionLauncher final : public ShadowLauncher {
public:
    explicit ShadowSessionLauncher(ConsoleSettings& settings) : m_settings(settings) {}

    [[nodiscard]] QString unavailableReason() const override { return {}; }
    void start(const net::Session& session, const QJsonObject& device, QWidget* parent) override;

    /** The most recently opened window while it is open (tests, screenshots). */
    [[nodiscard]] ShadowWindow* lastWindow() const;

private:
    ConsoleSettings& m_settings;
    QPointer<ShadowWindow> m_last;
};

} // namespace steward::console::ui
