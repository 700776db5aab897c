// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AddDevicesDialog - the two ways to bring devices in: an enrolment token, or a network scan.
#pragma once

#include <QDialog>
#include <QSslCertificate>
#include <QUrl>

class QTabWidget;

namespace steward::console::net {
class Transport;
} // namespace steward::console::net

namespace steward::console::ui {

class EnrolmentTokenPanel;
class ScanPanel;

/** Not modal: the device list stays live, and an enrolled device appears there at once. */
class AddDevicesDialog : public QDialog {
    Q_OBJECT
public:
    AddDevicesDialog(net::Transport& transport, const QUrl& server,
                     const QSslCertificate& serverCertificate, QWidget* parent = nullptr);

    [[nodiscard]] EnrolmentTokenPanel& tokens() { return *m_tokens; }
    [[nodiscard]] ScanPanel& scan() { return *m_scan; }
    [[nodiscard]] QTabWidget& tabs() { return *m_tabs; }

protected:
    void done(int result) override;

private:
    QTabWidget* m_tabs = nullptr;
    EnrolmentTokenPanel* m_tokens = nullptr;
    ScanPanel* m_scan = nullptr;
};

} // namespace steward::console::ui
