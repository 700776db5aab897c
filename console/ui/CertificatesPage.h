// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificatesPage - the device-communication certificate store and its actions.
#pragma once

#include "console/ui/Confirm.h"

#include <QWidget>

#include <functional>
#include <map>

class QDialog;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace steward::console::net {
class Transport;
} // namespace steward::console::net

namespace steward::console::models {
class CertificateModel;
struct ActionOutcome;
} // namespace steward::console::models

namespace steward::console::ui {

class WebCertificatesPage;

/**
 * Administration › Certificates: the store as a table (the default in bold), with Generate,
 * Import, Export certificate, Export key pair, Show content, Devices using it, Move up/down,
 * Activate/Deactivate and Delete. The server decides: its refusals (the last active
 * certificate, a delete while devices use it…) are shown verbatim; a delete refused because
 * devices use it says how many and offers to force it. With addWebCertificates() a second tab
 * holds the web certificates (WebCertificatesPage).
 */
class CertificatesPage : public QWidget {
    Q_OBJECT

public:
    /** Runs a dialog; true when accepted. Tests fill the dialog in and accept it themselves. */
    using RunDialog = std::function<bool(QDialog& dialog)>;
    /** Shows a message (title, text): a failure in the server's words, or text to read. */
    using Notify = std::function<void(const QString& title, const QString& text)>;
    /** Asks where to save (title, suggested name); empty: cancelled. */
    using SavePath = std::function<QString(const QString& title, const QString& suggested)>;

    explicit CertificatesPage(models::CertificateModel& model, QWidget* parent = nullptr);

    void setConfirm(Confirm confirm);
    /** Adds the "Web certificates" tab, its model on \a transport (GET /api/v1/web-certificates).
     */
    WebCertificatesPage& addWebCertificates(net::Transport& transport);
    /** The "Web certificates" tab; null until addWebCertificates(). */
    [[nodiscard]] WebCertificatesPage* webCertificatesPage() const { return m_web; }
    [[nodiscard]] QTabWidget& tabs() { return *m_tabs; }
    void setRunDialog(RunDialog run) { m_runDialog = std::move(run); }
    void setNotify(Notify notify) { m_notify = std::move(notify); }
    void setSavePath(SavePath save) { m_savePath = std::move(save); }

    [[nodiscard]] QTableView& view() { return *m_view; }
    /** The button with this object name ("generate", "moveUp", "delete", …). */
    [[nodiscard]] QPushButton* button(const QString& name) const;
    /** The last outcome shown under the table ("Move \"x\" up: done"). */
    [[nodiscard]] QString statusText() const;
    /** Selects the row of certificate \a id. */
    void select(qint64 id);

    void generate();
    void importCertificate();
    void exportCertificate();
    void exportKeyPair();
    void showContent();
    void showDevices();
    void moveUp();
    void moveDown();
    void activate();
    void deactivate();
    void remove();

private:
    QPushButton* addButton(const QString& name, const QString& text, const QString& tip,
                           void (CertificatesPage::*slot)());
    [[nodiscard]] int selectedRow() const;
    [[nodiscard]] qint64 selectedId() const;
    [[nodiscard]] QString selectedAlias() const;
    void updateButtons();
    void report(const models::ActionOutcome& outcome);
    void saveBytes(const QString& title, const QString& suggested, const QByteArray& data,
                   const QString& error);

    models::CertificateModel& m_model;
    Confirm m_confirm;
    RunDialog m_runDialog;
    Notify m_notify;
    SavePath m_savePath;
    QTableView* m_view = nullptr;
    QLabel* m_status = nullptr;
    QTabWidget* m_tabs = nullptr;
    WebCertificatesPage* m_web = nullptr;
    std::map<QString, QPushButton*> m_buttons;
};

} // namespace steward::console::ui
