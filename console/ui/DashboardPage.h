// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DashboardPage - the console's start page: device counts chart, recent audit, server status.
#pragma once

#include "console/models/DashboardModel.h"

#include <QWidget>

class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QTableWidget;
class QValueAxis;

namespace steward::console::ui {

/** Shows a DashboardModel; owns no data of its own. */
class DashboardPage : public QWidget {
    Q_OBJECT

public:
    explicit DashboardPage(models::DashboardModel& model, QWidget* parent = nullptr);

    [[nodiscard]] QLineSeries& totalSeries() const { return *m_total; }
    [[nodiscard]] QLineSeries& onlineSeries() const { return *m_online; }
    [[nodiscard]] QLineSeries& offlineSeries() const { return *m_offline; }
    [[nodiscard]] QTableWidget& auditTable() const { return *m_audit; }
    [[nodiscard]] QComboBox& rangeBox() const { return *m_range; }
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QString chartNote() const;
    [[nodiscard]] QString auditNote() const;

private:
    void showHistory();
    void showAudit();
    void showStatus();

    models::DashboardModel& m_model;
    QComboBox* m_range = nullptr;
    QChartView* m_chartView = nullptr;
    QLineSeries* m_total = nullptr;
    QLineSeries* m_online = nullptr;
    QLineSeries* m_offline = nullptr;
    QDateTimeAxis* m_timeAxis = nullptr;
    QValueAxis* m_countAxis = nullptr;
    QLabel* m_chartNote = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_auditNote = nullptr;
    QTableWidget* m_audit = nullptr;
};

} // namespace steward::console::ui
