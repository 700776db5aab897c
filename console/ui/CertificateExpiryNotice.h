// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateExpiryNotice - a warning in the status bar while /status reports certificate expiry.
#pragma once

#include <QLabel>

#include <array>

namespace steward::console::models {
class DashboardModel;
}

namespace steward::console::ui {

/**
 * Follows the DashboardModel's /status (fetched every 30 s whatever page is shown): while the
 * check "device-communication certificates" is not ok, shows its message — which names each
 * certificate and when it expires — on a warning background; hidden otherwise. Clicking it
 * emits activated() (the main window opens the certificates page).
 */
class CertificateExpiryNotice : public QLabel {
    Q_OBJECT

public:
    static constexpr const char* CheckName = "device-communication certificates";
    /** Every /status check about a certificate in use expiring, in the order shown. */
    static constexpr std::array<const char*, 3> CheckNames{"device-communication certificates",
                                                           "web certificate expiry",
                                                           "certificate authority expiry"};

    explicit CertificateExpiryNotice(const models::DashboardModel& status,
                                     QWidget* parent = nullptr);

Q_SIGNALS:
    void activated();

protected:
    void mousePressEvent(QMouseEvent* event) override;

private:
    void refresh();

    const models::DashboardModel& m_status;
};

} // namespace steward::console::ui
