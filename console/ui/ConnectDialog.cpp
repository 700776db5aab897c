// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/ConnectDialog.h"

#include "common/tls/Fingerprint.h"
#include "console/net/Logging.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace steward::console::ui {

ConnectDialog::ConnectDialog(ConsoleSettings& settings, QWidget* parent)
    : QDialog(parent), m_settings(settings)
{
    setWindowTitle(tr("Connect to a Steward server"));
    m_serverBox = new QComboBox(this);
    m_serverBox->setEditable(true);
    m_serverBox->addItems(settings.servers());
    m_serverBox->setToolTip(tr("host, host:port or https://host:port (port 8443 by default)"));
    m_user = new QLineEdit(this);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(QStringLiteral("message"));
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Server:"), m_serverBox);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    setMinimumWidth(460);

    const auto fillUser = [this] {
        const QUrl server = ConsoleSettings::normalizeServer(m_serverBox->currentText());
        if (server.isValid() && m_user->text().isEmpty()) {
            m_user->setText(m_settings.lastUser(server));
        }
    };
    connect(m_serverBox, &QComboBox::currentTextChanged, this, fillUser);
    fillUser();
    if (!m_user->text().isEmpty()) {
        m_password->setFocus();
    }

    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::connectToServer);
    connect(m_buttons, &QDialogButtonBox::rejected, this, [this] {
        if (m_connector.running()) {
            m_connector.cancel();
            setBusy(false);
            showMessage(tr("Cancelled."), false);
            return;
        }
        reject();
    });
    connect(&m_connector, &net::Connector::waiting, this, [this](const QString& what, int attempt) {
        setBusy(true, tr("%1 (attempt %2)").arg(what).arg(attempt));
    });
    connect(&m_connector, &net::Connector::failed, this, &ConnectDialog::handleFailure);
    connect(&m_connector, &net::Connector::succeeded, this, [this] {
        m_settings.rememberServer(m_server, m_user->text().trimmed());
        m_password->clear();
        setBusy(false);
        accept();
    });
}

void ConnectDialog::setServer(const QString& server)
{
    m_serverBox->setCurrentText(server);
}

void ConnectDialog::setUser(const QString& user)
{
    m_user->setText(user);
}

void ConnectDialog::setPassword(const QString& password)
{
    m_password->setText(password);
}

QString ConnectDialog::server() const
{
    return m_serverBox->currentText();
}

QString ConnectDialog::user() const
{
    return m_user->text();
}

QString ConnectDialog::message() const
{
    return m_message->text();
}

bool ConnectDialog::isBusy() const
{
    return m_connector.running();
}

void ConnectDialog::connectToServer()
{
    m_server = ConsoleSettings::normalizeServer(m_serverBox->currentText());
    if (!m_server.isValid()) {
        showMessage(tr("Enter the server as host, host:port or https://host:port."), false);
        m_serverBox->setFocus();
        return;
    }
    if (m_user->text().trimmed().isEmpty()) {
        showMessage(tr("Enter your user name."), false);
        m_user->setFocus();
        return;
    }
    setBusy(true, tr("Connecting to %1…").arg(m_server.toString()));
    m_connector.start(m_server, m_settings.pinnedCertificate(m_server), m_user->text().trimmed(),
                      m_password->text());
}

void ConnectDialog::handleFailure(const net::ConnectFailure& failure)
{
    setBusy(false);
    Q_EMIT connectFailed(failure);
    using Kind = net::ConnectFailure::Kind;
    if (failure.kind == Kind::UnknownCertificate || failure.kind == Kind::ChangedCertificate) {
        const bool changed = failure.kind == Kind::ChangedCertificate;
        TrustQuestion question{
            m_server, tls::sha256Fingerprint(failure.presented),
            changed ? tls::sha256Fingerprint(m_settings.pinnedCertificate(m_server)) : QString()};
        if (changed) {
            // Loud, and stays on screen whatever the answer.
            showMessage(
                tr("WARNING: the certificate of %1 has CHANGED.\nTrusted: %2\nNow "
                   "presented: %3\nSomeone may be intercepting the connection. Do not "
                   "continue unless you know the server's certificate was replaced.")
                    .arg(m_server.toString(), question.pinnedFingerprint, question.fingerprint),
                true);
        } else {
            showMessage(failure.message, false);
        }
        if (!failure.presented.isNull() && ask(question)) {
            m_settings.pinCertificate(m_server, failure.presented);
            qCInfo(lcConsoleUi).noquote()
                << QStringLiteral("certificate pinned server=%1 fingerprint=%2")
                       .arg(m_server.toString(), question.fingerprint);
            // Not from inside the failed request's own signal.
            QMetaObject::invokeMethod(this, &ConnectDialog::connectToServer, Qt::QueuedConnection);
        }
        return;
    }
    showMessage(failure.message, failure.kind == Kind::VersionMismatch);
    if (failure.kind == Kind::WrongPassword) {
        m_password->selectAll();
        m_password->setFocus();
    }
}

void ConnectDialog::setExpectedFingerprint(const QString& fingerprint)
{
    m_expected = fingerprint.trimmed().remove(QLatin1Char(':')).toUpper();
}

bool ConnectDialog::ask(const TrustQuestion& question)
{
    if (!m_expected.isEmpty() && question.pinnedFingerprint.isEmpty()
        && QString(question.fingerprint).remove(QLatin1Char(':')).toUpper() == m_expected) {
        return true;
    }
    if (m_prompt) {
        return m_prompt(question);
    }
    QMessageBox box(this);
    if (question.pinnedFingerprint.isEmpty()) {
        box.setIcon(QMessageBox::Question);
        box.setWindowTitle(tr("Trust this server?"));
        box.setText(tr("First connection to %1.\n\nCompare this SHA-256 fingerprint with the one "
                       "shown by `steward-admin status` on the server:\n\n%2")
                        .arg(question.server.toString(), question.fingerprint));
        box.addButton(tr("&Trust and connect"), QMessageBox::AcceptRole);
    } else {
        box.setIcon(QMessageBox::Warning);
        box.setWindowTitle(tr("Server certificate CHANGED"));
        box.setText(
            tr("The certificate of %1 is not the one trusted before.\n\nTrusted:\n%2\n\n"
               "Presented now:\n%3\n\nReplace the trusted certificate only if you know "
               "the server's certificate was replaced.")
                .arg(question.server.toString(), question.pinnedFingerprint, question.fingerprint));
        box.addButton(tr("&Replace the trusted certificate"), QMessageBox::DestructiveRole);
    }
    auto* cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.exec();
    return box.clickedButton() != cancel;
}

void ConnectDialog::showMessage(const QString& text, bool warning)
{
    m_warning = warning;
    m_message->setText(text);
    m_message->setStyleSheet(warning ? QStringLiteral("QLabel { color: #b00020; font-weight: bold; "
                                                      "border: 2px solid #b00020; padding: 6px; }")
                                     : QString());
}

void ConnectDialog::setBusy(bool busy, const QString& what)
{
    m_progress->setVisible(busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_serverBox->setEnabled(!busy);
    m_user->setEnabled(!busy);
    m_password->setEnabled(!busy);
    if (busy) {
        showMessage(what, false);
    }
}

} // namespace steward::console::ui
