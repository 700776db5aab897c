// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/JobDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>

namespace steward::console::ui {
namespace {

constexpr qint64 SelectedDevices = -1; // the target combo's data for the selection

} // namespace

JobDialog::JobDialog(const QList<qint64>& selectedDevices,
                     const std::vector<models::Folder>& folders, QWidget* parent)
    : QDialog(parent), m_devices(selectedDevices)
{
    setObjectName(QStringLiteral("jobDialog"));
    setWindowTitle(tr("New job"));
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. Lab reboot (optional)"));
    m_name->setMaxLength(128);
    m_kind = new QComboBox(this);
    m_kind->addItem(tr("Reboot"), QStringLiteral("reboot"));
    m_kind->addItem(tr("Shut down"), QStringLiteral("shutdown"));
    m_kind->addItem(tr("Wake (Wake-on-LAN)"), QStringLiteral("wake"));
    m_kind->addItem(tr("Push settings"), QStringLiteral("push-settings"));
    m_target = new QComboBox(this);
    if (!m_devices.isEmpty()) {
        m_target->addItem(tr("The %n selected device(s)", nullptr, int(m_devices.size())),
                          SelectedDevices);
    }
    for (const auto& folder : folders) {
        m_target->addItem(tr("Folder %1").arg(folder.name), folder.id);
    }
    m_subfolders = new QCheckBox(tr("Include subfolders"), this);
    m_subfolders->setChecked(true);
    m_now = new QCheckBox(tr("Now"), this);
    m_time = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(3600), this);
    m_time->setCalendarPopup(true);
    m_time->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_time->setMinimumDateTime(QDateTime::currentDateTime());
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Command:"), m_kind);
    form->addRow(tr("&Target:"), m_target);
    form->addRow(QString(), m_subfolders);
    form->addRow(tr("&Runs:"), m_now);
    form->addRow(tr("&At:"), m_time);
    form->addRow(buttons);

    const auto update = [this, buttons] {
        m_subfolders->setEnabled(m_target->currentData().toLongLong() != SelectedDevices);
        m_time->setEnabled(!m_now->isChecked());
        buttons->button(QDialogButtonBox::Ok)->setEnabled(m_target->count() > 0);
    };
    connect(m_target, &QComboBox::currentIndexChanged, this, update);
    connect(m_now, &QCheckBox::toggled, this, update);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
}

QJsonObject JobDialog::body() const
{
    QJsonObject target;
    const qint64 chosen = m_target->currentData().toLongLong();
    if (chosen == SelectedDevices) {
        QJsonArray ids;
        for (const qint64 id : m_devices) {
            ids.append(id);
        }
        target.insert(QStringLiteral("devices"), ids);
    } else {
        target.insert(QStringLiteral("folder"), chosen);
        target.insert(QStringLiteral("subfolders"), m_subfolders->isChecked());
    }
    QJsonObject body{{QStringLiteral("kind"), m_kind->currentData().toString()},
                     {QStringLiteral("target"), target}};
    if (!m_name->text().trimmed().isEmpty()) {
        body.insert(QStringLiteral("name"), m_name->text().trimmed());
    }
    if (!m_now->isChecked()) {
        body.insert(QStringLiteral("runAt"), m_time->dateTime().toUTC().toString(Qt::ISODate));
    }
    return body;
}

} // namespace steward::console::ui
