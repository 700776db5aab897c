// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/BackupModel.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>

#include <algorithm>

namespace steward::console::models {

namespace {

const QString Running = QStringLiteral("running");

QString stateText(const QJsonObject& backup)
{
    const QString state = backup.value(QStringLiteral("state")).toString();
    if (state == Running) {
        return QObject::tr("running, %1 %").arg(backup.value(QStringLiteral("percent")).toInt());
    }
    if (state == QStringLiteral("failed")) {
        return QObject::tr("failed: %1").arg(backup.value(QStringLiteral("error")).toString());
    }
    if (state == QStringLiteral("cancelled")) {
        return QObject::tr("cancelled");
    }
    return QObject::tr("complete");
}

} // namespace

BackupModel::BackupModel(net::Transport& transport, QObject* parent)
    : QAbstractTableModel(parent), m_transport(transport)
{
    m_timer.setInterval(std::chrono::milliseconds(500));
    connect(&m_timer, &QTimer::timeout, this, &BackupModel::reload);
}

void BackupModel::reload()
{
    if (m_inFlight) {
        return;
    }
    m_inFlight = true;
    m_transport.get(QStringLiteral("/api/v1/backups"), this, [this](const net::ApiReply& reply) {
        m_inFlight = false;
        if (!reply.ok()) {
            m_timer.stop();
            Q_EMIT loadFailed(reply.error->message);
            return;
        }
        apply(reply.object().value(QStringLiteral("items")).toArray());
    });
}

void BackupModel::apply(const QJsonArray& items)
{
    beginResetModel();
    m_rows.clear();
    for (const auto& item : items) {
        m_rows.push_back(item.toObject());
    }
    m_loaded = true;
    endResetModel();
    if (running().isEmpty()) {
        m_timer.stop();
    } else if (!m_timer.isActive()) {
        m_timer.start();
    }
    Q_EMIT changed();
}

void BackupModel::start(const QString& passphrase)
{
    m_transport.send({"POST", QStringLiteral("/api/v1/backups"),
                      QJsonObject{{QStringLiteral("passphrase"), passphrase}}},
                     this, [this](const net::ApiReply& reply) {
                         Q_EMIT finished(QStringLiteral("start"),
                                         reply.ok() ? QString() : reply.error->message);
                         reload(); // shows the running backup and starts following it
                     });
}

void BackupModel::remove(const QString& name)
{
    const bool cancel = running().value(QStringLiteral("name")).toString() == name;
    m_transport.send({"DELETE", QStringLiteral("/api/v1/backups/%1").arg(name), std::nullopt}, this,
                     [this, cancel](const net::ApiReply& reply) {
                         Q_EMIT finished(cancel ? QStringLiteral("cancel")
                                                : QStringLiteral("delete"),
                                         reply.ok() ? QString() : reply.error->message);
                         reload();
                     });
}

void BackupModel::download(const QString& name,
                           std::function<void(const QByteArray&, const QString&)> done)
{
    m_transport.get(QStringLiteral("/api/v1/backups/%1").arg(name), this,
                    [done = std::move(done)](const net::ApiReply& reply) {
                        done(reply.ok() ? reply.raw : QByteArray(),
                             reply.ok() ? QString() : reply.error->message);
                    });
}

QJsonObject BackupModel::backup(int row) const
{
    return row >= 0 && size_t(row) < m_rows.size() ? m_rows[size_t(row)] : QJsonObject();
}

QJsonObject BackupModel::running() const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [](const QJsonObject& row) {
        return row.value(QStringLiteral("state")).toString() == Running;
    });
    return it == m_rows.end() ? QJsonObject() : *it;
}

int BackupModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BackupModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BackupModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || size_t(index.row()) >= m_rows.size()
        || (role != Qt::DisplayRole && role != Qt::ToolTipRole)) {
        return {};
    }
    const QJsonObject& row = m_rows[size_t(index.row())];
    switch (index.column()) {
    case Name:
        return row.value(QStringLiteral("name")).toString();
    case Created:
        return QDateTime::fromString(row.value(QStringLiteral("created")).toString(), Qt::ISODate)
            .toLocalTime()
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Size: {
        const qint64 size = row.value(QStringLiteral("size")).toInteger();
        return size > 0 ? QLocale().formattedDataSize(size) : QString();
    }
    case State:
        return stateText(row);
    case CreatedBy:
        return row.value(QStringLiteral("createdBy")).toString();
    default:
        return {};
    }
}

QVariant BackupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Name:
        return tr("Backup");
    case Created:
        return tr("Made");
    case Size:
        return tr("Size");
    case State:
        return tr("State");
    case CreatedBy:
        return tr("By");
    default:
        return {};
    }
}

} // namespace steward::console::models
