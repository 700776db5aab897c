// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/ScanPanel.h"

#include "console/models/ScanModel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace steward::console::ui {

using models::ScanModel;

ScanPanel::ScanPanel(net::Transport& transport, QWidget* parent)
    : QWidget(parent), m_model(new ScanModel(transport, this))
{
    setObjectName(QStringLiteral("scanPanel"));
    m_range = new QLineEdit(this);
    m_range->setObjectName(QStringLiteral("scanRange"));
    m_range->setPlaceholderText(tr("10.0.0.0/24, 10.0.0.1-10.0.0.254, 10.0.0.7 or broadcast"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("scanPort"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("server default"));
    m_port->setToolTip(tr("The agents' discovery port; the server's setting when left at default"));
    m_start = new QPushButton(tr("&Start scan"), this);
    m_start->setObjectName(QStringLiteral("startScan"));
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelScan"));
    m_cancel->setToolTip(tr("Stop following the scan and any pending offer"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("scanProgress"));
    m_progress->setTextVisible(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("scanStatus"));
    m_status->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("scanError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();
    m_results = new QTableView(this);
    m_results->setObjectName(QStringLiteral("scanResults"));
    m_results->setModel(m_model);
    m_results->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_results->setSelectionMode(QAbstractItemView::SingleSelection);
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setStretchLastSection(true);
    m_results->setColumnWidth(ScanModel::Address, 150);
    m_results->setColumnWidth(ScanModel::HostName, 140);
    m_results->setColumnWidth(ScanModel::UnitId, 140);
    m_register = new QPushButton(tr("&Register…"), this);
    m_register->setObjectName(QStringLiteral("registerDevice"));
    m_register->setToolTip(tr("Send the selected agent a signed offer to enrol with this server; "
                              "it enrols only if it runs with --accept-offers"));

    auto* form = new QFormLayout;
    auto* rangeRow = new QHBoxLayout;
    rangeRow->addWidget(m_range, 1);
    rangeRow->addWidget(m_port);
    auto* rangeLabel = new QLabel(tr("&Addresses:"), this);
    rangeLabel->setBuddy(m_range);
    form->addRow(rangeLabel, rangeRow);
    m_range->setFocus();
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    auto* below = new QHBoxLayout;
    below->addStretch(1);
    below->addWidget(m_register);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    layout->addWidget(m_results, 1);
    layout->addLayout(below);

    connect(m_start, &QPushButton::clicked, this, &ScanPanel::startScan);
    connect(m_range, &QLineEdit::returnPressed, this, &ScanPanel::startScan);
    connect(m_cancel, &QPushButton::clicked, this, &ScanPanel::cancel);
    connect(m_register, &QPushButton::clicked, this, &ScanPanel::registerSelected);
    connect(m_model, &ScanModel::stateChanged, this, &ScanPanel::updateState);
    connect(m_model, &ScanModel::failed, this, &ScanPanel::showError);
    connect(m_results->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ScanPanel::updateState);
    updateState();
}

QString ScanPanel::error() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void ScanPanel::startScan()
{
    if (m_model->isBusy()) {
        return;
    }
    if (m_range->text().trimmed().isEmpty()) {
        showError(tr("Enter what to scan: an address, a range, a network or \"broadcast\"."));
        m_range->setFocus();
        return;
    }
    m_error->hide();
    m_model->start(m_range->text(), m_port->value());
}

void ScanPanel::registerSelected()
{
    const auto rows = m_results->selectionModel()->selectedRows();
    if (rows.size() == 1) {
        m_error->hide();
        m_model->registerDevice(rows.first().row());
    }
}

void ScanPanel::cancel()
{
    m_model->cancel();
    updateState();
}

void ScanPanel::showError(const QString& message)
{
    m_error->setText(message);
    m_error->show();
    updateState();
}

void ScanPanel::updateState()
{
    const bool busy = m_model->isBusy();
    m_start->setEnabled(!busy);
    m_range->setEnabled(!busy);
    m_port->setEnabled(!busy);
    m_cancel->setEnabled(busy || m_model->isPolling());
    if (busy) {
        m_progress->setRange(0, 0); // busy: the server does not say how far it is
    } else {
        m_progress->setRange(0, 1);
        m_progress->setValue(m_model->state() == ScanModel::State::Finished ? 1 : 0);
    }
    m_status->setText(m_model->statusText());
    const auto rows = m_results->selectionModel()->selectedRows();
    m_register->setEnabled(rows.size() == 1 && m_model->canRegister(rows.first().row()));
}

} // namespace steward::console::ui
