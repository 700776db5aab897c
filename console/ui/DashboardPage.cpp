// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/ui/DashboardPage.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace steward::console::ui {
namespace {

using Model = models::DashboardModel;

QLineSeries* makeSeries(const QString& name, const QColor& color, QChart& chart)
{
    auto* series = new QLineSeries(&chart);
    series->setName(name);
    QPen pen(color);
    pen.setWidth(2);
    series->setPen(pen);
    series->setPointsVisible(false);
    chart.addSeries(series);
    return series;
}

QString statusColor(const QString& status)
{
    if (status == QStringLiteral("ok")) {
        return QStringLiteral("#2e7d32");
    }
    if (status == QStringLiteral("warn") || status == QStringLiteral("init")) {
        return QStringLiteral("#ef6c00");
    }
    return QStringLiteral("#c62828");
}

} // namespace

DashboardPage::DashboardPage(models::DashboardModel& model, QWidget* parent)
    : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("dashboard"));
    auto* chart = new QChart;
    chart->setTitle(tr("Devices"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    m_total = makeSeries(tr("Total"), QColor(0x1565c0), *chart);
    m_online = makeSeries(tr("Online"), QColor(0x2e7d32), *chart);
    m_offline = makeSeries(tr("Offline"), QColor(0x9e9e9e), *chart);
    m_timeAxis = new QDateTimeAxis(chart);
    m_countAxis = new QValueAxis(chart);
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_countAxis, Qt::AlignLeft);
    for (auto* series : {m_total, m_online, m_offline}) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_countAxis);
    }
    m_chartView = new QChartView(chart, this);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(260);

    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("dashboardRange"));
    m_range->addItem(tr("Last 24 hours"), int(Model::Range::Day));
    m_range->addItem(tr("Last 7 days"), int(Model::Range::Week));
    m_range->addItem(tr("Last 30 days"), int(Model::Range::Month));
    connect(m_range, &QComboBox::currentIndexChanged, this,
            [this](int) { m_model.setRange(Model::Range(m_range->currentData().toInt())); });
    m_chartNote = new QLabel(this);
    m_chartNote->setWordWrap(true);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);

    m_auditNote = new QLabel(this);
    m_auditNote->setWordWrap(true);
    m_audit = new QTableWidget(0, 5, this);
    m_audit->setObjectName(QStringLiteral("dashboardAudit"));
    m_audit->setHorizontalHeaderLabels(
        {tr("When"), tr("Who"), tr("Action"), tr("Object"), tr("Outcome")});
    m_audit->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_audit->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_audit->verticalHeader()->hide();
    m_audit->horizontalHeader()->setStretchLastSection(true);
    m_audit->setColumnWidth(0, 160);
    m_audit->setColumnWidth(2, 180);
    m_audit->setColumnWidth(3, 140);

    auto* statusBox = new QGroupBox(tr("Server status"), this);
    (new QVBoxLayout(statusBox))->addWidget(m_status);
    auto* auditBox = new QGroupBox(tr("Recent audit events"), this);
    auto* auditLayout = new QVBoxLayout(auditBox);
    auditLayout->addWidget(m_auditNote);
    auditLayout->addWidget(m_audit);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(statusBox);
    layout->addWidget(m_range, 0, Qt::AlignLeft);
    layout->addWidget(m_chartView, 3);
    layout->addWidget(m_chartNote);
    layout->addWidget(auditBox, 2);

    connect(&m_model, &Model::historyChanged, this, &DashboardPage::showHistory);
    connect(&m_model, &Model::liveChanged, this, &DashboardPage::showHistory);
    connect(&m_model, &Model::auditChanged, this, &DashboardPage::showAudit);
    connect(&m_model, &Model::statusChanged, this, &DashboardPage::showStatus);
    m_status->setText(tr("Loading…"));
    m_auditNote->setText(tr("Loading…"));
    showHistory();
}

void DashboardPage::showHistory()
{
    QList<QPointF> total;
    QList<QPointF> online;
    QList<QPointF> offline;
    const auto add = [&](const models::CountSample& sample) {
        const auto x = qreal(sample.at.toMSecsSinceEpoch());
        total.append({x, qreal(sample.total)});
        online.append({x, qreal(sample.online)});
        offline.append({x, qreal(sample.offline)});
    };
    for (const auto& sample : m_model.history()) {
        add(sample);
    }
    if (m_model.live().at.isValid()) {
        add(m_model.live()); // the current point, moved on by live events
    }
    for (auto* series : {m_total, m_online, m_offline}) {
        series->setPointsVisible(total.size() < 60); // few points: show each one
    }
    m_total->replace(total);
    m_online->replace(online);
    m_offline->replace(offline);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_timeAxis->setRange(now.addSecs(-Model::span(m_model.range()).count()), now);
    m_timeAxis->setFormat(m_model.range() == Model::Range::Day ? QStringLiteral("HH:mm")
                                                               : QStringLiteral("dd MMM"));
    qreal top = 0;
    for (const auto& point : total) {
        top = std::max(top, point.y());
    }
    m_countAxis->setRange(0, std::max<qreal>(4, top * 1.1));
    m_countAxis->applyNiceNumbers();

    if (!m_model.historyError().isEmpty()) {
        m_chartNote->setText(m_model.historyError());
    } else if (m_model.live().at.isValid()) {
        const auto& live = m_model.live();
        m_chartNote->setText(tr("Now: %1 devices, %2 online, %3 offline.")
                                 .arg(live.total)
                                 .arg(live.online)
                                 .arg(live.offline));
    } else {
        m_chartNote->setText(tr("Loading…"));
    }
}

void DashboardPage::showAudit()
{
    const auto& entries = m_model.audit();
    m_auditNote->setText(m_model.auditError().isEmpty()
                             ? (entries.empty() ? tr("No audit events yet.") : QString())
                             : m_model.auditError());
    m_auditNote->setVisible(!m_auditNote->text().isEmpty());
    m_audit->setRowCount(int(entries.size()));
    const QStringList keys{QStringLiteral("at"), QStringLiteral("actor"), QStringLiteral("action"),
                           QStringLiteral("object"), QStringLiteral("outcome")};
    for (int row = 0; row < int(entries.size()); ++row) {
        for (int column = 0; column < keys.size(); ++column) {
            QString text = entries[size_t(row)].value(keys[column]).toString();
            if (column == 0) {
                text = QDateTime::fromString(text, Qt::ISODate)
                           .toLocalTime()
                           .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            }
            auto* item = new QTableWidgetItem(text);
            item->setToolTip(
                entries[size_t(row)].value(QStringLiteral("details")).toVariant().toString());
            m_audit->setItem(row, column, item);
        }
    }
}

void DashboardPage::showStatus()
{
    if (!m_model.statusError().isEmpty()) {
        m_status->setText(m_model.statusError().toHtmlEscaped());
        return;
    }
    QString html = QStringLiteral("<b style=\"color:%1\">%2</b>")
                       .arg(statusColor(m_model.status()), m_model.status().toUpper());
    for (const auto& check : m_model.checks()) {
        html += QStringLiteral("<br><span style=\"color:%1\">%2</span> %3: %4")
                    .arg(statusColor(check.status), check.status, check.name.toHtmlEscaped(),
                         check.message.toHtmlEscaped());
    }
    m_status->setText(html);
}

QString DashboardPage::statusText() const
{
    return m_status->text();
}

QString DashboardPage::auditNote() const
{
    return m_auditNote->text();
}

QString DashboardPage::chartNote() const
{
    return m_chartNote->text();
}

} // namespace steward::console::ui
