// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/CertificateExpiryNotice.h"

#include "console/models/DashboardModel.h"

namespace steward::console::ui {

CertificateExpiryNotice::CertificateExpiryNotice(const models::DashboardModel& status,
                                                 QWidget* parent)
    : QLabel(parent), m_status(status)
{
    setObjectName(QStringLiteral("certificateExpiry"));
    setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #664d03; "
                                 "border: 1px solid #e0b000; padding: 1px 6px; }"));
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Open Administration › Certificates"));
    hide();
    connect(&m_status, &models::DashboardModel::statusChanged, this,
            &CertificateExpiryNotice::refresh);
    refresh();
}

void CertificateExpiryNotice::refresh()
{
    // Device-communication, web and CA certificates: every warning, said once each.
    QStringList messages;
    for (const char* name : CheckNames) {
        for (const auto& check : m_status.checks()) {
            if (check.name != QLatin1String(name)
                || (check.status != QLatin1String("warn") && check.status != QLatin1String("err"))
                || check.message.isEmpty()) {
                continue;
            }
            // The server's message may repeat the check's name in front: said once is enough.
            QString message = check.message;
            const QString prefix = QLatin1String(name) + QStringLiteral(": ");
            if (message.startsWith(prefix)) {
                message.remove(0, prefix.size());
            }
            messages.append(message);
        }
    }
    if (messages.isEmpty()) {
        setText({});
        hide();
        return;
    }
    setText(tr("⚠ Certificate expiry: %1").arg(messages.join(QStringLiteral("; "))));
    show();
}

void CertificateExpiryNotice::mousePressEvent(QMouseEvent* event)
{
    QLabel::mousePressEvent(event);
    Q_EMIT activated();
}

} // namespace steward::console::ui
