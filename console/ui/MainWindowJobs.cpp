// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's part for jobs (docs/jobs.md): the Jobs page, and commands on several selected
// devices run as one job with a progress dialog that can cancel it.
#include "console/models/JobListModel.h"
#include "console/ui/DeviceDetailsPane.h"
#include "console/ui/JobProgressDialog.h"
#include "console/ui/JobsPage.h"
#include "console/ui/MainWindow.h"

#include <QStackedWidget>
#include <QStatusBar>

namespace steward::console::ui {
namespace {

const QString JobsRoute = QStringLiteral("/api/v1/jobs");

} // namespace

void MainWindow::addJobs()
{
    m_jobModel = new models::JobListModel(*m_session.api, this);
    m_jobsPage = new JobsPage(*m_jobModel, this);
    m_pages->addWidget(m_jobsPage);
    connect(m_session.events, &net::EventSocket::objectEvent, m_jobModel,
            &models::JobListModel::applyEvent);
    connect(m_session.events, &net::EventSocket::stateChanged, this,
            [this](net::EventSocket::State state) {
                if (state == net::EventSocket::State::Live && m_jobModel->isLoaded()) {
                    m_jobModel->reload(); // events missed while away
                }
            });
    connect(m_jobModel, &models::JobListModel::created, this, [this](const QJsonObject& job) {
        auto* dialog = new JobProgressDialog(*m_jobModel, job, this);
        dialog->show();
        statusBar()->showMessage(tr("%1: started as job %2")
                                     .arg(job.value(QStringLiteral("name")).toString())
                                     .arg(job.value(QStringLiteral("id")).toInteger()),
                                 5000);
    });
    connect(m_jobModel, &models::JobListModel::finished, this,
            [this](const QString& what, const QString& error) {
                statusBar()->showMessage(
                    error.isEmpty() ? what : tr("%1 failed: %2").arg(what, error), 10'000);
            });
}

void MainWindow::showJobs()
{
    if (m_pages->currentWidget() != m_jobsPage) {
        m_jobModel->reload(); // events keep it current from then on
    }
    m_pages->setCurrentWidget(m_jobsPage);
    m_details->setVisible(false);
}

bool MainWindow::startJob(const QString& kind, const QString& confirm)
{
    const auto devices = selectedDevices();
    if (devices.size() < 2 || !m_session.capabilities.has(QStringLiteral("POST"), JobsRoute)) {
        return false;
    }
    if (!confirm.isEmpty() && !m_confirm(tr("Confirm"), confirm.arg(devices.size()))) {
        return true;
    }
    QList<qint64> ids;
    for (const auto& device : devices) {
        ids.append(device.value(QStringLiteral("id")).toInteger());
    }
    m_jobModel->create(kind, ids);
    return true;
}

} // namespace steward::console::ui
