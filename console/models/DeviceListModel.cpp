// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/DeviceListModel.h"

#include <QColor>
#include <QDateTime>
#include <QJsonArray>
#include <QMimeData>

#include <algorithm>

namespace steward::console::models {
namespace {

qint64 idOf(const QJsonObject& device)
{
    return device.value(QStringLiteral("id")).toInteger();
}

QString product(const QJsonObject& device)
{
    const QJsonObject inventory = device.value(QStringLiteral("inventory")).toObject();
    const QString os = inventory.value(QStringLiteral("os")).toString();
    const QString agent = inventory.value(QStringLiteral("agentVersion")).toString();
    if (os.isEmpty() && agent.isEmpty()) {
        return {};
    }
    return agent.isEmpty() ? os : QStringLiteral("%1 (agent %2)").arg(os, agent);
}

} // namespace

QString localTime(const QJsonValue& iso)
{
    if (!iso.isString()) {
        return QStringLiteral("—");
    }
    const QDateTime at = QDateTime::fromString(iso.toString(), Qt::ISODate);
    return at.isValid() ? at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                        : iso.toString();
}

DeviceListModel::DeviceListModel(net::Transport& transport, QObject* parent)
    : QAbstractTableModel(parent), m_transport(transport)
{}

void DeviceListModel::setFolder(std::optional<qint64> folder)
{
    m_folder = folder;
    reload();
}

void DeviceListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    m_total = -1;
    m_fetching = false;
    ++m_generation;
    endResetModel();
    fetchPage();
}

int DeviceListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeviceListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeviceListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const QJsonObject& device = m_rows[size_t(index.row())];
    const bool online = device.value(QStringLiteral("online")).toBool();
    switch (role) {
    case IdRole:
        return idOf(device);
    case OnlineRole:
        return online;
    case DeviceRole:
        return device;
    case Qt::DecorationRole:
        if (index.column() == Name) {
            return online ? QColor(0x2e, 0xa0, 0x43) : QColor(0x9a, 0x9a, 0x9a);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == Name) {
            return online ? tr("Online") : tr("Offline");
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case Name:
        return device.value(QStringLiteral("name")).toString();
    case State:
        if (device.value(QStringLiteral("released")).toBool()) {
            return tr("released");
        }
        return online ? tr("online") : tr("offline");
    case UnitId:
        return device.value(QStringLiteral("unitId")).toString();
    case LastIp:
        return device.value(QStringLiteral("lastIp")).toString();
    case LastContact:
        return localTime(device.value(QStringLiteral("lastContact")));
    case Product:
        return product(device);
    default:
        return {};
    }
}

QVariant DeviceListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case Name:
        return tr("Name");
    case State:
        return tr("State");
    case UnitId:
        return tr("Unit id (MAC)");
    case LastIp:
        return tr("Last IP");
    case LastContact:
        return tr("Last contact");
    case Product:
        return tr("Product");
    default:
        return {};
    }
}

bool DeviceListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && (m_total < 0 || qint64(m_rows.size()) < m_total);
}

void DeviceListModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent)) {
        fetchPage();
    }
}

void DeviceListModel::fetchPage()
{
    if (m_fetching) {
        return;
    }
    m_fetching = true;
    m_inFlight.start();
    QString path = QStringLiteral("/api/v1/devices?offset=%1&limit=%2")
                       .arg(qint64(m_rows.size()))
                       .arg(m_pageSize);
    if (m_folder) {
        path += QStringLiteral("&folder=%1").arg(*m_folder);
    }
    const quint64 generation = m_generation;
    m_transport.get(path, this, [this, generation](const net::ApiReply& reply) {
        if (generation != m_generation) {
            return; // an answer for a list that has been reset since
        }
        m_fetching = false;
        if (!reply.ok()) {
            Q_EMIT loadFailed(*reply.error);
            return;
        }
        const QJsonObject page = reply.object();
        const QJsonArray items = page.value(QStringLiteral("items")).toArray();
        if (m_folder && std::any_of(items.begin(), items.end(), [this](const QJsonValue& item) {
                return !belongsHere(item.toObject());
            })) {
            // An older server ignores the folder filter: showing every device under a folder's
            // name would mislead, so show none and say why.
            m_total = 0;
            Q_EMIT loadFailed(makeError(ErrorCode::InvalidArgument,
                                        tr("this server cannot list one folder's devices yet "
                                           "(GET /api/v1/devices?folder=)")));
            return;
        }
        m_total = page.value(QStringLiteral("total")).toInteger();
        std::vector<QJsonObject> fresh;
        for (const auto& item : items) {
            const QJsonObject device = item.toObject();
            // A device that arrived live before its page is already here.
            if (!m_rowById.contains(idOf(device))) {
                fresh.push_back(device);
            }
        }
        if (!fresh.empty()) {
            const int first = int(m_rows.size());
            beginInsertRows({}, first, first + int(fresh.size()) - 1);
            for (auto& device : fresh) {
                m_rowById.insert(idOf(device), int(m_rows.size()));
                m_rows.push_back(std::move(device));
            }
            endInsertRows();
        }
        if (qint64(m_rows.size()) > m_total) {
            m_total = qint64(m_rows.size());
        }
        Q_EMIT pageLoaded(int(fresh.size()), m_inFlight.elapsed());
    });
}

Qt::ItemFlags DeviceListModel::flags(const QModelIndex& index) const
{
    const auto base = QAbstractTableModel::flags(index);
    return index.isValid() ? base | Qt::ItemIsDragEnabled : base;
}

QStringList DeviceListModel::mimeTypes() const
{
    return {QLatin1String(MimeType)};
}

QMimeData* DeviceListModel::mimeData(const QModelIndexList& indexes) const
{
    QStringList ids;
    for (const auto& index : indexes) {
        const QString id = QString::number(data(index, IdRole).toLongLong());
        if (index.isValid() && !ids.contains(id)) {
            ids.append(id);
        }
    }
    auto* mime = new QMimeData;
    mime->setData(QLatin1String(MimeType), ids.join(QLatin1Char(',')).toLatin1());
    return mime;
}

int DeviceListModel::rowOf(qint64 id) const
{
    return m_rowById.value(id, -1);
}

bool DeviceListModel::belongsHere(const QJsonObject& device) const
{
    if (!m_folder) {
        return true;
    }
    const QJsonValue folder = device.value(QStringLiteral("folder"));
    return !folder.isNull() && !folder.isUndefined() && folder.toInteger() == *m_folder;
}

void DeviceListModel::applyEvent(const protocol::ObjectEvent& event)
{
    if (event.kind != QStringLiteral("device")) {
        return;
    }
    const int row = rowOf(event.id);
    if (event.event == QStringLiteral("deleted")) {
        if (row >= 0) {
            m_total = std::max<qint64>(0, m_total - 1);
            beginRemoveRows({}, row, row);
            m_rows.erase(m_rows.begin() + row);
            m_rowById.clear();
            for (int i = 0; i < int(m_rows.size()); ++i) {
                m_rowById.insert(idOf(m_rows[size_t(i)]), i);
            }
            endRemoveRows();
        }
        return;
    }
    if (!event.object) {
        return;
    }
    const QJsonObject& device = *event.object;
    if (row >= 0) {
        if (!belongsHere(device)) { // moved to another folder
            protocol::ObjectEvent gone = event;
            gone.event = QStringLiteral("deleted");
            applyEvent(gone);
            return;
        }
        m_rows[size_t(row)] = device;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    if (!belongsHere(device) || m_total < 0) {
        return; // not loaded yet: the first page will bring it
    }
    // New here (created, or moved in). Append when the list is complete; otherwise a later
    // page brings it, so only the total grows.
    const bool complete = qint64(m_rows.size()) >= m_total;
    ++m_total; // before the insert, so views reading total() on rowsInserted see it
    if (complete) {
        const int at = int(m_rows.size());
        beginInsertRows({}, at, at);
        m_rowById.insert(event.id, at);
        m_rows.push_back(device);
        endInsertRows();
    }
}

} // namespace steward::console::models
