// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/models/NavigationModel.h"

#include "console/models/DeviceListModel.h"

#include <QJsonArray>
#include <QMimeData>

#include <algorithm>
#include <memory>
#include <set>

namespace steward::console::models {
namespace {

constexpr int CoalesceMs = 300;

QString counted(const QString& name, qint64 count)
{
    return count < 0 ? name : QStringLiteral("%1 (%2)").arg(name).arg(count);
}

} // namespace

NavigationModel::NavigationModel(net::Transport& transport, bool foldersAvailable, QObject* parent)
    : QStandardItemModel(parent), m_transport(transport), m_foldersAvailable(foldersAvailable)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(CoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &NavigationModel::reload);
    build();
}

void NavigationModel::reload()
{
    m_transport.get(QStringLiteral("/api/v1/devices?offset=0&limit=1"), this,
                    [this](const net::ApiReply& reply) {
                        if (reply.ok()) {
                            m_deviceTotal =
                                reply.object().value(QStringLiteral("total")).toInteger();
                        }
                        if (!m_foldersAvailable) {
                            build();
                        }
                    });
    if (m_recycleBinAvailable) {
        m_transport.get(QStringLiteral("/api/v1/recycle-bin?offset=0&limit=1"), this,
                        [this](const net::ApiReply& reply) {
                            m_binTotal =
                                reply.ok()
                                    ? reply.object().value(QStringLiteral("total")).toInteger()
                                    : -1;
                            build();
                        });
    }
    if (!m_foldersAvailable) {
        return;
    }
    m_transport.get(QStringLiteral("/api/v1/folders"), this, [this](const net::ApiReply& reply) {
        if (!reply.ok()) {
            m_folderError = reply.error->message;
            build();
            return;
        }
        m_folderError.clear();
        m_folders.clear();
        for (const auto& item : reply.object().value(QStringLiteral("items")).toArray()) {
            const QJsonObject json = item.toObject();
            Folder folder;
            folder.id = json.value(QStringLiteral("id")).toInteger();
            folder.name = json.value(QStringLiteral("name")).toString();
            const QJsonValue parent = json.value(QStringLiteral("parent"));
            if (parent.isDouble()) {
                folder.parent = parent.toInteger();
            }
            folder.deviceCount = json.value(QStringLiteral("deviceCount")).toInteger();
            m_folders.push_back(folder);
        }
        build();
    });
}

QStandardItem* NavigationModel::placeholder(const QString& name, const QString& why,
                                            const QString& accessNode)
{
    auto* item = new QStandardItem(tr("%1 (not built yet)").arg(name));
    if (!accessNode.isEmpty()) {
        item->setData(accessNode, AccessNodeRole);
    }
    item->setData(int(Node::Placeholder), NodeRole);
    item->setToolTip(why);
    item->setForeground(QColor(0x80, 0x80, 0x80));
    item->setEditable(false);
    return item;
}

void NavigationModel::build()
{
    clear();
    setHorizontalHeaderLabels({tr("Navigation")});
    auto* dashboard = new QStandardItem(tr("Dashboard"));
    dashboard->setData(int(Node::Dashboard), NodeRole);
    dashboard->setEditable(false);
    dashboard->setToolTip(tr("Devices online over time, recent audit events, server status"));
    appendRow(dashboard);
    auto* devices = new QStandardItem(counted(tr("Devices"), m_deviceTotal));
    devices->setData(int(Node::Devices), NodeRole);
    devices->setData(QStringLiteral("root:devices"), AccessNodeRole);
    devices->setEditable(false);
    devices->setToolTip(tr("Every device; drop devices here to take them out of their folder"));
    appendRow(devices);

    if (!m_foldersAvailable) {
        devices->appendRow(placeholder(tr("Folders"), tr("This server has no folder API yet")));
    } else if (!m_folderError.isEmpty()) {
        auto* failed = new QStandardItem(tr("Folders could not be loaded: %1").arg(m_folderError));
        failed->setData(int(Node::Placeholder), NodeRole);
        failed->setEditable(false);
        devices->appendRow(failed);
    } else {
        // deviceCount is the folder's own devices; the tree shows them with its subfolders'.
        std::map<qint64, qint64> totals;
        for (const auto& folder : m_folders) {
            std::optional<qint64> at = folder.id;
            std::set<qint64> seen; // a cycle in bad data must not hang the console
            while (at && seen.insert(*at).second) {
                totals[*at] += folder.deviceCount;
                const auto parent = std::find_if(m_folders.begin(), m_folders.end(),
                                                 [&](const Folder& f) { return f.id == *at; });
                at = parent == m_folders.end() ? std::nullopt : parent->parent;
            }
        }
        std::map<qint64, QStandardItem*> items;
        for (const auto& folder : m_folders) {
            auto* item = new QStandardItem(counted(folder.name, totals[folder.id]));
            item->setData(int(Node::Folder), NodeRole);
            item->setData(folder.id, FolderIdRole);
            item->setData(folder.name, FolderNameRole);
            item->setData(QStringLiteral("folder:%1").arg(folder.id), AccessNodeRole);
            item->setEditable(false);
            items.emplace(folder.id, item);
        }
        // Parents before children is not guaranteed; attach once all exist.
        for (const auto& folder : m_folders) {
            QStandardItem* parent = devices;
            if (folder.parent) {
                if (const auto it = items.find(*folder.parent); it != items.end()) {
                    parent = it->second;
                }
            }
            parent->appendRow(items.at(folder.id));
        }
    }

    if (m_recycleBinAvailable) {
        auto* bin = new QStandardItem(counted(tr("Recycle bin"), m_binTotal));
        bin->setData(int(Node::RecycleBin), NodeRole);
        bin->setEditable(false);
        bin->setToolTip(tr("Deleted devices: restore them, or delete them permanently"));
        appendRow(bin);
    }
    const auto area = [this](bool available, Node node, const QString& name, const QString& tip,
                             const QString& accessNode) {
        if (!available) {
            return placeholder(name, tr("This server has no %1 API yet").arg(name), accessNode);
        }
        auto* item = new QStandardItem(name);
        item->setData(int(node), NodeRole);
        item->setData(accessNode, AccessNodeRole);
        item->setEditable(false);
        item->setToolTip(tip);
        return item;
    };
    appendRow(area(m_profilesAvailable, Node::Profiles, tr("Profiles"),
                   tr("Configuration profiles: values, assignments, import and export"),
                   QStringLiteral("root:profiles")));
    appendRow(area(m_viewsAvailable, Node::Views, tr("Views"),
                   tr("Saved device selections, usable as profile assignment targets"),
                   QStringLiteral("root:views")));
    auto* jobs = new QStandardItem(tr("Jobs"));
    jobs->setData(int(Node::Jobs), NodeRole);
    jobs->setData(QStringLiteral("root:jobs"), AccessNodeRole);
    jobs->setToolTip(tr("Commands run on many devices, now or at a scheduled time"));
    jobs->setEditable(false);
    appendRow(jobs);
    auto* admin = new QStandardItem(tr("Administration"));
    const QString administration = QStringLiteral("root:administration");
    admin->setData(int(Node::Placeholder), NodeRole);
    admin->setData(administration, AccessNodeRole);
    admin->setEditable(false);
    auto* audit = new QStandardItem(tr("Audit log"));
    audit->setData(int(Node::Audit), NodeRole);
    audit->setData(administration, AccessNodeRole);
    audit->setEditable(false);
    admin->appendRow(audit);
    auto* admins = new QStandardItem(tr("Administrators"));
    admins->setData(int(Node::Administrators), NodeRole);
    admins->setData(administration, AccessNodeRole);
    admins->setEditable(false);
    admin->appendRow(admins);
    auto* backups = new QStandardItem(tr("Backups"));
    backups->setData(int(Node::Backups), NodeRole);
    backups->setData(administration, AccessNodeRole);
    backups->setEditable(false);
    backups->setToolTip(tr("Encrypted backups made by the server while it runs"));
    admin->appendRow(backups);
    if (m_certificatesAvailable) {
        auto* certificates = new QStandardItem(tr("Certificates"));
        certificates->setData(int(Node::Certificates), NodeRole);
        certificates->setData(QStringLiteral("root:certificates"), AccessNodeRole);
        certificates->setEditable(false);
        certificates->setToolTip(tr("The server's device-communication certificates"));
        admin->appendRow(certificates);
    }
    appendRow(admin);
    Q_EMIT reloaded();
}

QModelIndex NavigationModel::dashboardIndex() const
{
    return index(0, 0);
}

QModelIndex NavigationModel::devicesIndex() const
{
    return index(1, 0);
}

QModelIndex NavigationModel::backupsIndex() const
{
    for (int row = 0; row < rowCount(); ++row) {
        const QModelIndex top = index(row, 0);
        for (int child = 0; child < rowCount(top); ++child) {
            const QModelIndex item = index(child, 0, top);
            if (item.data(NodeRole).toInt() == int(Node::Backups)) {
                return item;
            }
        }
    }
    return {};
}

void NavigationModel::setRecycleBinAvailable(bool available)
{
    m_recycleBinAvailable = available;
    build();
}

void NavigationModel::setConfigurationAvailable(bool profiles, bool views)
{
    m_profilesAvailable = profiles;
    m_viewsAvailable = views;
    build();
}

QModelIndex NavigationModel::nodeIndex(Node node) const
{
    // A placeholder stands where Profiles or Views would be on a server without them.
    const QString area = node == Node::Profiles ? QStringLiteral("root:profiles")
                         : node == Node::Views  ? QStringLiteral("root:views")
                                                : QString();
    for (int row = 0; row < rowCount(); ++row) {
        const QModelIndex top = index(row, 0);
        if (Node(top.data(NodeRole).toInt()) == node
            || (!area.isEmpty() && top.data(AccessNodeRole).toString() == area)) {
            return top;
        }
        for (int child = 0; child < rowCount(top); ++child) {
            const QModelIndex at = index(child, 0, top);
            if (Node(at.data(NodeRole).toInt()) == node && node != Node::Folder) {
                return at;
            }
        }
    }
    return {};
}

QModelIndex NavigationModel::recycleBinIndex() const
{
    return m_recycleBinAvailable ? index(2, 0) : QModelIndex();
}

void NavigationModel::setCertificatesAvailable(bool available)
{
    m_certificatesAvailable = available;
    build();
}

QModelIndex NavigationModel::certificatesIndex() const
{
    const auto found = match(index(0, 0), NodeRole, int(Node::Certificates), 1,
                             Qt::MatchExactly | Qt::MatchRecursive | Qt::MatchWrap);
    return found.isEmpty() ? QModelIndex() : found.first();
}

QModelIndex NavigationModel::folderIndex(qint64 id) const
{
    const auto found =
        match(devicesIndex(), FolderIdRole, id, 1, Qt::MatchExactly | Qt::MatchRecursive);
    return found.isEmpty() ? QModelIndex() : found.first();
}

void NavigationModel::applyEvent(const protocol::ObjectEvent& event)
{
    const bool structural =
        event.kind == QStringLiteral("folder") || event.kind == QStringLiteral("recycle-bin")
        || (event.kind == QStringLiteral("device")
            && (event.event == QStringLiteral("created") || event.event == QStringLiteral("deleted")
                || event.event == QStringLiteral("changed")));
    if (structural && !m_coalesce.isActive()) {
        m_coalesce.start();
    }
}

void NavigationModel::moveDevices(const QList<qint64>& ids, std::optional<qint64> folder)
{
    if (ids.isEmpty()) {
        return;
    }
    struct Batch {
        int left = 0;
        int moved = 0;
        QStringList errors;
    };
    auto batch = std::make_shared<Batch>();
    batch->left = int(ids.size());
    for (const qint64 id : ids) {
        net::ApiRequest request{
            "PATCH", QStringLiteral("/api/v1/devices/%1").arg(id),
            QJsonObject{{QStringLiteral("folder"),
                         folder ? QJsonValue(*folder) : QJsonValue(QJsonValue::Null)}}};
        m_transport.send(request, this, [this, batch, id](const net::ApiReply& reply) {
            if (reply.ok()) {
                ++batch->moved;
            } else {
                batch->errors.append(tr("device %1: %2").arg(id).arg(reply.error->message));
            }
            if (--batch->left == 0) {
                if (batch->errors.isEmpty()) {
                    Q_EMIT devicesMoved(batch->moved);
                } else {
                    Q_EMIT moveFailed(batch->errors.join(QLatin1Char('\n')));
                }
                m_coalesce.start();
            }
        });
    }
}

Qt::ItemFlags NavigationModel::flags(const QModelIndex& index) const
{
    auto flags = QStandardItemModel::flags(index) & ~Qt::ItemIsDragEnabled;
    const auto node = Node(index.data(NodeRole).toInt());
    if (index.isValid() && m_foldersAvailable && (node == Node::Devices || node == Node::Folder)) {
        flags |= Qt::ItemIsDropEnabled;
    } else {
        flags &= ~Qt::ItemIsDropEnabled;
    }
    return flags;
}

QStringList NavigationModel::mimeTypes() const
{
    return {QLatin1String(DeviceListModel::MimeType)};
}

Qt::DropActions NavigationModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

bool NavigationModel::canDropMimeData(const QMimeData* data, Qt::DropAction, int, int,
                                      const QModelIndex& parent) const
{
    const auto node = Node(parent.data(NodeRole).toInt());
    return parent.isValid() && m_foldersAvailable && (node == Node::Devices || node == Node::Folder)
           && !deviceIds(data).isEmpty();
}

bool NavigationModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row,
                                   int column, const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent)) {
        return false;
    }
    const auto node = Node(parent.data(NodeRole).toInt());
    moveDevices(deviceIds(data), node == Node::Folder
                                     ? std::optional<qint64>(parent.data(FolderIdRole).toLongLong())
                                     : std::nullopt);
    // The move happens on the server; the list follows from its events, never from the view.
    return false;
}

QList<qint64> NavigationModel::deviceIds(const QMimeData* data)
{
    QList<qint64> ids;
    if (!data || !data->hasFormat(QLatin1String(DeviceListModel::MimeType))) {
        return ids;
    }
    for (const auto& part : data->data(QLatin1String(DeviceListModel::MimeType)).split(',')) {
        bool ok = false;
        const qint64 id = part.toLongLong(&ok);
        if (ok && id > 0) {
            ids.append(id);
        }
    }
    return ids;
}

} // namespace steward::console::models
