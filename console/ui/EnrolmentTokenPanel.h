// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// EnrolmentTokenPanel - make a one-time enrolment token and the command that uses it.
#pragma once

#include <QSslCertificate>
#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace steward::console::net {
class Transport;
} // namespace steward::console::net

namespace steward::console::ui {

/**
 * The token is shown once, in this panel only: it is never logged or written anywhere, and
 * the token list shows ids and states, never tokens. The command puts the token in the
 * STEWARD_ENROLL_TOKEN environment variable, not in the agent's arguments, and pins the
 * server's certificate with --fingerprint.
 */
class EnrolmentTokenPanel : public QWidget {
    Q_OBJECT
public:
    EnrolmentTokenPanel(net::Transport& transport, QUrl server, QSslCertificate serverCertificate,
                        QWidget* parent = nullptr);

    void createToken();
    void reload();
    /** Forgets the token shown (the dialog closing does this). */
    void clearToken();

    [[nodiscard]] QString token() const;
    [[nodiscard]] QString command() const;
    [[nodiscard]] QString error() const;
    [[nodiscard]] int listedTokens() const;
    /** True while a request is on its way. */
    [[nodiscard]] bool isBusy() const { return m_busy > 0; }

private:
    void loadFolders();
    void showError(const QString& message);

    net::Transport& m_transport;
    QUrl m_server;
    QString m_fingerprint;
    int m_busy = 0;
    QComboBox* m_folder = nullptr;
    QComboBox* m_lifetime = nullptr;
    QPushButton* m_create = nullptr;
    QLineEdit* m_token = nullptr;
    QPushButton* m_copy = nullptr;
    QPlainTextEdit* m_command = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_error = nullptr;
    QTreeWidget* m_tokens = nullptr;
};

} // namespace steward::console::ui
