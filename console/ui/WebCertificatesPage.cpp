// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/WebCertificatesPage.h"

#include "console/models/WebCertificateModel.h"
#include "console/ui/CertificateDialogs.h"
#include "console/ui/WebCertificateDialogs.h"

#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace steward::console::ui {
namespace {

/** The file's bytes, or empty with \a error set. */
QByteArray readFile(const QString& path, QString& error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QObject::tr("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    return file.readAll();
}

QString pinNote()
{
    return QObject::tr("This console trusts exactly the certificate it pinned: its next "
                       "connection to the server shows the changed-certificate warning. Compare "
                       "the new SHA-256 fingerprint in this list before accepting it.");
}

} // namespace

WebCertificatesPage::WebCertificatesPage(models::WebCertificateModel& model, QWidget* parent)
    : QWidget(parent), m_model(model), m_confirm(messageBoxConfirm(this))
{
    setObjectName(QStringLiteral("webCertificates"));
    m_runDialog = [](QDialog& dialog) { return dialog.exec() == QDialog::Accepted; };
    m_notify = [this](const QString& title, const QString& text) {
        QMessageBox::warning(this, title, text);
    };

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("webCertificateView"));
    m_view->setModel(&m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setColumnWidth(models::WebCertificateModel::Alias, 120);
    m_view->setColumnWidth(models::WebCertificateModel::Names, 260);
    m_view->setColumnWidth(models::WebCertificateModel::Issuer, 230);
    m_view->setColumnWidth(models::WebCertificateModel::Expiry, 90);
    m_view->setColumnWidth(models::WebCertificateModel::KeySpec, 75);
    m_view->setColumnWidth(models::WebCertificateModel::Signature, 150);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(addButton(QStringLiteral("create"), tr("&Create…"),
                                 tr("A new key and a certificate signed by the Steward root"),
                                 &WebCertificatesPage::create));
    buttons->addWidget(addButton(QStringLiteral("import"), tr("&Import…"),
                                 tr("A corporate chain (PEM, leaf first) with its key, or "
                                    "PKCS#12 with its password"),
                                 &WebCertificatesPage::importCertificate));
    buttons->addWidget(addButton(QStringLiteral("renew"), tr("&Renew…"),
                                 tr("Same names, a new key and validity (Steward-issued only)"),
                                 &WebCertificatesPage::renew));
    buttons->addWidget(addButton(QStringLiteral("assign"), tr("&Assign…"),
                                 tr("Make it the certificate the server presents"),
                                 &WebCertificatesPage::assign));
    buttons->addWidget(addButton(QStringLiteral("affected"), tr("Affected &devices…"),
                                 tr("The enrolled devices that do not trust its root"),
                                 &WebCertificatesPage::showAffected));
    buttons->addWidget(addButton(QStringLiteral("distribute"), tr("&Trust its root…"),
                                 tr("Send its root to every device over the signed channel, so "
                                    "that assigning it cuts no device off"),
                                 &WebCertificatesPage::distributeRoot));
    buttons->addWidget(addButton(QStringLiteral("delete"), tr("De&lete…"),
                                 tr("Remove it (refused for the one in use)"),
                                 &WebCertificatesPage::remove));
    buttons->addStretch();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("webCertificateStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &WebCertificatesPage::updateButtons);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &WebCertificatesPage::updateButtons);
    connect(&m_model, &models::WebCertificateModel::finished, this, &WebCertificatesPage::report);
    connect(&m_model, &models::WebCertificateModel::loadFailed, this, [this](const Error& error) {
        m_status->setText(tr("The web certificates could not be loaded: %1").arg(error.message));
    });
    connect(&m_model, &models::WebCertificateModel::assignRefused, this,
            &WebCertificatesPage::offerForce);
    updateButtons();
}

QPushButton* WebCertificatesPage::addButton(const QString& name, const QString& text,
                                            const QString& tip, void (WebCertificatesPage::*slot)())
{
    auto* button = new QPushButton(text, this);
    button->setObjectName(name);
    button->setToolTip(tip);
    connect(button, &QPushButton::clicked, this, slot);
    m_buttons.emplace(name, button);
    return button;
}

QPushButton* WebCertificatesPage::button(const QString& name) const
{
    const auto it = m_buttons.find(name);
    return it == m_buttons.end() ? nullptr : it->second;
}

QString WebCertificatesPage::statusText() const
{
    return m_status->text();
}

void WebCertificatesPage::select(qint64 id)
{
    const int row = m_model.rowOf(id);
    if (row < 0) {
        m_view->selectionModel()->clearSelection();
        return;
    }
    m_view->selectionModel()->select(m_model.index(row, 0), QItemSelectionModel::ClearAndSelect
                                                                | QItemSelectionModel::Rows);
}

void WebCertificatesPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_model.reload();
}

int WebCertificatesPage::selectedRow() const
{
    const auto rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

qint64 WebCertificatesPage::selectedId() const
{
    const int row = selectedRow();
    return row < 0 ? 0 : m_model.entry(row).value(QStringLiteral("id")).toInteger();
}

QString WebCertificatesPage::selectedAlias() const
{
    const int row = selectedRow();
    return row < 0 ? QString() : m_model.entry(row).value(QStringLiteral("alias")).toString();
}

void WebCertificatesPage::updateButtons()
{
    const int row = selectedRow();
    const bool any = row >= 0;
    const QJsonObject entry = any ? m_model.entry(row) : QJsonObject{};
    const bool inUse = entry.value(QStringLiteral("inUse")).toBool();
    // Renewing an imported one and deleting the one in use stay possible: the server says why
    // it refuses.
    for (const char* name : {"renew", "affected", "distribute", "delete"}) {
        button(QLatin1String(name))->setEnabled(any);
    }
    button(QStringLiteral("assign"))->setEnabled(any && !inUse);
}

void WebCertificatesPage::report(const models::ActionOutcome& outcome)
{
    if (outcome.error.isEmpty()) {
        m_status->setText(tr("%1: done").arg(outcome.what));
        return;
    }
    m_status->setText(tr("%1 failed: %2").arg(outcome.what, outcome.error));
    m_notify(tr("%1 failed").arg(outcome.what), outcome.error);
}

void WebCertificatesPage::create()
{
    m_model.hostNames([this](const QJsonObject& names, const QString& error) {
        if (!error.isEmpty()) {
            report({tr("Host names"), error, 0});
            return;
        }
        QStringList suggestions;
        for (const auto& name : names.value(QStringLiteral("names")).toArray()) {
            suggestions.append(name.toString());
        }
        CreateWebCertificateDialog dialog(suggestions, this);
        if (m_runDialog(dialog) && dialog.acceptable()) {
            m_model.create(dialog.request());
        }
    });
}

void WebCertificatesPage::importCertificate()
{
    ImportCertificateDialog dialog(this);
    dialog.setWindowTitle(tr("Import web certificate"));
    if (!m_runDialog(dialog)) {
        return;
    }
    const QString what = tr("Import \"%1\"").arg(dialog.alias());
    QString error;
    const QByteArray certificate = readFile(dialog.certificatePath(), error);
    const QByteArray key = error.isEmpty() && !dialog.isPkcs12() && !dialog.keyPath().isEmpty()
                               ? readFile(dialog.keyPath(), error)
                               : QByteArray();
    if (!error.isEmpty()) {
        report({what, error, 0});
    } else if (dialog.isPkcs12()) {
        m_model.importPkcs12(dialog.alias(), certificate, dialog.password());
    } else {
        m_model.importPem(dialog.alias(), certificate, key, dialog.password());
    }
}

void WebCertificatesPage::renew()
{
    const qint64 id = selectedId();
    if (id == 0) {
        return;
    }
    const bool inUse = m_model.entry(selectedRow()).value(QStringLiteral("inUse")).toBool();
    QString text = tr("Renew \"%1\"? It keeps its names and gets a new key, valid as long as "
                      "before from now.")
                       .arg(selectedAlias());
    if (inUse) {
        text += tr("\n\nIt is in use: the server presents the renewed certificate at once. ")
                + pinNote();
    }
    if (m_confirm(tr("Renew web certificate"), text)) {
        m_model.renew(id);
    }
}

void WebCertificatesPage::assign()
{
    const qint64 id = selectedId();
    if (id == 0
        || !m_confirm(tr("Assign web certificate"),
                      tr("Make \"%1\" the certificate the server presents? Connections opened "
                         "from now on get it (consoles, browsers, REST clients and devices); "
                         "open ones keep the old one.\n\n")
                              .arg(selectedAlias())
                          + pinNote())) {
        return;
    }
    m_model.assign(id, false);
}

void WebCertificatesPage::offerForce(qint64 id, qint64 count, const QStringList& devices,
                                     const QString& message)
{
    const QString alias = m_model.aliasOf(id);
    m_status->setText(tr("Assign \"%1\" refused: %2").arg(alias, message));
    QString names = devices.join(QStringLiteral("\n"));
    if (count > devices.size()) {
        names += tr("\n… and %1 more").arg(count - devices.size());
    }
    if (m_confirm(tr("Assign \"%1\"").arg(alias),
                  tr("%n enrolled device(s) do not trust the root of \"%1\":\n%2\n\nThe server "
                     "says:\n%3\n\nAssign it anyway? Those devices cannot reach the server until "
                     "they trust that root.",
                     nullptr, int(count))
                      .arg(alias, names, message))) {
        m_model.assign(id, true);
    }
}

void WebCertificatesPage::showAffected()
{
    const qint64 id = selectedId();
    const QString alias = selectedAlias();
    if (id == 0) {
        return;
    }
    m_model.affectedDevices(id, [this, alias](const QJsonObject& affected, const QString& error) {
        const QString title = tr("Devices affected by \"%1\"").arg(alias);
        if (!error.isEmpty()) {
            report({title, error, 0});
            return;
        }
        CertificateTextDialog dialog(title, models::affectedDevicesText(alias, affected), this);
        m_runDialog(dialog);
    });
}

void WebCertificatesPage::distributeRoot()
{
    const qint64 id = selectedId();
    if (id == 0
        || !m_confirm(tr("Trust its root"),
                      tr("Send the root of \"%1\" to every device, signed with the certificate "
                         "each device pins? Devices trust it next to the roots they have; once "
                         "they all confirmed, Affected devices is empty and Assign needs no "
                         "force.")
                          .arg(selectedAlias()))) {
        return;
    }
    m_model.distributeRoot(id);
}

void WebCertificatesPage::remove()
{
    const qint64 id = selectedId();
    if (id == 0
        || !m_confirm(
            tr("Delete web certificate"),
            tr("Delete \"%1\"? Its private key file is removed too.").arg(selectedAlias()))) {
        return;
    }
    m_model.remove(id);
}

} // namespace steward::console::ui
