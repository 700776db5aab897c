// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/BackupsPage.h"

#include "console/models/BackupModel.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace steward::console::ui {

namespace {

constexpr int MinPassphraseLength = 12; // the server's rule, checked here first

} // namespace

PassphrasePrompt passphraseDialog(QWidget* parent)
{
    return [parent]() -> std::optional<QString> {
        QDialog dialog(parent);
        dialog.setWindowTitle(QObject::tr("Backup passphrase"));
        auto* first = new QLineEdit(&dialog);
        auto* second = new QLineEdit(&dialog);
        for (auto* edit : {first, second}) {
            edit->setEchoMode(QLineEdit::Password);
        }
        auto* problem = new QLabel(&dialog);
        problem->setWordWrap(true);
        auto* buttons =
            new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
        auto* layout = new QFormLayout(&dialog);
        layout->addRow(new QLabel(QObject::tr("The backup holds the server's private keys; it is "
                                              "encrypted with this passphrase, which is not "
                                              "stored anywhere. Without it the backup cannot "
                                              "be restored."),
                                  &dialog));
        layout->addRow(QObject::tr("Passphrase:"), first);
        layout->addRow(QObject::tr("Again:"), second);
        layout->addRow(problem);
        layout->addRow(buttons);
        QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
        QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
            if (first->text().size() < MinPassphraseLength) {
                problem->setText(QObject::tr("At least %1 characters.").arg(MinPassphraseLength));
            } else if (first->text() != second->text()) {
                problem->setText(QObject::tr("The two passphrases differ."));
            } else {
                dialog.accept();
            }
        });
        if (dialog.exec() != QDialog::Accepted) {
            return std::nullopt;
        }
        return first->text();
    };
}

BackupsPage::BackupsPage(models::BackupModel& model, QWidget* parent)
    : QWidget(parent), m_model(model), m_confirm(messageBoxConfirm(this)),
      m_passphrase(passphraseDialog(this)), m_savePath([this](const QString& name) {
          return QFileDialog::getSaveFileName(this, tr("Save backup"), QDir::home().filePath(name),
                                              tr("Steward backups (*.stwbak)"));
      })
{
    setObjectName(QStringLiteral("backups"));
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("backupView"));
    m_view->setModel(&m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(models::BackupModel::Name, 260);
    m_view->setColumnWidth(models::BackupModel::Created, 150);
    m_make = new QPushButton(tr("&Make backup…"), this);
    m_make->setObjectName(QStringLiteral("makeBackup"));
    m_make->setToolTip(tr("An encrypted backup of the database, the keys and the settings file, "
                          "made by the server while it keeps running"));
    m_cancel = new QPushButton(tr("&Cancel backup"), this);
    m_cancel->setObjectName(QStringLiteral("cancelBackup"));
    m_save = new QPushButton(tr("&Save to file…"), this);
    m_save->setObjectName(QStringLiteral("saveBackup"));
    m_delete = new QPushButton(tr("&Delete…"), this);
    m_delete->setObjectName(QStringLiteral("deleteBackup"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("backupProgress"));
    m_progress->setRange(0, 100);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("backupStatus"));
    m_status->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_make);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_save);
    buttons->addWidget(m_delete);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_make, &QPushButton::clicked, this, &BackupsPage::makeBackup);
    connect(m_cancel, &QPushButton::clicked, this, &BackupsPage::cancelBackup);
    connect(m_save, &QPushButton::clicked, this, &BackupsPage::saveSelected);
    connect(m_delete, &QPushButton::clicked, this, &BackupsPage::deleteSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BackupsPage::updateState);
    connect(&m_model, &models::BackupModel::changed, this, &BackupsPage::updateState);
    connect(&m_model, &models::BackupModel::loadFailed, this, [this](const QString& error) {
        m_status->setText(tr("The backups could not be listed: %1").arg(error));
    });
    connect(&m_model, &models::BackupModel::finished, this,
            [this](const QString& what, const QString& error) {
                if (!error.isEmpty()) {
                    m_status->setText(
                        (what == QStringLiteral("start")    ? tr("No backup was started: %1")
                         : what == QStringLiteral("cancel") ? tr("The backup was not cancelled: %1")
                                                            : tr("The backup was not deleted: %1"))
                            .arg(error));
                }
            });
    updateState();
}

QString BackupsPage::statusText() const
{
    return m_status->text();
}

QString BackupsPage::selectedName() const
{
    const auto rows = m_view->selectionModel()->selectedRows();
    return rows.size() == 1
               ? m_model.backup(rows.first().row()).value(QStringLiteral("name")).toString()
               : QString();
}

void BackupsPage::updateState()
{
    const QJsonObject running = m_model.running();
    m_make->setEnabled(running.isEmpty());
    m_cancel->setEnabled(!running.isEmpty());
    m_progress->setVisible(!running.isEmpty());
    if (!running.isEmpty()) {
        m_progress->setValue(running.value(QStringLiteral("percent")).toInt());
        m_status->setText(tr("Making %1…").arg(running.value(QStringLiteral("name")).toString()));
    }
    const auto rows = m_view->selectionModel()->selectedRows();
    const QJsonObject selected =
        rows.size() == 1 ? m_model.backup(rows.first().row()) : QJsonObject();
    const QString state = selected.value(QStringLiteral("state")).toString();
    m_save->setEnabled(state == QStringLiteral("done"));
    m_delete->setEnabled(state == QStringLiteral("done"));
}

void BackupsPage::makeBackup()
{
    const auto passphrase = m_passphrase();
    if (!passphrase) {
        return;
    }
    m_status->setText(tr("Starting a backup…"));
    m_model.start(*passphrase);
}

void BackupsPage::cancelBackup()
{
    const QString name = m_model.running().value(QStringLiteral("name")).toString();
    if (!name.isEmpty()) {
        m_model.remove(name);
        m_status->setText(tr("Cancelling %1; nothing of it is kept.").arg(name));
    }
}

void BackupsPage::saveSelected()
{
    const QString name = selectedName();
    if (name.isEmpty()) {
        return;
    }
    const QString path = m_savePath(name);
    if (path.isEmpty()) {
        return;
    }
    m_status->setText(tr("Downloading %1…").arg(name));
    m_save->setEnabled(false);
    m_model.download(name, [this, name, path](const QByteArray& content, const QString& error) {
        updateState();
        if (!error.isEmpty()) {
            m_status->setText(tr("%1 could not be downloaded: %2").arg(name, error));
            return;
        }
        // Encrypted, but still the server's keys: readable by this user only.
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()
            || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
            || !file.commit()) {
            m_status->setText(tr("%1 could not be written: %2").arg(path, file.errorString()));
            return;
        }
        m_status->setText(tr("Saved %1 (%2 bytes) as %3. Keep the passphrase apart from it.")
                              .arg(name)
                              .arg(content.size())
                              .arg(path));
    });
}

void BackupsPage::deleteSelected()
{
    const QString name = selectedName();
    if (name.isEmpty()
        || !m_confirm(
            tr("Delete backup"),
            tr("Delete %1 from the server? Copies saved elsewhere are kept.").arg(name))) {
        return;
    }
    m_model.remove(name);
}

} // namespace steward::console::ui
