// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DashboardModel - what the dashboard shows: device counts over time, recent audit, status.
#pragma once

#include "common/protocol/Events.h"
#include "console/net/Transport.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <map>
#include <vector>

namespace steward::console::models {

struct CountSample {
    QDateTime at;
    qint64 total = 0;
    qint64 online = 0;
    qint64 offline = 0;

    bool operator==(const CountSample&) const = default;
};

struct StatusCheck {
    QString name;
    QString status; // ok, warn, err, init
    QString message;
};

/**
 * history(): GET /api/v1/stats/devices?since=now-range, refetched every 5 minutes (the server
 * samples that often). live(): the newest sample moved on by the device events received since
 * it was taken (online, offline, created, deleted), so the chart's last point is current.
 * audit(): the newest 20 entries of GET /api/v1/audit, and status(): GET /status, both
 * refetched every 30 s (the event socket carries no audit events). Errors are kept per part,
 * in plain words, and the other parts keep working.
 */
class DashboardModel : public QObject {
    Q_OBJECT

public:
    enum class Range { Day, Week, Month };
    static constexpr int AuditRows = 20;
    static constexpr std::chrono::minutes HistoryInterval{5};
    static constexpr std::chrono::seconds RefreshInterval{30};

    explicit DashboardModel(net::Transport& transport, QObject* parent = nullptr);

    /** Fetches everything and starts the timers. */
    void start();
    void reloadHistory();
    void reloadAudit();
    void reloadStatus();
    void setRange(Range range);
    [[nodiscard]] Range range() const { return m_range; }
    [[nodiscard]] static std::chrono::seconds span(Range range);

    [[nodiscard]] const std::vector<CountSample>& history() const { return m_history; }
    /** Invalid (null at) until the history arrived. */
    [[nodiscard]] const CountSample& live() const { return m_live; }
    [[nodiscard]] const std::vector<QJsonObject>& audit() const { return m_audit; }
    [[nodiscard]] const QString& status() const { return m_status; }
    [[nodiscard]] const std::vector<StatusCheck>& checks() const { return m_checks; }
    [[nodiscard]] const QString& historyError() const { return m_historyError; }
    [[nodiscard]] const QString& auditError() const { return m_auditError; }
    [[nodiscard]] const QString& statusError() const { return m_statusError; }

    void applyEvent(const protocol::ObjectEvent& event);
    /** After the event socket reconnected: events may have been missed, so the current point
     *  starts again from a freshly fetched newest sample. */
    void resync();

    /** A failed reply in plain words: what could not be loaded, and why. */
    [[nodiscard]] static QString describe(const QString& what, const net::ApiReply& reply);

Q_SIGNALS:
    void historyChanged();
    void liveChanged();
    void auditChanged();
    void statusChanged();

private:
    struct Delta {
        QDateTime at;
        qint64 total = 0;
        qint64 online = 0;
    };
    void recomputeLive();

    net::Transport& m_transport;
    Range m_range = Range::Day;
    std::vector<CountSample> m_history;
    CountSample m_live;
    std::vector<Delta> m_deltas;     // device events since the newest sample
    std::map<qint64, bool> m_online; // the last state events told per device
    std::vector<QJsonObject> m_audit;
    QString m_status;
    std::vector<StatusCheck> m_checks;
    QString m_historyError;
    QString m_auditError;
    QString m_statusError;
    QTimer m_historyTimer;
    QTimer m_refreshTimer;
    quint64 m_historyGeneration = 0;
};

} // namespace steward::console::models
