// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/CertificatesPage.h"

#include "common/core/Result.h"
#include "console/models/CertificateModel.h"
#include "console/ui/CertificateDialogs.h"

#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace steward::console::ui {
namespace {

Result<QByteArray> readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::FileNotFound,
                         QObject::tr("cannot read %1: %2").arg(path, file.errorString()));
    }
    return file.readAll();
}

} // namespace

CertificatesPage::CertificatesPage(models::CertificateModel& model, QWidget* parent)
    : QWidget(parent), m_model(model), m_confirm(messageBoxConfirm(this))
{
    setObjectName(QStringLiteral("certificates"));
    m_runDialog = [](QDialog& dialog) { return dialog.exec() == QDialog::Accepted; };
    m_notify = [this](const QString& title, const QString& text) {
        QMessageBox::warning(this, title, text);
    };
    m_savePath = [this](const QString& title, const QString& suggested) {
        return QFileDialog::getSaveFileName(this, title, suggested);
    };

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("certificateView"));
    m_view->setModel(&m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setColumnWidth(models::CertificateModel::Alias, 170);
    m_view->setColumnWidth(models::CertificateModel::Position, 60);
    m_view->setColumnWidth(models::CertificateModel::Active, 65);
    m_view->setColumnWidth(models::CertificateModel::KeySpec, 75);
    m_view->setColumnWidth(models::CertificateModel::Signature, 140);
    m_view->setColumnWidth(models::CertificateModel::Names, 150);
    m_view->setColumnWidth(models::CertificateModel::Validity, 180);
    m_view->setColumnWidth(models::CertificateModel::PrivateKey, 75);

    auto* buttons = new QGridLayout;
    const auto place = [&](QPushButton* button, int row, int column) {
        buttons->addWidget(button, row, column);
    };
    place(addButton(QStringLiteral("generate"), tr("&Generate…"),
                    tr("Make a new self-signed certificate; it joins the end of the list"),
                    &CertificatesPage::generate),
          0, 0);
    place(addButton(QStringLiteral("import"), tr("&Import…"),
                    tr("Import one certificate (PEM or PKCS#12), with its key"),
                    &CertificatesPage::importCertificate),
          0, 1);
    place(addButton(QStringLiteral("exportCertificate"), tr("E&xport certificate…"),
                    tr("Save the certificate as PEM"), &CertificatesPage::exportCertificate),
          0, 2);
    place(addButton(QStringLiteral("exportKeyPair"), tr("Export &key pair…"),
                    tr("Save certificate and private key as password-protected PKCS#12 (audited)"),
                    &CertificatesPage::exportKeyPair),
          0, 3);
    place(addButton(QStringLiteral("content"), tr("Show &content…"),
                    tr("Subject, issuer, serial, fingerprints, validity, CA flag, names"),
                    &CertificatesPage::showContent),
          0, 4);
    place(addButton(QStringLiteral("devices"), tr("Devices &using it…"),
                    tr("The devices that use the selected certificate"),
                    &CertificatesPage::showDevices),
          0, 5);
    place(addButton(QStringLiteral("moveUp"), tr("Move u&p"),
                    tr("One place up; the top active certificate is the default"),
                    &CertificatesPage::moveUp),
          1, 0);
    place(addButton(QStringLiteral("moveDown"), tr("Move do&wn"), tr("One place down"),
                    &CertificatesPage::moveDown),
          1, 1);
    place(addButton(QStringLiteral("activate"), tr("&Activate"),
                    tr("New devices may get it; devices move to it if it is the default"),
                    &CertificatesPage::activate),
          1, 2);
    place(addButton(QStringLiteral("deactivate"), tr("D&eactivate"),
                    tr("No new device gets it; devices that use it keep working"),
                    &CertificatesPage::deactivate),
          1, 3);
    place(addButton(QStringLiteral("delete"), tr("&Delete…"),
                    tr("Remove it from the store (refused while devices use it)"),
                    &CertificatesPage::remove),
          1, 5);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("certificateStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* device = new QWidget(this);
    auto* layout = new QVBoxLayout(device);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("certificateTabs"));
    m_tabs->setTabBarAutoHide(true); // one tab: no bar
    m_tabs->addTab(device, tr("De&vice communication"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_tabs);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CertificatesPage::updateButtons);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &CertificatesPage::updateButtons);
    connect(&m_model, &QAbstractItemModel::layoutChanged, this, &CertificatesPage::updateButtons);
    connect(&m_model, &QAbstractItemModel::dataChanged, this, &CertificatesPage::updateButtons);
    connect(&m_model, &QAbstractItemModel::rowsRemoved, this, &CertificatesPage::updateButtons);
    connect(&m_model, &models::CertificateModel::finished, this, &CertificatesPage::report);
    connect(&m_model, &models::CertificateModel::loadFailed, this, [this](const Error& error) {
        m_status->setText(tr("The certificates could not be loaded: %1").arg(error.message));
    });
    connect(&m_model, &models::CertificateModel::deleteRefused, this,
            [this](qint64 id, qint64 devices, const QString& message) {
                const int row = m_model.rowOf(id);
                const QString alias =
                    row < 0 ? QStringLiteral("#%1").arg(id)
                            : m_model.entry(row).value(QStringLiteral("alias")).toString();
                m_status->setText(tr("Delete \"%1\" refused: %2").arg(alias, message));
                if (m_confirm(tr("Delete \"%1\"").arg(alias),
                              tr("%n device(s) use \"%1\". The server says:\n%2\n\nForce the "
                                 "delete? Those devices lose the server's identity and must "
                                 "enrol again.",
                                 nullptr, int(devices))
                                  .arg(alias, message))) {
                    m_model.remove(id, true);
                }
            });
    // Rows move (Move up/down, events): keep the selected certificate visible.
    connect(&m_model, &QAbstractItemModel::layoutChanged, this, [this] {
        if (const auto rows = m_view->selectionModel()->selectedRows(); !rows.isEmpty()) {
            m_view->scrollTo(rows.first());
        }
    });
    updateButtons();
}

QPushButton* CertificatesPage::addButton(const QString& name, const QString& text,
                                         const QString& tip, void (CertificatesPage::*slot)())
{
    auto* button = new QPushButton(text, this);
    button->setObjectName(name);
    button->setToolTip(tip);
    connect(button, &QPushButton::clicked, this, slot);
    m_buttons.emplace(name, button);
    return button;
}

QPushButton* CertificatesPage::button(const QString& name) const
{
    const auto it = m_buttons.find(name);
    return it == m_buttons.end() ? nullptr : it->second;
}

QString CertificatesPage::statusText() const
{
    return m_status->text();
}

void CertificatesPage::select(qint64 id)
{
    const int row = m_model.rowOf(id);
    if (row < 0) {
        m_view->selectionModel()->clearSelection();
        return;
    }
    m_view->selectionModel()->select(m_model.index(row, 0), QItemSelectionModel::ClearAndSelect
                                                                | QItemSelectionModel::Rows);
}

int CertificatesPage::selectedRow() const
{
    const auto rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

qint64 CertificatesPage::selectedId() const
{
    const int row = selectedRow();
    return row < 0 ? 0 : m_model.entry(row).value(QStringLiteral("id")).toInteger();
}

QString CertificatesPage::selectedAlias() const
{
    const int row = selectedRow();
    return row < 0 ? QString() : m_model.entry(row).value(QStringLiteral("alias")).toString();
}

void CertificatesPage::updateButtons()
{
    const int row = selectedRow();
    const bool any = row >= 0;
    const QJsonObject entry = any ? m_model.entry(row) : QJsonObject{};
    const bool active = entry.value(QStringLiteral("active")).toBool();
    const bool keyKnown = entry.value(QStringLiteral("privateKeyKnown")).toBool();
    for (const char* name : {"exportCertificate", "content", "devices", "delete"}) {
        button(QLatin1String(name))->setEnabled(any);
    }
    button(QStringLiteral("exportKeyPair"))->setEnabled(any && keyKnown);
    button(QStringLiteral("moveUp"))->setEnabled(any && row > 0);
    button(QStringLiteral("moveDown"))->setEnabled(any && row + 1 < m_model.rowCount());
    button(QStringLiteral("activate"))->setEnabled(any && !active);
    // Deactivating the last active one stays possible: the server says why it refuses.
    button(QStringLiteral("deactivate"))->setEnabled(any && active);
}

void CertificatesPage::report(const models::ActionOutcome& outcome)
{
    if (outcome.error.isEmpty()) {
        m_status->setText(tr("%1: done").arg(outcome.what));
        return;
    }
    m_status->setText(tr("%1 failed: %2").arg(outcome.what, outcome.error));
    m_notify(tr("%1 failed").arg(outcome.what), outcome.error);
}

void CertificatesPage::generate()
{
    GenerateCertificateDialog dialog(this);
    if (m_runDialog(dialog)) {
        m_model.generate(dialog.request());
    }
}

void CertificatesPage::importCertificate()
{
    ImportCertificateDialog dialog(this);
    if (!m_runDialog(dialog)) {
        return;
    }
    const QString what = tr("Import \"%1\"").arg(dialog.alias());
    auto certificate = readFile(dialog.certificatePath());
    if (!certificate) {
        report({what, certificate.error().message, 0});
        return;
    }
    if (dialog.isPkcs12()) {
        m_model.importPkcs12(dialog.alias(), *certificate, dialog.password());
        return;
    }
    QByteArray key;
    if (!dialog.keyPath().isEmpty()) {
        auto read = readFile(dialog.keyPath());
        if (!read) {
            report({what, read.error().message, 0});
            return;
        }
        key = *read;
    }
    m_model.importPem(dialog.alias(), *certificate, key, dialog.password());
}

void CertificatesPage::saveBytes(const QString& title, const QString& suggested,
                                 const QByteArray& data, const QString& error)
{
    if (!error.isEmpty()) {
        report({title, error, 0});
        return;
    }
    const QString path = m_savePath(title, suggested);
    if (path.isEmpty()) {
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size()) {
        report({title, tr("cannot write %1: %2").arg(path, file.errorString()), 0});
        return;
    }
    m_status->setText(tr("%1: saved to %2").arg(title, path));
}

void CertificatesPage::exportCertificate()
{
    const QString alias = selectedAlias();
    if (alias.isEmpty()) {
        return;
    }
    m_model.exportCertificate(selectedId(), false,
                              [this, alias](const QByteArray& data, const QString& error) {
                                  saveBytes(tr("Export certificate \"%1\"").arg(alias),
                                            alias + QStringLiteral(".pem"), data, error);
                              });
}

void CertificatesPage::exportKeyPair()
{
    const QString alias = selectedAlias();
    if (alias.isEmpty()) {
        return;
    }
    ExportPasswordDialog dialog(alias, this);
    if (!m_runDialog(dialog) || !dialog.acceptable()) {
        return;
    }
    m_model.exportKeyPair(selectedId(), dialog.password(),
                          [this, alias](const QByteArray& data, const QString& error) {
                              saveBytes(tr("Export key pair \"%1\"").arg(alias),
                                        alias + QStringLiteral(".p12"), data, error);
                          });
}

void CertificatesPage::showContent()
{
    const QString alias = selectedAlias();
    if (alias.isEmpty()) {
        return;
    }
    m_model.details(selectedId(), [this, alias](const QJsonObject& details, const QString& error) {
        const QString title = tr("Certificate \"%1\"").arg(alias);
        if (!error.isEmpty()) {
            report({title, error, 0});
            return;
        }
        CertificateTextDialog dialog(title, certificateContentText(details), this);
        m_runDialog(dialog);
    });
}

void CertificatesPage::showDevices()
{
    const QString alias = selectedAlias();
    if (alias.isEmpty()) {
        return;
    }
    m_model.devicesUsing(
        selectedId(), [this, alias](const QJsonObject& devices, const QString& error) {
            const QString title = tr("Devices using \"%1\"").arg(alias);
            if (!error.isEmpty()) {
                report({title, error, 0});
                return;
            }
            CertificateTextDialog dialog(title, certificateDevicesText(alias, devices), this);
            m_runDialog(dialog);
        });
}

void CertificatesPage::moveUp()
{
    if (const qint64 id = selectedId()) {
        m_model.move(id, true);
    }
}

void CertificatesPage::moveDown()
{
    if (const qint64 id = selectedId()) {
        m_model.move(id, false);
    }
}

void CertificatesPage::activate()
{
    if (const qint64 id = selectedId()) {
        m_model.setActive(id, true);
    }
}

void CertificatesPage::deactivate()
{
    if (const qint64 id = selectedId()) {
        m_model.setActive(id, false);
    }
}

void CertificatesPage::remove()
{
    const qint64 id = selectedId();
    if (id == 0
        || !m_confirm(tr("Delete certificate"),
                      tr("Delete \"%1\" from the store? Its private key file is removed too.")
                          .arg(selectedAlias()))) {
        return;
    }
    m_model.remove(id, false);
}

} // namespace steward::console::ui
