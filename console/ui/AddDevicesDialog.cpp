// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/AddDevicesDialog.h"

#include "console/ui/EnrolmentTokenPanel.h"
#include "console/ui/ScanPanel.h"

#include <QDialogButtonBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace steward::console::ui {

AddDevicesDialog::AddDevicesDialog(net::Transport& transport, const QUrl& server,
                                   const QSslCertificate& serverCertificate, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("addDevices"));
    setWindowTitle(tr("Add devices"));
    m_tabs = new QTabWidget(this);
    m_tokens = new EnrolmentTokenPanel(transport, server, serverCertificate, m_tabs);
    m_scan = new ScanPanel(transport, m_tabs);
    m_tabs->addTab(m_tokens, tr("&Enrolment token"));
    m_tabs->addTab(m_scan, tr("&Network scan"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);
    resize(760, 560);
}

void AddDevicesDialog::done(int result)
{
    // Nothing keeps running behind a closed dialog, and the token leaves the screen.
    m_scan->cancel();
    m_tokens->clearToken();
    QDialog::done(result);
}

} // namespace steward::console::ui
