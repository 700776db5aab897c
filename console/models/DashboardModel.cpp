// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/DashboardModel.h"

#include <QJsonArray>

#include <algorithm>

namespace steward::console::models {

DashboardModel::DashboardModel(net::Transport& transport, QObject* parent)
    : QObject(parent), m_transport(transport)
{
    m_historyTimer.setInterval(HistoryInterval);
    connect(&m_historyTimer, &QTimer::timeout, this, &DashboardModel::reloadHistory);
    m_refreshTimer.setInterval(RefreshInterval);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        reloadAudit();
        reloadStatus();
    });
}

void DashboardModel::start()
{
    reloadHistory();
    reloadAudit();
    reloadStatus();
    m_historyTimer.start();
    m_refreshTimer.start();
}

std::chrono::seconds DashboardModel::span(Range range)
{
    switch (range) {
    case Range::Week:
        return std::chrono::hours(24 * 7);
    case Range::Month:
        return std::chrono::hours(24 * 30);
    case Range::Day:
        break;
    }
    return std::chrono::hours(24);
}

void DashboardModel::setRange(Range range)
{
    if (range != m_range) {
        m_range = range;
        reloadHistory();
    }
}

QString DashboardModel::describe(const QString& what, const net::ApiReply& reply)
{
    const QString why = reply.error ? reply.error->message : tr("unknown error");
    if (reply.status == 403) {
        return tr("%1: not allowed (%2).").arg(what, why);
    }
    if (reply.status == 0) {
        return tr("%1: the server is unreachable (%2).").arg(what, why);
    }
    return tr("%1: the server answered %2 (%3).").arg(what).arg(reply.status).arg(why);
}

void DashboardModel::reloadHistory()
{
    const qint64 since = QDateTime::currentSecsSinceEpoch() - span(m_range).count();
    const quint64 generation = ++m_historyGeneration;
    m_transport.get(
        QStringLiteral("/api/v1/stats/devices?since=%1").arg(since), this,
        [this, generation](const net::ApiReply& reply) {
            if (generation != m_historyGeneration) {
                return; // the range changed meanwhile: a newer answer follows
            }
            if (!reply.ok()) {
                m_historyError = describe(tr("Device counts could not be loaded"), reply);
                Q_EMIT historyChanged();
                return;
            }
            m_historyError.clear();
            m_history.clear();
            for (const auto& value : reply.object().value(QStringLiteral("items")).toArray()) {
                const QJsonObject item = value.toObject();
                m_history.push_back({QDateTime::fromString(
                                         item.value(QStringLiteral("at")).toString(), Qt::ISODate),
                                     item.value(QStringLiteral("total")).toInteger(),
                                     item.value(QStringLiteral("online")).toInteger(),
                                     item.value(QStringLiteral("offline")).toInteger()});
            }
            recomputeLive();
            Q_EMIT historyChanged();
        });
}

void DashboardModel::reloadAudit()
{
    m_transport.get(QStringLiteral("/api/v1/audit?offset=0&limit=%1").arg(AuditRows), this,
                    [this](const net::ApiReply& reply) {
                        if (!reply.ok()) {
                            m_auditError = describe(tr("The audit log could not be loaded"), reply);
                            Q_EMIT auditChanged();
                            return;
                        }
                        m_auditError.clear();
                        m_audit.clear();
                        for (const auto& item :
                             reply.object().value(QStringLiteral("items")).toArray()) {
                            m_audit.push_back(item.toObject());
                        }
                        Q_EMIT auditChanged();
                    });
}

void DashboardModel::reloadStatus()
{
    m_transport.get(QStringLiteral("/status"), this, [this](const net::ApiReply& reply) {
        // A server that is not ok may answer /status with 503 and the same body.
        const QJsonObject body = reply.object();
        if (!body.contains(QStringLiteral("status"))) {
            m_statusError = describe(tr("The server status could not be loaded"), reply);
            m_status.clear();
            m_checks.clear();
            Q_EMIT statusChanged();
            return;
        }
        m_statusError.clear();
        m_status = body.value(QStringLiteral("status")).toString();
        m_checks.clear();
        for (const auto& value : body.value(QStringLiteral("checks")).toArray()) {
            const QJsonObject check = value.toObject();
            m_checks.push_back({check.value(QStringLiteral("name")).toString(),
                                check.value(QStringLiteral("status")).toString(),
                                check.value(QStringLiteral("message")).toString()});
        }
        Q_EMIT statusChanged();
    });
}

void DashboardModel::applyEvent(const protocol::ObjectEvent& event)
{
    if (event.kind != QStringLiteral("device")) {
        return;
    }
    Delta delta{QDateTime::currentDateTimeUtc()};
    const auto known = m_online.find(event.id);
    const bool wasOnline = known != m_online.end() && known->second;
    if (event.event == QStringLiteral("online")) {
        if (wasOnline) {
            return; // told twice
        }
        m_online[event.id] = true;
        delta.online = 1;
    } else if (event.event == QStringLiteral("offline")) {
        if (known != m_online.end() && !known->second) {
            return;
        }
        m_online[event.id] = false;
        delta.online = -1;
    } else if (event.event == QStringLiteral("created")) {
        delta.total = 1;
    } else if (event.event == QStringLiteral("deleted")) {
        delta.total = -1;
        delta.online = wasOnline ? -1 : 0;
        m_online.erase(event.id);
    } else {
        return;
    }
    m_deltas.push_back(delta);
    recomputeLive();
}

void DashboardModel::resync()
{
    m_deltas.clear();
    m_online.clear();
    reloadHistory();
    reloadAudit();
    reloadStatus();
}

void DashboardModel::recomputeLive()
{
    if (m_history.empty()) {
        return; // nothing to move on from yet
    }
    const CountSample& newest = m_history.back();
    // Events before the newest sample are already in it.
    std::erase_if(m_deltas, [&](const Delta& delta) { return delta.at <= newest.at; });
    CountSample live = newest;
    for (const auto& delta : m_deltas) {
        live.total += delta.total;
        live.online += delta.online;
    }
    live.total = std::max<qint64>(live.total, 0);
    live.online = std::clamp<qint64>(live.online, 0, live.total);
    live.offline = live.total - live.online;
    live.at = std::max(newest.at, QDateTime::currentDateTimeUtc());
    m_live = live;
    Q_EMIT liveChanged();
}

} // namespace steward::console::models
