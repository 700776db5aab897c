// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificatesPage's second tab: the web certificates (WebCertificatesPage).
#include "console/models/WebCertificateModel.h"
#include "console/ui/CertificatesPage.h"
#include "console/ui/WebCertificatesPage.h"

#include <QTabWidget>

namespace steward::console::ui {

void CertificatesPage::setConfirm(Confirm confirm)
{
    if (m_web != nullptr) {
        m_web->setConfirm(confirm);
    }
    m_confirm = std::move(confirm);
}

WebCertificatesPage& CertificatesPage::addWebCertificates(net::Transport& transport)
{
    if (m_web == nullptr) {
        auto* model = new models::WebCertificateModel(transport, this);
        m_web = new WebCertificatesPage(*model, this);
        m_web->setConfirm(m_confirm);
        m_tabs->addTab(m_web, tr("&Web certificates"));
    }
    return *m_web;
}

} // namespace steward::console::ui
