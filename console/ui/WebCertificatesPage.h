// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// WebCertificatesPage - the web certificates (what the server presents on 8443) and their actions.
#pragma once

#include "console/ui/CertificatesPage.h"
#include "console/ui/Confirm.h"

#include <QWidget>

#include <map>

class QLabel;
class QPushButton;
class QTableView;

namespace steward::console::models {
class WebCertificateModel;
struct ActionOutcome;
} // namespace steward::console::models

namespace steward::console::ui {

/**
 * Certificates › Web certificates: the store as a table (the one in use in bold) with Create,
 * Import, Renew, Assign, Affected devices and Delete. The server decides; its refusals are
 * shown verbatim. An assignment refused because enrolled devices do not trust the new root
 * names them and offers to force it, asking first. Loads whenever it is shown (the server
 * sends no events for this store) and after every action.
 */
class WebCertificatesPage : public QWidget {
    Q_OBJECT

public:
    using RunDialog = CertificatesPage::RunDialog;
    using Notify = CertificatesPage::Notify;

    explicit WebCertificatesPage(models::WebCertificateModel& model, QWidget* parent = nullptr);

    void setConfirm(Confirm confirm) { m_confirm = std::move(confirm); }
    void setRunDialog(RunDialog run) { m_runDialog = std::move(run); }
    void setNotify(Notify notify) { m_notify = std::move(notify); }

    [[nodiscard]] models::WebCertificateModel& model() { return m_model; }
    [[nodiscard]] QTableView& view() { return *m_view; }
    /** The button with this object name ("create", "renew", "assign", …). */
    [[nodiscard]] QPushButton* button(const QString& name) const;
    /** The last outcome shown under the table ("Renew \"x\": done"). */
    [[nodiscard]] QString statusText() const;
    /** Selects the row of certificate \a id. */
    void select(qint64 id);

    void create();
    void importCertificate();
    void renew();
    void assign();
    void showAffected();
    void distributeRoot();
    void remove();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QPushButton* addButton(const QString& name, const QString& text, const QString& tip,
                           void (WebCertificatesPage::*slot)());
    [[nodiscard]] int selectedRow() const;
    [[nodiscard]] qint64 selectedId() const;
    [[nodiscard]] QString selectedAlias() const;
    void updateButtons();
    void report(const models::ActionOutcome& outcome);
    void offerForce(qint64 id, qint64 count, const QStringList& devices, const QString& message);

    models::WebCertificateModel& m_model;
    Confirm m_confirm;
    RunDialog m_runDialog;
    Notify m_notify;
    QTableView* m_view = nullptr;
    QLabel* m_status = nullptr;
    std::map<QString, QPushButton*> m_buttons;
};

} // namespace steward::console::ui
