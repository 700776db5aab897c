// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AdministratorsPage - the server's administrators: list, create, set a password.
#pragma once

#include "console/net/Transport.h"

#include <QJsonObject>
#include <QWidget>

#include <functional>
#include <optional>
#include <vector>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace steward::console::ui {

/** What the New administrator dialog returns. */
struct NewAdministrator {
    QString name;
    QString password;
    bool superuser = false;
};
using NewAdministratorPrompt = std::function<std::optional<NewAdministrator>()>;
/** Asks a new password for \a name (twice); nullopt when cancelled. */
using PasswordPrompt = std::function<std::optional<QString>(const QString& name)>;

/**
 * GET /api/v1/admins (every page), POST to create, PUT …/password with the revision read, so a
 * change made elsewhere meanwhile is refused rather than overwritten. Every refusal is shown in
 * the server's words (a short password, a name in use, only a superuser may create one).
 */
class AdministratorsPage : public QWidget {
    Q_OBJECT
public:
    explicit AdministratorsPage(net::Transport& transport, QWidget* parent = nullptr);

    void setNewAdministratorPrompt(NewAdministratorPrompt prompt)
    {
        m_newPrompt = std::move(prompt);
    }
    void setPasswordPrompt(PasswordPrompt prompt) { m_passwordPrompt = std::move(prompt); }

    void reload();
    void createAdministrator();
    void setPassword();
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QTreeWidget& list() { return *m_list; }
    [[nodiscard]] bool isBusy() const { return m_busy > 0; }

private:
    void fetch(qint64 offset, std::vector<QJsonObject> rows);
    void show(const std::vector<QJsonObject>& rows);
    void updateButtons();

    net::Transport& m_transport;
    NewAdministratorPrompt m_newPrompt;
    PasswordPrompt m_passwordPrompt;
    std::vector<QJsonObject> m_rows;
    int m_busy = 0;
    QTreeWidget* m_list = nullptr;
    QPushButton* m_create = nullptr;
    QPushButton* m_password = nullptr;
    QLabel* m_status = nullptr;
};

[[nodiscard]] NewAdministratorPrompt newAdministratorDialog(QWidget* parent);
[[nodiscard]] PasswordPrompt passwordDialog(QWidget* parent);

} // namespace steward::console::ui
