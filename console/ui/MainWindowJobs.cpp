// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow's part for jobs (docs/jobs.md): the Jobs page, and commands on several selected
// devices run as one job with a progress dialog that can cancel it.
#include "console/models/JobListModel.h"
#include "console/models/NavigationModel.h"
#include "console/ui/DeviceDetailsPane.h"
#include "console/ui/JobDialog.h"
#include "console/ui/JobProgressDialog.h"
#include "console/ui/JobsPage.h"
#include "console/ui/MainWindow.h"

#include <QDateTime>
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
        const QString name = job.value(QStringLiteral("name")).toString();
        if (job.value(QStringLiteral("state")).toString() == QLatin1String("scheduled")) {
            const QDateTime at =
                QDateTime::fromString(job.value(QStringLiteral("runAt")).toString(), Qt::ISODate);
            statusBar()->showMessage(
                tr("%1: scheduled for %2")
                    .arg(name, at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))),
                10'000);
            return;
        }
        auto* dialog = new JobProgressDialog(*m_jobModel, job, this);
        dialog->show();
        statusBar()->showMessage(
            tr("%1: started as job %2").arg(name).arg(job.value(QStringLiteral("id")).toInteger()),
            5000);
    });
    connect(m_jobsPage, &JobsPage::newJobRequested, this, [this] {
        QList<qint64> ids;
        for (const auto& device : selectedDevices()) {
            ids.append(device.value(QStringLiteral("id")).toInteger());
        }
        auto* dialog = new JobDialog(ids, m_navigation->folders(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, this,
                [this, dialog] { m_jobModel->createJob(dialog->body(), tr("New job")); });
        dialog->open();
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
