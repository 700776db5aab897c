// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/CertificateDialogs.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace steward::console::ui {
namespace {

struct KeyChoice {
    const char* text;
    const char* keySpec;
    const char* signature;
};

constexpr KeyChoice KeyChoices[] = {
    {"RSA 4096, SHA512withRSA (default)", "RSA 4096", "SHA512withRSA"},
    {"RSA 2048, SHA256withRSA", "RSA 2048", "SHA256withRSA"},
    {"EC P-256, SHA256withECDSA", "EC P-256", "SHA256withECDSA"},
};

QDialogButtonBox* okCancel(QDialog* dialog)
{
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return buttons;
}

/** A line edit with a "Browse…" button that picks an existing file. */
QWidget* fileField(QLineEdit*& edit, const QString& filter, QWidget* parent)
{
    auto* row = new QWidget(parent);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    edit = new QLineEdit(row);
    auto* browse = new QPushButton(QObject::tr("Browse…"), row);
    layout->addWidget(edit);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, row, [edit, filter, row] {
        const QString path =
            QFileDialog::getOpenFileName(row, QObject::tr("Choose a file"), edit->text(), filter);
        if (!path.isEmpty()) {
            edit->setText(path);
        }
    });
    return row;
}

QString joined(const QJsonValue& array)
{
    QStringList names;
    for (const auto& name : array.toArray()) {
        names.append(name.toString());
    }
    return names.isEmpty() ? QObject::tr("(none)") : names.join(QStringLiteral(", "));
}

} // namespace

GenerateCertificateDialog::GenerateCertificateDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Generate a device-communication certificate"));
    m_alias = new QLineEdit(this);
    m_alias->setPlaceholderText(tr("e.g. fleet-2027"));
    m_key = new QComboBox(this);
    for (const auto& choice : KeyChoices) {
        m_key->addItem(tr(choice.text));
    }
    m_names = new QLineEdit(this);
    m_names->setPlaceholderText(tr("DNS names, separated by commas (optional)"));
    m_commonName = new QLineEdit(this);
    m_commonName->setPlaceholderText(tr("Steward device communication (<alias>)"));
    m_validity = new QSpinBox(this);
    m_validity->setRange(1, 36500);
    m_validity->setValue(7300);
    m_validity->setSuffix(tr(" days"));
    m_buttons = okCancel(this);
    auto* form = new QFormLayout;
    form->addRow(tr("&Alias:"), m_alias);
    form->addRow(tr("&Key:"), m_key);
    form->addRow(tr("&Names:"), m_names);
    form->addRow(tr("&Common name:"), m_commonName);
    form->addRow(tr("&Validity:"), m_validity);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_alias, &QLineEdit::textChanged, this, &GenerateCertificateDialog::refresh);
    refresh();
}

void GenerateCertificateDialog::refresh()
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!m_alias->text().trimmed().isEmpty());
}

models::GenerateRequest GenerateCertificateDialog::request() const
{
    const KeyChoice& choice = KeyChoices[std::clamp(m_key->currentIndex(), 0, 2)];
    models::GenerateRequest request;
    request.alias = m_alias->text().trimmed();
    request.keySpec = QString::fromLatin1(choice.keySpec);
    request.signatureAlgorithm = QString::fromLatin1(choice.signature);
    request.commonName = m_commonName->text().trimmed();
    for (const QString& name : m_names->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty()) {
            request.dnsNames.append(name.trimmed());
        }
    }
    request.validityDays = m_validity->value();
    return request;
}

void GenerateCertificateDialog::setAlias(const QString& alias)
{
    m_alias->setText(alias);
}

void GenerateCertificateDialog::setKeyChoice(int choice)
{
    m_key->setCurrentIndex(choice);
}

void GenerateCertificateDialog::setNames(const QString& commaSeparated)
{
    m_names->setText(commaSeparated);
}

void GenerateCertificateDialog::setValidityDays(int days)
{
    m_validity->setValue(days);
}

ImportCertificateDialog::ImportCertificateDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Import a device-communication certificate"));
    m_alias = new QLineEdit(this);
    m_pem = new QRadioButton(tr("&PEM files: a certificate and its private key"), this);
    m_pkcs12 = new QRadioButton(tr("PKCS#&12 file (.p12, .pfx)"), this);
    m_pem->setChecked(true);
    const QString pemFilter = tr("PEM or DER (*.pem *.crt *.cer *.der *.key);;All files (*)");
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordLabel = new QLabel(this);
    m_buttons = okCancel(this);
    auto* form = new QFormLayout;
    form->addRow(tr("&Alias:"), m_alias);
    form->addRow(m_pem);
    form->addRow(tr("Certificate:"), fileField(m_certificate, pemFilter, this));
    form->addRow(tr("Private key:"), fileField(m_key, pemFilter, this));
    form->addRow(m_pkcs12);
    form->addRow(tr("File:"),
                 fileField(m_bundle, tr("PKCS#12 (*.p12 *.pfx);;All files (*)"), this));
    form->addRow(m_passwordLabel, m_password);
    auto* note = new QLabel(tr("One certificate only: chains and MD5 signatures are refused. "
                               "Without its private key a certificate is kept inactive."),
                            this);
    note->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_buttons);
    for (QLineEdit* edit : {m_alias, m_certificate, m_key, m_bundle, m_password}) {
        connect(edit, &QLineEdit::textChanged, this, &ImportCertificateDialog::refresh);
    }
    connect(m_pem, &QRadioButton::toggled, this, &ImportCertificateDialog::refresh);
    refresh();
}

void ImportCertificateDialog::refresh()
{
    const bool pkcs12 = isPkcs12();
    m_certificate->parentWidget()->setEnabled(!pkcs12);
    m_key->parentWidget()->setEnabled(!pkcs12);
    m_bundle->parentWidget()->setEnabled(pkcs12);
    m_passwordLabel->setText(pkcs12 ? tr("Pass&word:") : tr("Key pass&word (if encrypted):"));
    const bool ready = !alias().isEmpty()
                       && (pkcs12 ? !m_bundle->text().isEmpty() && !password().isEmpty()
                                  : !m_certificate->text().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ready);
}

QString ImportCertificateDialog::alias() const
{
    return m_alias->text().trimmed();
}

bool ImportCertificateDialog::isPkcs12() const
{
    return m_pkcs12->isChecked();
}

QString ImportCertificateDialog::certificatePath() const
{
    return isPkcs12() ? m_bundle->text() : m_certificate->text();
}

QString ImportCertificateDialog::keyPath() const
{
    return isPkcs12() ? QString() : m_key->text();
}

QString ImportCertificateDialog::password() const
{
    return m_password->text();
}

void ImportCertificateDialog::setAlias(const QString& alias)
{
    m_alias->setText(alias);
}

void ImportCertificateDialog::setPem(const QString& certificatePath, const QString& keyPath)
{
    m_pem->setChecked(true);
    m_certificate->setText(certificatePath);
    m_key->setText(keyPath);
}

void ImportCertificateDialog::setPkcs12(const QString& path)
{
    m_pkcs12->setChecked(true);
    m_bundle->setText(path);
}

void ImportCertificateDialog::setPassword(const QString& password)
{
    m_password->setText(password);
}

ExportPasswordDialog::ExportPasswordDialog(const QString& alias, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Export key pair of \"%1\"").arg(alias));
    m_first = new QLineEdit(this);
    m_second = new QLineEdit(this);
    for (QLineEdit* edit : {m_first, m_second}) {
        edit->setEchoMode(QLineEdit::Password);
        connect(edit, &QLineEdit::textChanged, this, &ExportPasswordDialog::refresh);
    }
    m_problem = new QLabel(this);
    m_buttons = okCancel(this);
    auto* intro = new QLabel(tr("The PKCS#12 file holds the private key: choose a password that "
                                "protects it. The export is recorded in the audit log."),
                             this);
    intro->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("&Password:"), m_first);
    form->addRow(tr("&Again:"), m_second);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    refresh();
}

QString ExportPasswordDialog::problem() const
{
    if (m_first->text().isEmpty()) {
        return tr("A password is required.");
    }
    if (m_first->text() != m_second->text()) {
        return tr("The two passwords differ.");
    }
    return {};
}

bool ExportPasswordDialog::acceptable() const
{
    return problem().isEmpty();
}

void ExportPasswordDialog::refresh()
{
    m_problem->setText(problem());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(acceptable());
}

QString ExportPasswordDialog::password() const
{
    return acceptable() ? m_first->text() : QString();
}

void ExportPasswordDialog::setPasswords(const QString& first, const QString& second)
{
    m_first->setText(first);
    m_second->setText(second);
}

CertificateTextDialog::CertificateTextDialog(const QString& title, const QString& text,
                                             QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    m_text = new QPlainTextEdit(text, this);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    resize(640, 360);
}

QString CertificateTextDialog::text() const
{
    return m_text->toPlainText();
}

QString certificateContentText(const QJsonObject& details)
{
    const auto value = [&](const char* key) {
        return details.value(QLatin1String(key)).toString();
    };
    QStringList lines{
        QObject::tr("Alias: %1").arg(value("alias")),
        QObject::tr("Subject: %1").arg(value("subject")),
        QObject::tr("Issuer: %1").arg(value("issuer")),
        QObject::tr("Serial number: %1").arg(value("serialNumber")),
        QObject::tr("SHA-1: %1").arg(value("sha1")),
        QObject::tr("SHA-256: %1").arg(value("sha256")),
        QObject::tr("Valid from: %1").arg(value("notBefore")),
        QObject::tr("Valid until: %1").arg(value("notAfter")),
        QObject::tr("CA: %1").arg(details.value(QStringLiteral("ca")).toBool() ? QObject::tr("yes")
                                                                               : QObject::tr("no")),
        QObject::tr("Subject alternative names: %1")
            .arg(joined(details.value(QStringLiteral("subjectAlternativeNames")))),
        QObject::tr("Key: %1, signed %2").arg(value("keySpec"), value("signatureAlgorithm")),
    };
    return lines.join(QLatin1Char('\n'));
}

QString certificateDevicesText(const QString& alias, const QJsonObject& devices)
{
    const qint64 total = devices.value(QStringLiteral("total")).toInteger();
    QStringList lines{QObject::tr("%n device(s) use \"%1\"", nullptr, int(total)).arg(alias)};
    const QJsonArray items = devices.value(QStringLiteral("items")).toArray();
    for (const auto& item : items) {
        lines.append(QStringLiteral("%1 (#%2)")
                         .arg(item[QStringLiteral("name")].toString())
                         .arg(item[QStringLiteral("id")].toInteger()));
    }
    if (items.size() < total) {
        lines.append(QObject::tr("(%1 more that you may not browse)").arg(total - items.size()));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace steward::console::ui
