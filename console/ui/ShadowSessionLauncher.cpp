// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/ShadowSessionLauncher.h"

#include "console/ui/ShadowWindow.h"

namespace steward::console::ui {

void ShadowSessionLauncher::start(const net::Session& session, const QJsonObject& device,
                                  QWidget* parent)
{
    // A window of its own (not a child widget): it outlives nothing but the main window.
    auto* window = new ShadowWindow(session, device, m_settings, parent);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->show();
    window->raise();
    m_last = window;
}

ShadowWindow* ShadowSessionLauncher::lastWindow() const
{
    return m_last.data();
}

} // namespace steward::console::ui
