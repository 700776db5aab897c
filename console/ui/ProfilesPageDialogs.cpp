// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ProfilesPage's dialogs: what the buttons ask before calling the page's public functions.
#include "console/ui/ProfilesPage.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QInputDialog>
#include <QMessageBox>

namespace steward::console::ui {

void ProfilesPage::askNew()
{
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("New profile"), tr("Name:"), QLineEdit::Normal, {}, &ok);
    if (!ok || name.isEmpty()) {
        return;
    }
    const QStringList kinds = {tr("standard"), tr("priority")};
    const QString kind =
        QInputDialog::getItem(this, tr("New profile"), tr("Kind:"), kinds, 0, false, &ok);
    if (ok) {
        createProfile(name, kind == kinds.at(1) ? QStringLiteral("priority")
                                                : QStringLiteral("standard"));
    }
}

void ProfilesPage::askRename()
{
    const int row = m_model.rowOf(selectedId());
    if (row < 0) {
        return;
    }
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Rename profile"), tr("Name:"), QLineEdit::Normal,
                              m_model.profile(row).value(QStringLiteral("name")).toString(), &ok);
    if (ok && !name.isEmpty()) {
        renameSelected(name);
    }
}

void ProfilesPage::askAssign()
{
    if (selectedId() == 0) {
        return;
    }
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Assign profile"));
    auto* kind = new QComboBox(&dialog);
    auto* target = new QComboBox(&dialog);
    kind->addItem(tr("Device"), QStringLiteral("device"));
    kind->addItem(tr("Folder (and its subfolders)"), QStringLiteral("folder"));
    kind->addItem(tr("View (the devices it selects)"), QStringLiteral("view"));
    const auto fill = [this, kind, target] {
        target->clear();
        const QString which = kind->currentData().toString();
        const auto& names = which == QLatin1String("device")
                                ? m_devices
                                : (which == QLatin1String("folder") ? m_folders : m_views);
        for (auto it = names.begin(); it != names.end(); ++it) {
            target->addItem(it.value(), it.key());
        }
        target->model()->sort(0);
    };
    connect(kind, &QComboBox::currentIndexChanged, &dialog, fill);
    fill();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Assign to:"), kind);
    form->addRow(QString(), target);
    form->addRow(buttons);
    if (dialog.exec() == QDialog::Accepted && target->currentIndex() >= 0) {
        assignSelected(kind->currentData().toString(), target->currentData().toLongLong());
    }
}

void ProfilesPage::askExport()
{
    const int row = m_model.rowOf(selectedId());
    if (row < 0) {
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export profile"),
        m_model.profile(row).value(QStringLiteral("name")).toString() + QStringLiteral(".json"),
        tr("Profile files (*.json)"));
    if (!path.isEmpty()) {
        exportSelected(path);
    }
}

void ProfilesPage::askImport()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import profile"), {}, tr("Profile files (*.json)"));
    if (path.isEmpty()) {
        return;
    }
    const auto replace = QMessageBox::question(
        this, tr("Import profile"),
        tr("If a profile of the same name exists, replace its values (its assignments stay)?"),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    importFile(path, replace == QMessageBox::Yes);
}

} // namespace steward::console::ui
