// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/JobProgressDialog.h"

#include "console/models/JobListModel.h"

namespace steward::console::ui {

JobProgressDialog::JobProgressDialog(models::JobListModel& model, const QJsonObject& job,
                                     QWidget* parent)
    : QProgressDialog(parent), m_model(model), m_id(job.value(QStringLiteral("id")).toInteger())
{
    setObjectName(QStringLiteral("jobProgress"));
    setWindowTitle(job.value(QStringLiteral("name")).toString());
    setRange(0, 100);
    setMinimumDuration(0);
    setAutoClose(false);
    setAutoReset(false);
    setAttribute(Qt::WA_DeleteOnClose);
    connect(&m_model, &models::JobListModel::jobChanged, this, [this](const QJsonObject& changed) {
        if (changed.value(QStringLiteral("id")).toInteger() == m_id) {
            update(changed);
        }
    });
    connect(this, &QProgressDialog::canceled, this, &JobProgressDialog::cancelJob);
    update(job);
}

void JobProgressDialog::update(const QJsonObject& job)
{
    m_state = job.value(QStringLiteral("state")).toString();
    const QJsonObject counts = job.value(QStringLiteral("counts")).toObject();
    const auto count = [&](const char* key) {
        return counts.value(QLatin1String(key)).toInteger();
    };
    setLabelText(tr("%1: %2 of %3 devices done, %4 failed, %5 cancelled, %6 waiting")
                     .arg(m_state)
                     .arg(count("done"))
                     .arg(job.value(QStringLiteral("total")).toInteger())
                     .arg(count("failed"))
                     .arg(count("cancelled"))
                     .arg(count("queued") + count("sent")));
    setValue(job.value(QStringLiteral("progress")).toInt());
    if (models::JobListModel::isOver(m_state)) {
        setCancelButtonText(tr("Close"));
    }
}

void JobProgressDialog::cancelJob()
{
    if (models::JobListModel::isOver(m_state)) {
        deleteLater(); // Close
        return;
    }
    m_model.cancel(m_id); // the job's next event shows the outcome again
}

} // namespace steward::console::ui
