// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/RecycleBinModel.h"

#include "console/models/DeviceListModel.h"

#include <QJsonArray>

namespace steward::console::models {
namespace {

constexpr int PageSize = 500;

QJsonObject idsBody(const QList<qint64>& ids)
{
    QJsonArray array;
    for (const qint64 id : ids) {
        array.append(id);
    }
    return QJsonObject{{QStringLiteral("ids"), array}};
}

} // namespace

RecycleBinModel::RecycleBinModel(net::Transport& transport, QObject* parent)
    : JsonRowsModel(parent), m_transport(transport)
{}

void RecycleBinModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_loaded = false;
    endResetModel();
    fetch(0, ++m_generation);
}

void RecycleBinModel::fetch(qint64 offset, quint64 generation)
{
    m_transport.get(
        QStringLiteral("/api/v1/recycle-bin?offset=%1&limit=%2").arg(offset).arg(PageSize), this,
        [this, offset, generation](const net::ApiReply& reply) {
            if (generation != m_generation) {
                return; // a newer reload runs
            }
            if (!reply.ok()) {
                Q_EMIT loadFailed(*reply.error);
                return;
            }
            const QJsonArray items = reply.object().value(QStringLiteral("items")).toArray();
            for (const auto& item : items) {
                insert(item.toObject());
            }
            const qint64 total = reply.object().value(QStringLiteral("total")).toInteger();
            if (!items.isEmpty() && offset + items.size() < total) {
                fetch(offset + items.size(), generation);
                return;
            }
            m_loaded = true;
        });
}

void RecycleBinModel::setFolderNames(QHash<qint64, QString> names)
{
    m_folderNames = std::move(names);
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0, Folder), index(rowCount() - 1, Folder));
    }
}

int RecycleBinModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecycleBinModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecycleBinModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const QJsonObject& entry = m_rows.at(size_t(index.row()));
    if (role == IdRole) {
        return entry.value(QStringLiteral("id")).toInteger();
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(index.column())) {
    case Name:
        return entry.value(QStringLiteral("name")).toString();
    case UnitId:
        return entry.value(QStringLiteral("unitId")).toString();
    case Folder: {
        const QJsonValue folder = entry.value(QStringLiteral("folder"));
        if (!folder.isDouble()) {
            return tr("Devices (top level)");
        }
        return m_folderNames.value(folder.toInteger(),
                                   QStringLiteral("#%1").arg(folder.toInteger()));
    }
    case DeletedAt:
        return localTime(entry.value(QStringLiteral("deletedAt")));
    case DeletedBy:
        return entry.value(QStringLiteral("deletedBy")).toString();
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RecycleBinModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(section)) {
    case Name:
        return tr("Name");
    case UnitId:
        return tr("Unit ID");
    case Folder:
        return tr("Original folder");
    case DeletedAt:
        return tr("Deleted");
    case DeletedBy:
        return tr("Deleted by");
    case ColumnCount:
        break;
    }
    return {};
}

void RecycleBinModel::insert(const QJsonObject& entry)
{
    upsertRow(entry);
}

void RecycleBinModel::remove(qint64 id)
{
    eraseRow(id);
}

void RecycleBinModel::applyEvent(const protocol::ObjectEvent& event)
{
    if (event.kind != QLatin1String("recycle-bin")) {
        return;
    }
    if (event.event == QLatin1String("created") && event.object) {
        insert(*event.object);
    } else if (event.event == QLatin1String("deleted")) {
        remove(event.id);
    }
}

void RecycleBinModel::call(const QByteArray& method, const QString& path,
                           const std::optional<QJsonObject>& body, const QString& what)
{
    m_transport.send({method, path, body}, this, [this, what](const net::ApiReply& reply) {
        Q_EMIT finished(what, reply.error ? reply.error->message : QString());
    });
}

void RecycleBinModel::restore(const QList<qint64>& ids)
{
    if (!ids.isEmpty()) {
        call("POST", QStringLiteral("/api/v1/recycle-bin/restore"), idsBody(ids),
             tr("Restore %n device(s)", nullptr, int(ids.size())));
    }
}

void RecycleBinModel::purge(const QList<qint64>& ids)
{
    if (!ids.isEmpty()) {
        call("DELETE", QStringLiteral("/api/v1/recycle-bin"), idsBody(ids),
             tr("Delete %n device(s) permanently", nullptr, int(ids.size())));
    }
}

void RecycleBinModel::empty()
{
    call("DELETE", QStringLiteral("/api/v1/recycle-bin"), std::nullopt,
         tr("Empty the recycle bin"));
}

} // namespace steward::console::models
