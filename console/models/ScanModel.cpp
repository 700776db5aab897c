// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/ScanModel.h"

#include <QJsonArray>

#include <algorithm>

namespace steward::console::models {

namespace {

QString counted(int n, const QString& one, const QString& many)
{
    return (n == 1 ? one : many).arg(n);
}

QString offerState(const QJsonObject& result)
{
    return result.value(QStringLiteral("offer"))
        .toObject()
        .value(QStringLiteral("state"))
        .toString();
}

} // namespace

ScanModel::ScanModel(net::Transport& transport, QObject* parent)
    : QAbstractTableModel(parent), m_transport(transport)
{
    m_timer.setInterval(std::chrono::milliseconds(500));
    connect(&m_timer, &QTimer::timeout, this, &ScanModel::poll);
}

void ScanModel::start(const QString& range, int port)
{
    QJsonObject body{{QStringLiteral("range"), range.trimmed()}};
    if (port > 0) {
        body.insert(QStringLiteral("port"), port);
    }
    beginResetModel();
    m_rows.clear();
    endResetModel();
    m_scanId = 0;
    m_probes = 0;
    m_inFlight = false;
    const quint64 generation = ++m_generation;
    setState(State::Starting);
    m_transport.send({"POST", QStringLiteral("/api/v1/scans"), body}, this,
                     [this, generation](const net::ApiReply& reply) {
                         if (generation != m_generation) {
                             return;
                         }
                         if (!reply.ok()) {
                             setState(State::Failed);
                             Q_EMIT failed(reply.error->message);
                             return;
                         }
                         m_scanId = reply.object().value(QStringLiteral("id")).toInteger();
                         apply(reply.object());
                     });
}

void ScanModel::cancel()
{
    ++m_generation; // answers still on their way are dropped
    m_inFlight = false;
    m_timer.stop();
    if (isBusy()) {
        setState(State::Cancelled);
    }
}

void ScanModel::poll()
{
    if (m_scanId == 0 || m_inFlight) {
        return;
    }
    m_inFlight = true;
    const quint64 generation = m_generation;
    m_transport.get(QStringLiteral("/api/v1/scans/%1").arg(m_scanId), this,
                    [this, generation](const net::ApiReply& reply) {
                        if (generation != m_generation) {
                            return;
                        }
                        m_inFlight = false;
                        if (!reply.ok()) {
                            m_timer.stop();
                            setState(State::Failed);
                            Q_EMIT failed(reply.error->message);
                            return;
                        }
                        apply(reply.object());
                    });
}

void ScanModel::registerDevice(int row)
{
    if (!canRegister(row)) {
        return;
    }
    const qint64 n = m_rows[size_t(row)].value(QStringLiteral("n")).toInteger();
    const qint64 scan = m_scanId;
    m_transport.send(
        {"POST", QStringLiteral("/api/v1/scans/%1/results/%2/register").arg(scan).arg(n),
         QJsonObject{}},
        this, [this, scan, n](const net::ApiReply& reply) {
            if (!reply.ok()) {
                Q_EMIT failed(reply.error->message);
                return;
            }
            if (scan != m_scanId) {
                return;
            }
            // Shown as sent at once; polling then follows the agent's answer.
            for (size_t i = 0; i < m_rows.size(); ++i) {
                if (m_rows[i].value(QStringLiteral("n")).toInteger() == n) {
                    m_rows[i].insert(
                        QStringLiteral("offer"),
                        QJsonObject{{QStringLiteral("state"), QStringLiteral("sent")}});
                    Q_EMIT dataChanged(index(int(i), 0), index(int(i), ColumnCount - 1));
                }
            }
            updatePolling();
            Q_EMIT stateChanged();
        });
}

void ScanModel::apply(const QJsonObject& scan)
{
    m_probes = scan.value(QStringLiteral("probes")).toInt();
    const QJsonArray results = scan.value(QStringLiteral("results")).toArray();
    // Results only ever grow and keep their order ("n"); rows already shown are updated.
    for (int i = 0; i < results.size(); ++i) {
        const QJsonObject result = results[i].toObject();
        if (size_t(i) < m_rows.size()) {
            if (m_rows[size_t(i)] != result) {
                m_rows[size_t(i)] = result;
                Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
            }
            continue;
        }
        beginInsertRows({}, i, i);
        m_rows.push_back(result);
        endInsertRows();
    }
    const bool running =
        scan.value(QStringLiteral("state")).toString() == QStringLiteral("running");
    setState(running ? State::Running : State::Finished);
    updatePolling();
    Q_EMIT stateChanged();
}

void ScanModel::updatePolling()
{
    const bool offersPending = std::any_of(m_rows.begin(), m_rows.end(), [](const auto& row) {
        return offerState(row) == QStringLiteral("sent");
    });
    if (m_state == State::Running || offersPending) {
        if (!m_timer.isActive()) {
            m_timer.start();
        }
    } else {
        m_timer.stop();
    }
}

void ScanModel::setState(State state)
{
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged();
    }
}

QString ScanModel::statusText() const
{
    const int found = rowCount();
    switch (m_state) {
    case State::Idle:
        return tr("Enter an address, a range (10.0.0.1-10.0.0.254), a network (10.0.0.0/24) or "
                  "\"broadcast\", then start the scan.");
    case State::Starting:
        return tr("Starting the scan…");
    case State::Running:
        return tr("Probed %1; %2 so far.")
            .arg(counted(m_probes, tr("%1 address"), tr("%1 addresses")),
                 counted(found, tr("%1 agent answered"), tr("%1 agents answered")));
    case State::Finished:
        return tr("Scan finished: %1 probed, %2.")
            .arg(counted(m_probes, tr("%1 address"), tr("%1 addresses")),
                 counted(found, tr("%1 agent answered"), tr("%1 agents answered")));
    case State::Cancelled:
        return tr("Stopped following the scan; the server ends it by itself within seconds. "
                  "%1 before.")
            .arg(counted(found, tr("%1 agent had answered"), tr("%1 agents had answered")));
    case State::Failed:
        return tr("The scan failed.");
    }
    return {};
}

bool ScanModel::canRegister(int row) const
{
    if (row < 0 || size_t(row) >= m_rows.size()) {
        return false;
    }
    const QJsonObject& result = m_rows[size_t(row)];
    const QString offer = offerState(result);
    return !result.value(QStringLiteral("enrolled")).toBool()
           && (offer.isEmpty() || offer == QStringLiteral("refused"));
}

QString ScanModel::statusOf(const QJsonObject& result)
{
    if (result.value(QStringLiteral("enrolled")).toBool()) {
        const QJsonValue known = result.value(QStringLiteral("knownDeviceId"));
        if (!known.isNull() && !known.isUndefined()) {
            return tr("Enrolled here (device %1)").arg(known.toInteger());
        }
        const QString server = result.value(QStringLiteral("server")).toString();
        return server.isEmpty() ? tr("Enrolled with another server")
                                : tr("Enrolled with %1").arg(server);
    }
    const QString offer = offerState(result);
    if (offer == QStringLiteral("sent")) {
        return tr("Register offer sent; waiting for the agent");
    }
    if (offer == QStringLiteral("accepted")) {
        return tr("Registered");
    }
    if (offer == QStringLiteral("refused")) {
        const QString reason = result.value(QStringLiteral("offer"))
                                   .toObject()
                                   .value(QStringLiteral("reason"))
                                   .toString();
        return reason.isEmpty() ? tr("The agent refused the offer")
                                : tr("The agent refused the offer: %1").arg(reason);
    }
    return tr("Not enrolled");
}

int ScanModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ScanModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScanModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= m_rows.size()
        || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) {
        return {};
    }
    const QJsonObject& result = m_rows[size_t(index.row())];
    switch (index.column()) {
    case Address:
        return QStringLiteral("%1:%2")
            .arg(result.value(QStringLiteral("address")).toString())
            .arg(result.value(QStringLiteral("port")).toInt());
    case HostName:
        return result.value(QStringLiteral("hostname")).toString();
    case UnitId:
        return result.value(QStringLiteral("unitId")).toString();
    case Version:
        return result.value(QStringLiteral("agentVersion")).toString();
    case Status:
        return statusOf(result);
    default:
        return {};
    }
}

QVariant ScanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Address:
        return tr("Address");
    case HostName:
        return tr("Host name");
    case UnitId:
        return tr("Unit id");
    case Version:
        return tr("Agent version");
    case Status:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace steward::console::models
