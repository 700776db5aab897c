// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/JobListModel.h"

#include <QDateTime>
#include <QJsonArray>

namespace steward::console::models {
namespace {

const QString JobKind = QStringLiteral("job");

qint64 idOf(const QJsonObject& job)
{
    return job.value(QStringLiteral("id")).toInteger();
}

QString kindText(const QString& kind)
{
    if (kind == QLatin1String("reboot")) {
        return JobListModel::tr("Reboot");
    }
    if (kind == QLatin1String("shutdown")) {
        return JobListModel::tr("Shut down");
    }
    if (kind == QLatin1String("wake")) {
        return JobListModel::tr("Wake");
    }
    if (kind == QLatin1String("push-settings")) {
        return JobListModel::tr("Push settings");
    }
    return kind;
}

QString localTime(const QJsonValue& iso)
{
    const QDateTime time = QDateTime::fromString(iso.toString(), Qt::ISODate);
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                          : QString();
}

} // namespace

JobListModel::JobListModel(net::Transport& transport, QObject* parent)
    : QAbstractTableModel(parent), m_transport(transport)
{}

void JobListModel::reload()
{
    const quint64 generation = ++m_generation;
    m_transport.get(QStringLiteral("/api/v1/jobs?offset=0&limit=500"), this,
                    [this, generation](const net::ApiReply& reply) {
                        if (generation != m_generation) {
                            return;
                        }
                        if (!reply.ok()) {
                            Q_EMIT loadFailed(*reply.error);
                            return;
                        }
                        beginResetModel();
                        m_rows.clear();
                        for (const auto& item :
                             reply.object().value(QStringLiteral("items")).toArray()) {
                            m_rows.push_back(item.toObject());
                        }
                        m_loaded = true;
                        endResetModel();
                    });
}

int JobListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JobListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant JobListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const QJsonObject& job = m_rows.at(size_t(index.row()));
    const int progress = job.value(QStringLiteral("progress")).toInt();
    const QString state = job.value(QStringLiteral("state")).toString();
    if (role == IdRole) {
        return idOf(job);
    }
    if (role == ProgressRole) {
        return progress;
    }
    if (role == StateRole) {
        return state;
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    const QJsonObject counts = job.value(QStringLiteral("counts")).toObject();
    switch (index.column()) {
    case Name:
        return job.value(QStringLiteral("name")).toString();
    case Kind:
        return kindText(job.value(QStringLiteral("kind")).toString());
    case State:
        return state;
    case Progress:
        return QStringLiteral("%1%").arg(progress);
    case Devices:
        return tr("%1 done, %2 failed, %3 cancelled of %4")
            .arg(counts.value(QStringLiteral("done")).toInteger())
            .arg(counts.value(QStringLiteral("failed")).toInteger())
            .arg(counts.value(QStringLiteral("cancelled")).toInteger())
            .arg(job.value(QStringLiteral("total")).toInteger());
    case CreatedBy:
        return job.value(QStringLiteral("createdBy")).toString();
    case RunAt:
        return localTime(job.value(QStringLiteral("runAt")));
    default:
        return {};
    }
}

QVariant JobListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Name:
        return tr("Name");
    case Kind:
        return tr("Command");
    case State:
        return tr("State");
    case Progress:
        return tr("Progress");
    case Devices:
        return tr("Devices");
    case CreatedBy:
        return tr("Created by");
    case RunAt:
        return tr("Runs at");
    default:
        return {};
    }
}

int JobListModel::rowOf(qint64 id) const
{
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (idOf(m_rows[row]) == id) {
            return int(row);
        }
    }
    return -1;
}

bool JobListModel::isOver(const QString& state)
{
    return state == QLatin1String("finished") || state == QLatin1String("cancelled");
}

void JobListModel::applyEvent(const protocol::ObjectEvent& event)
{
    if (event.kind != JobKind) {
        return;
    }
    if (event.event == QLatin1String("deleted")) {
        erase(event.id);
        return;
    }
    if (event.object) {
        upsert(*event.object);
    }
}

void JobListModel::upsert(const QJsonObject& job)
{
    const qint64 id = idOf(job);
    const int row = rowOf(id);
    if (row >= 0) {
        m_rows[size_t(row)] = job;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    } else {
        // Newest first: a new job goes above every older one.
        size_t at = 0;
        while (at < m_rows.size() && idOf(m_rows[at]) > id) {
            ++at;
        }
        beginInsertRows({}, int(at), int(at));
        m_rows.insert(m_rows.begin() + qsizetype(at), job);
        endInsertRows();
    }
    Q_EMIT jobChanged(job);
}

void JobListModel::erase(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

void JobListModel::create(const QString& kind, const QList<qint64>& devices, const QString& name)
{
    QJsonArray ids;
    for (const qint64 id : devices) {
        ids.append(id);
    }
    QJsonObject body{{QStringLiteral("kind"), kind},
                     {QStringLiteral("target"), QJsonObject{{QStringLiteral("devices"), ids}}}};
    if (!name.isEmpty()) {
        body.insert(QStringLiteral("name"), name);
    }
    createJob(body, tr("%1 %n device(s)", nullptr, int(devices.size())).arg(kindText(kind)));
}

void JobListModel::createJob(const QJsonObject& body, const QString& what)
{
    m_transport.send({"POST", QStringLiteral("/api/v1/jobs"), body}, this,
                     [this, what](const net::ApiReply& reply) {
                         if (!reply.ok()) {
                             Q_EMIT finished(what, reply.error->message);
                             return;
                         }
                         const QJsonObject job = reply.object();
                         upsert(job);
                         Q_EMIT created(job);
                     });
}

void JobListModel::cancel(qint64 id)
{
    const QString what = tr("Cancel job %1").arg(id);
    m_transport.send({"POST", QStringLiteral("/api/v1/jobs/%1/cancel").arg(id), QJsonObject{}},
                     this, [this, what](const net::ApiReply& reply) {
                         if (!reply.ok()) {
                             Q_EMIT finished(what, reply.error->message);
                             return;
                         }
                         QJsonObject job = reply.object();
                         job.remove(QStringLiteral("devices"));
                         upsert(job);
                         Q_EMIT finished(
                             tr("%1: %2 devices cancelled, %3 already reached")
                                 .arg(what)
                                 .arg(job.value(QStringLiteral("cancelledNow")).toInteger())
                                 .arg(job.value(QStringLiteral("alreadyReached")).toInteger()),
                             {});
                     });
}

void JobListModel::remove(qint64 id)
{
    const QString what = tr("Delete job %1").arg(id);
    m_transport.send({"DELETE", QStringLiteral("/api/v1/jobs/%1").arg(id), std::nullopt}, this,
                     [this, id, what](const net::ApiReply& reply) {
                         if (reply.ok()) {
                             erase(id);
                         }
                         Q_EMIT finished(what, reply.ok() ? QString() : reply.error->message);
                     });
}

void JobListModel::removeFinished()
{
    for (const auto& job : m_rows) {
        if (isOver(job.value(QStringLiteral("state")).toString())) {
            remove(idOf(job));
        }
    }
}

void JobListModel::loadDetails(qint64 id)
{
    m_transport.get(QStringLiteral("/api/v1/jobs/%1").arg(id), this,
                    [this](const net::ApiReply& reply) {
                        if (reply.ok()) {
                            Q_EMIT detailsLoaded(reply.object());
                        }
                    });
}

} // namespace steward::console::models
