// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// NavigationModel - the main window's tree: devices and their folders, and the other areas.
#pragma once

#include "common/protocol/Events.h"
#include "console/net/Transport.h"

#include <QStandardItemModel>
#include <QTimer>

#include <optional>

namespace steward::console::models {

struct Folder {
    qint64 id = 0;
    QString name;
    std::optional<qint64> parent;
    qint64 deviceCount = 0;
};

/**
 * "Dashboard" (counts over time, recent audit, server status) comes first;
 * "Devices" (every device, with the total) holds the folder tree from GET /api/v1/folders,
 * each folder named with its device count; "Profiles" and "Views" are placeholders
 * until those features exist; "Jobs" lists bulk and scheduled commands; "Administration" holds the
 * audit log and administrators. Devices dropped on a folder (or on "Devices", the root) are moved
 * with PATCH /api/v1/devices/{id} {"folder": id|null}. Folder and device events reload the counts
 * (coalesced), so the tree never needs a refresh button. "Recycle bin" (with its count) follows
 * "Devices" when the server has one; recycle-bin events reload its count.
 */
class NavigationModel : public QStandardItemModel {
    Q_OBJECT

public:
    enum class Node {
        Devices,
        Folder,
        Placeholder,
        Audit,
        Administrators,
        Dashboard,
        RecycleBin,
        Backups,
        Profiles,
        Views,
        Jobs,
        Certificates,
    };
    /** AccessNodeRole: the access-control node of an item ("root:devices", "folder:3"). */
    enum Role { NodeRole = Qt::UserRole + 1, FolderIdRole, FolderNameRole, AccessNodeRole };

    NavigationModel(net::Transport& transport, bool foldersAvailable, QObject* parent = nullptr);

    /** Fetches the device total and the folders. */
    void reload();
    [[nodiscard]] const std::vector<Folder>& folders() const { return m_folders; }
    [[nodiscard]] QModelIndex dashboardIndex() const;
    [[nodiscard]] QModelIndex devicesIndex() const;
    [[nodiscard]] QModelIndex folderIndex(qint64 id) const;
    [[nodiscard]] bool foldersAvailable() const { return m_foldersAvailable; }
    /** Shows "Recycle bin (N)" below "Devices" (when the server has GET /api/v1/recycle-bin). */
    void setRecycleBinAvailable(bool available);
    /** Makes "Profiles" and "Views" real nodes (when the server has their routes). */
    void setConfigurationAvailable(bool profiles, bool views);
    /**
     * The first node of that kind, at the top or one level down (Audit, Administrators, …);
     * for Profiles and Views also the placeholder standing in their place.
     */
    [[nodiscard]] QModelIndex nodeIndex(Node node) const;
    /** Invalid when the server has no recycle bin. */
    [[nodiscard]] QModelIndex recycleBinIndex() const;
    /** Administration → Backups. */
    [[nodiscard]] QModelIndex backupsIndex() const;
    /** Shows Administration › Certificates (when the server has GET /api/v1/certificates). */
    void setCertificatesAvailable(bool available);
    /** Invalid when the server has no certificate store. */
    [[nodiscard]] QModelIndex certificatesIndex() const;

    void applyEvent(const protocol::ObjectEvent& event);
    /** PATCHes each device; emits devicesMoved() or moveFailed() when all answered. */
    void moveDevices(const QList<qint64>& ids, std::optional<qint64> folder);

    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex& index) const override;
    [[nodiscard]] QStringList mimeTypes() const override;
    [[nodiscard]] Qt::DropActions supportedDropActions() const override;
    [[nodiscard]] bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row,
                                       int column, const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

    /** The ids in a device drag ("1,2,3"). */
    [[nodiscard]] static QList<qint64> deviceIds(const QMimeData* data);

Q_SIGNALS:
    void reloaded();
    void devicesMoved(int count);
    void moveFailed(const QString& message);

private:
    void build();
    QStandardItem* placeholder(const QString& name, const QString& why,
                               const QString& accessNode = {});

    net::Transport& m_transport;
    bool m_foldersAvailable;
    std::vector<Folder> m_folders;
    qint64 m_deviceTotal = -1;
    bool m_recycleBinAvailable = false;
    bool m_certificatesAvailable = false;
    qint64 m_binTotal = -1;
    bool m_profilesAvailable = false;
    bool m_viewsAvailable = false;
    QString m_folderError;
    QTimer m_coalesce;
    int m_pending = 0;
};

} // namespace steward::console::models
