// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/WebCertificateDialogs.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>

namespace steward::console::ui {

CreateWebCertificateDialog::CreateWebCertificateDialog(const QStringList& suggestions,
                                                       QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Create web certificate"));
    m_alias = new QLineEdit(this);
    m_alias->setObjectName(QStringLiteral("alias"));
    m_suggestions = new QListWidget(this);
    m_suggestions->setObjectName(QStringLiteral("suggestions"));
    m_suggestions->setToolTip(tr("The names and addresses this server has"));
    for (const QString& name : suggestions) {
        auto* item = new QListWidgetItem(name, m_suggestions);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_extra = new QLineEdit(this);
    m_extra->setObjectName(QStringLiteral("extraNames"));
    m_extra->setPlaceholderText(tr("steward.example.com, 192.0.2.10"));
    m_key = new QComboBox(this);
    m_key->addItem(tr("EC P-256"), QStringLiteral("EC P-256"));
    m_key->addItem(tr("RSA 2048"), QStringLiteral("RSA 2048"));
    m_key->addItem(tr("RSA 4096"), QStringLiteral("RSA 4096"));
    m_validity = new QSpinBox(this);
    m_validity->setRange(1, 3650);
    m_validity->setValue(825);
    m_validity->setSuffix(tr(" days"));
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Alias:"), m_alias);
    form->addRow(tr("This server's &names:"), m_suggestions);
    form->addRow(tr("&More names:"), m_extra);
    form->addRow(tr("&Key:"), m_key);
    form->addRow(tr("&Validity:"), m_validity);
    form->addRow(m_problem);
    form->addRow(m_buttons);

    connect(m_alias, &QLineEdit::textChanged, this, &CreateWebCertificateDialog::refresh);
    connect(m_extra, &QLineEdit::textChanged, this, &CreateWebCertificateDialog::refresh);
    connect(m_suggestions, &QListWidget::itemChanged, this, &CreateWebCertificateDialog::refresh);
    refresh();
}

QStringList CreateWebCertificateDialog::hostNames() const
{
    QStringList names;
    for (int i = 0; i < m_suggestions->count(); ++i) {
        if (m_suggestions->item(i)->checkState() == Qt::Checked) {
            names.append(m_suggestions->item(i)->text());
        }
    }
    for (const QString& name : m_extra->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (const QString trimmed = name.trimmed();
            !trimmed.isEmpty() && !names.contains(trimmed, Qt::CaseInsensitive)) {
            names.append(trimmed);
        }
    }
    return names;
}

models::WebCertificateRequest CreateWebCertificateDialog::request() const
{
    models::WebCertificateRequest request;
    request.alias = m_alias->text().trimmed();
    request.hostNames = hostNames();
    request.keySpec = m_key->currentData().toString();
    request.validityDays = m_validity->value();
    return request;
}

QStringList CreateWebCertificateDialog::suggestions() const
{
    QStringList names;
    for (int i = 0; i < m_suggestions->count(); ++i) {
        names.append(m_suggestions->item(i)->text());
    }
    return names;
}

QString CreateWebCertificateDialog::problem() const
{
    if (m_alias->text().trimmed().isEmpty()) {
        return tr("Give the certificate an alias.");
    }
    const QStringList names = hostNames();
    if (names.isEmpty()) {
        return tr("Check or type at least one host name or IP address.");
    }
    for (const QString& name : names) {
        if (const QString problem = models::webHostNameProblem(name); !problem.isEmpty()) {
            return problem;
        }
    }
    return {};
}

bool CreateWebCertificateDialog::acceptable() const
{
    return problem().isEmpty();
}

void CreateWebCertificateDialog::refresh()
{
    const QString text = problem();
    m_problem->setText(text);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(text.isEmpty());
}

void CreateWebCertificateDialog::setAlias(const QString& alias)
{
    m_alias->setText(alias);
}

void CreateWebCertificateDialog::setChecked(const QString& suggestion, bool checked)
{
    for (auto* item : m_suggestions->findItems(suggestion, Qt::MatchExactly)) {
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
}

void CreateWebCertificateDialog::setExtraNames(const QString& commaSeparated)
{
    m_extra->setText(commaSeparated);
}

void CreateWebCertificateDialog::setKeyChoice(int choice)
{
    m_key->setCurrentIndex(choice);
}

void CreateWebCertificateDialog::setValidityDays(int days)
{
    m_validity->setValue(days);
}

} // namespace steward::console::ui
