// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/AuditLogPage.h"

#include "console/models/AuditLogModel.h"

#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace steward::console::ui {

AuditLogPage::AuditLogPage(models::AuditLogModel& model, QWidget* parent)
    : QWidget(parent), m_model(model), m_exportPath([this] {
          return QFileDialog::getSaveFileName(
              this, tr("Export audit log"),
              QDir::home().filePath(QStringLiteral("steward-audit-%1.csv")
                                        .arg(QDate::currentDate().toString(Qt::ISODate))),
              tr("CSV files (*.csv)"));
      })
{
    setObjectName(QStringLiteral("auditLog"));
    const auto field = [this](const char* name, const QString& placeholder) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QLatin1String(name));
        edit->setPlaceholderText(placeholder);
        edit->setClearButtonEnabled(true);
        connect(edit, &QLineEdit::returnPressed, this, &AuditLogPage::applyFilters);
        return edit;
    };
    m_actor = field("auditActor", tr("who (exact)"));
    m_action = field("auditAction", tr("action, e.g. shadow.start"));
    m_object = field("auditObject", tr("object, e.g. device:7"));
    m_outcome = new QComboBox(this);
    m_outcome->setObjectName(QStringLiteral("auditOutcome"));
    m_outcome->addItem(tr("any outcome"), QString());
    for (const char* outcome : {"ok", "denied", "failed"}) {
        m_outcome->addItem(QLatin1String(outcome), QLatin1String(outcome));
    }
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("auditPeriod"));
    m_period->addItem(tr("all time"), 0);
    m_period->addItem(tr("last hour"), 3600);
    m_period->addItem(tr("last 24 hours"), 86400);
    m_period->addItem(tr("last 7 days"), 7 * 86400);
    m_period->addItem(tr("last 30 days"), 30 * 86400);
    for (auto* combo : {m_outcome, m_period}) {
        connect(combo, &QComboBox::activated, this, &AuditLogPage::applyFilters);
    }
    auto* apply = new QPushButton(tr("&Filter"), this);
    connect(apply, &QPushButton::clicked, this, &AuditLogPage::applyFilters);
    m_export = new QPushButton(tr("&Export CSV…"), this);
    m_export->setObjectName(QStringLiteral("exportAudit"));
    m_export->setToolTip(tr("Write the entries loaded so far to a CSV file"));
    connect(m_export, &QPushButton::clicked, this, &AuditLogPage::exportCsv);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("auditView"));
    m_view->setModel(&m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(models::AuditLogModel::At, 150);
    m_view->setColumnWidth(models::AuditLogModel::Action, 170);
    m_view->setColumnWidth(models::AuditLogModel::Object, 140);
    m_view->setWordWrap(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("auditStatus"));

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_actor);
    filters->addWidget(m_action, 2);
    filters->addWidget(m_object);
    filters->addWidget(m_outcome);
    filters->addWidget(m_period);
    filters->addWidget(apply);
    auto* below = new QHBoxLayout;
    below->addWidget(m_status, 1);
    below->addWidget(m_export);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(m_view);
    layout->addLayout(below);

    connect(&m_model, &models::AuditLogModel::loaded, this, [this] {
        m_error.clear();
        updateStatus();
    });
    connect(&m_model, &models::AuditLogModel::loadFailed, this, [this](const QString& error) {
        m_error = error;
        updateStatus();
    });
    updateStatus();
}

void AuditLogPage::applyFilters()
{
    models::AuditQuery query;
    query.actor = m_actor->text().trimmed();
    query.action = m_action->text().trimmed();
    query.object = m_object->text().trimmed();
    query.outcome = m_outcome->currentData().toString();
    if (const int seconds = m_period->currentData().toInt(); seconds > 0) {
        query.from = QDateTime::currentSecsSinceEpoch() - seconds;
    }
    m_model.setQuery(query);
}

void AuditLogPage::exportCsv()
{
    const QString path = m_exportPath();
    if (path.isEmpty()) {
        return;
    }
    const QByteArray csv = m_model.toCsv();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit()) {
        m_status->setText(tr("%1 could not be written: %2").arg(path, file.errorString()));
        return;
    }
    m_status->setText(tr("Exported %1 entries to %2.")
                          .arg(m_model.rowCount())
                          .arg(QDir::toNativeSeparators(path)));
}

QString AuditLogPage::statusText() const
{
    return m_status->text();
}

void AuditLogPage::updateStatus()
{
    if (!m_error.isEmpty()) {
        m_status->setText(tr("The audit log could not be loaded: %1").arg(m_error));
        return;
    }
    m_status->setText(tr("%1 of %2 entries loaded; newer ones appear by themselves.")
                          .arg(m_model.rowCount())
                          .arg(m_model.total()));
    m_export->setEnabled(m_model.rowCount() > 0);
}

void AuditLogPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (!m_model.isLoaded()) {
        applyFilters();
    } else {
        m_model.refresh();
    }
    m_model.setLive(true);
}

void AuditLogPage::hideEvent(QHideEvent* event)
{
    m_model.setLive(false);
    QWidget::hideEvent(event);
}

} // namespace steward::console::ui
