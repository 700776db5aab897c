// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's re-login: the session expired or was revoked, so ask for the password again.
#include "console/ui/MainWindow.h"

#include "console/net/ApiClient.h"
#include "console/net/EventSocket.h"
#include "console/ui/ConnectDialog.h"

#include <QLabel>
#include <QStatusBar>

namespace steward::console::ui {

void MainWindow::relogin()
{
    if (m_relogin) {
        return;
    }
    m_stateLabel->setText(tr("Session expired: log in again"));
    m_relogin = new ConnectDialog(m_settings, this);
    m_relogin->setObjectName(QStringLiteral("relogin"));
    m_relogin->setWindowTitle(tr("Log in again — %1").arg(m_session.server.host()));
    m_relogin->setServer(m_session.server.toString());
    m_relogin->setUser(m_session.user);
    ConnectDialog* dialog = m_relogin;
    connect(dialog, &QDialog::finished, this,
            [this, dialog](int result) { finishRelogin(*dialog, result == QDialog::Accepted); });
    if (m_loginPrompt) {
        m_loginPrompt(*dialog);
    } else {
        dialog->open();
    }
}

void MainWindow::finishRelogin(ConnectDialog& dialog, bool accepted)
{
    m_relogin = nullptr;
    dialog.deleteLater();
    if (!accepted) {
        // Nothing works without a session: say so, and keep the window for a later restart.
        m_session.api->abandon();
        m_session.events->close();
        m_stateLabel->setText(tr("Disconnected: the session expired and nobody logged in again"));
        return;
    }
    net::Session fresh = dialog.takeSession(this);
    const QByteArray token = fresh.api->token();
    // This window's client and socket stay (the models hold them): only the token changes.
    fresh.events->close();
    fresh.events->deleteLater();
    fresh.api->deleteLater();
    m_session.user = fresh.user;
    m_session.superuser = fresh.superuser;
    m_userLabel->setText(
        tr("User: %1%2").arg(m_session.user, m_session.superuser ? tr(" (superuser)") : QString()));
    m_session.events->close();
    m_session.events->open(m_session.server, m_session.api->pinnedCertificate(), token);
    m_session.api->resume(token);
    statusBar()->showMessage(tr("Logged in again as %1").arg(m_session.user), 5000);
}

} // namespace steward::console::ui
