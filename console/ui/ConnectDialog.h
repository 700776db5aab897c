// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ConnectDialog - server, user and password; trust on first use; every failure in words.
#pragma once

#include "console/app/ConsoleSettings.h"
#include "console/net/Connector.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace steward::console::ui {

/** What the administrator is asked before a certificate is pinned. */
struct TrustQuestion {
    QUrl server;
    QString fingerprint;       // SHA-256 of the presented certificate
    QString pinnedFingerprint; // non-empty when it replaces a pinned (changed) certificate
};

class ConnectDialog : public QDialog {
    Q_OBJECT

public:
    explicit ConnectDialog(ConsoleSettings& settings, QWidget* parent = nullptr);

    /** Prefills the server (the --server flag). */
    void setServer(const QString& server);
    void setUser(const QString& user);
    void setPassword(const QString& password);
    /** The server and user as the fields show them now. */
    [[nodiscard]] QString server() const;
    [[nodiscard]] QString user() const;
    /** Starts connecting, as the Connect button does. */
    void connectToServer();

    /**
     * A SHA-256 fingerprint (hex, colons optional) known out of band (--fingerprint): a first
     * connection presenting exactly it is trusted without asking. A changed certificate is
     * still asked about.
     */
    void setExpectedFingerprint(const QString& fingerprint);
    /** Replaces the question box (tests answer it); returns whether to trust. */
    void setTrustPrompt(std::function<bool(const TrustQuestion&)> prompt)
    {
        m_prompt = std::move(prompt);
    }

    [[nodiscard]] QString message() const;
    [[nodiscard]] bool isWarning() const { return m_warning; }
    [[nodiscard]] bool isBusy() const;
    [[nodiscard]] net::Connector& connector() { return m_connector; }
    /** After accept(): the live session, parented to \a owner. */
    [[nodiscard]] net::Session takeSession(QObject* owner)
    {
        return m_connector.takeSession(owner);
    }

Q_SIGNALS:
    void connectFailed(const steward::console::net::ConnectFailure& failure);

private:
    void handleFailure(const net::ConnectFailure& failure);
    void showMessage(const QString& text, bool warning);
    void setBusy(bool busy, const QString& what = {});
    bool ask(const TrustQuestion& question);

    ConsoleSettings& m_settings;
    net::Connector m_connector;
    std::function<bool(const TrustQuestion&)> m_prompt;
    QUrl m_server;
    QString m_expected; // upper-case hex without colons
    bool m_warning = false;
    QComboBox* m_serverBox = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_message = nullptr;
    QProgressBar* m_progress = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace steward::console::ui
