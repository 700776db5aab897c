// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/PreferencesDialog.h"

#include "console/app/ConsoleSettings.h"
#include "console/app/ViewerCommand.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace steward::console::ui {

PreferencesDialog::PreferencesDialog(ConsoleSettings& settings, QWidget* parent,
                                     QStringList searchPaths)
    : QDialog(parent), m_settings(settings), m_searchPaths(std::move(searchPaths))
{
    setObjectName(QStringLiteral("preferences"));
    setWindowTitle(tr("Preferences"));

    auto* viewer = new QGroupBox(tr("Shadow viewer"), this);
    m_embedded = new QRadioButton(tr("&Embedded viewer"), viewer);
    m_embedded->setObjectName(QStringLiteral("embeddedViewer"));
    m_external = new QRadioButton(tr("E&xternal viewer command:"), viewer);
    m_external->setObjectName(QStringLiteral("externalViewer"));
    m_command = new QComboBox(viewer);
    m_command->setObjectName(QStringLiteral("viewerCommand"));
    m_command->setEditable(true);
    m_command->setInsertPolicy(QComboBox::NoInsert);
    m_command->setMinimumContentsLength(36);
    for (const auto& found : detectViewers(m_searchPaths)) {
        m_command->addItem(found.command);
        m_command->setItemData(m_command->count() - 1, found.name, Qt::ToolTipRole);
    }
    auto* help = new QLabel(tr("The viewer is started on the console's local end of the tunnel. "
                               "{port} becomes that port; without it, \"127.0.0.1::PORT\" is "
                               "added at the end. Any VNC viewer works: the local leg is plain "
                               "VNC, the tunnel to the device is TLS."),
                            viewer);
    help->setWordWrap(true);
    m_scaleToFit = new QCheckBox(tr("&Scale the screen to fit the window"), viewer);
    m_scaleToFit->setObjectName(QStringLiteral("scaleToFit"));
    auto* viewerLayout = new QVBoxLayout(viewer);
    viewerLayout->addWidget(m_embedded);
    viewerLayout->addWidget(m_external);
    viewerLayout->addWidget(m_command);
    viewerLayout->addWidget(help);
    viewerLayout->addWidget(m_scaleToFit);

    auto* servers = new QGroupBox(tr("Remembered servers"), this);
    m_servers = new QListWidget(servers);
    m_servers->setObjectName(QStringLiteral("servers"));
    for (const QString& server : m_settings.servers()) {
        const QUrl url(server);
        auto* item = new QListWidgetItem(server, m_servers);
        const QSslCertificate pin = m_settings.pinnedCertificate(url);
        const QString user = m_settings.lastUser(url);
        item->setToolTip(
            tr("Last user: %1\nPinned certificate (SHA-256): %2")
                .arg(user.isEmpty() ? tr("none") : user,
                     pin.isNull()
                         ? tr("none")
                         : QString::fromLatin1(pin.digest(QCryptographicHash::Sha256).toHex(':'))));
    }
    m_forget = new QPushButton(tr("&Forget"), servers);
    m_forget->setObjectName(QStringLiteral("forgetServer"));
    m_forget->setToolTip(tr("Remove the server from the list, with its user and its pinned "
                            "certificate: the next connection asks to trust it again"));
    auto* serverLayout = new QHBoxLayout(servers);
    serverLayout->addWidget(m_servers, 1);
    serverLayout->addWidget(m_forget, 0, Qt::AlignTop);

    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020"));
    m_problem->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(viewer);
    layout->addWidget(servers);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    const QString command = m_settings.externalViewer();
    (command.isEmpty() ? m_embedded : m_external)->setChecked(true);
    if (!command.isEmpty()) {
        m_command->setEditText(command);
    } else if (m_command->count() > 0) {
        m_command->setCurrentIndex(0);
    }
    m_scaleToFit->setChecked(m_settings.shadowScaleToFit());
    connect(m_external, &QRadioButton::toggled, this, &PreferencesDialog::updateState);
    connect(m_servers, &QListWidget::itemSelectionChanged, this, &PreferencesDialog::updateState);
    connect(m_forget, &QPushButton::clicked, this, &PreferencesDialog::forgetSelected);
    updateState();
}

QString PreferencesDialog::problem() const
{
    return m_problem->isHidden() ? QString() : m_problem->text();
}

void PreferencesDialog::updateState()
{
    m_command->setEnabled(m_external->isChecked());
    m_scaleToFit->setEnabled(m_embedded->isChecked());
    m_forget->setEnabled(!m_servers->selectedItems().isEmpty());
}

void PreferencesDialog::forgetSelected()
{
    for (auto* item : m_servers->selectedItems()) {
        m_forgotten.append(item->text());
        delete item;
    }
    updateState();
}

void PreferencesDialog::accept()
{
    QString command;
    if (m_external->isChecked()) {
        command = m_command->currentText().trimmed();
        QString why = command.isEmpty()
                          ? tr("Enter the external viewer command, or choose the embedded viewer.")
                          : viewerCommandProblem(command, m_searchPaths);
        if (!why.isEmpty()) {
            m_problem->setText(why);
            m_problem->show();
            m_command->setFocus();
            return;
        }
    }
    m_settings.setExternalViewer(command);
    m_settings.setShadowScaleToFit(m_scaleToFit->isChecked());
    for (const QString& server : std::as_const(m_forgotten)) {
        m_settings.forgetServer(QUrl(server));
    }
    m_problem->clear();
    m_problem->hide();
    QDialog::accept();
}

} // namespace steward::console::ui
