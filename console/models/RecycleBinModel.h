// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// RecycleBinModel - the deleted devices, with restore, purge and empty, following events.
#pragma once

#include "common/protocol/Events.h"
#include "console/net/Transport.h"

#include "console/models/JsonRowsModel.h"
#include <QHash>
#include <QJsonObject>

#include <vector>

namespace steward::console::models {

/**
 * GET /api/v1/recycle-bin, page after page, into one list (a bin is small next to the device
 * list). Live: "recycle-bin" events add and remove rows, so restores and purges made elsewhere
 * show up without a refresh. restore(), purge() and empty() call the bulk routes (all or
 * nothing on the server) and report through finished().
 */
class RecycleBinModel : public JsonRowsModel {
    Q_OBJECT

public:
    enum Column { Name, UnitId, Folder, DeletedAt, DeletedBy, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1 };

    explicit RecycleBinModel(net::Transport& transport, QObject* parent = nullptr);

    void reload();
    /** Folder names for the Folder column (id → name); unknown ids show as "#ID". */
    void setFolderNames(QHash<qint64, QString> names);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    [[nodiscard]] QJsonObject entry(int row) const { return m_rows.at(size_t(row)); }
    [[nodiscard]] bool isLoaded() const { return m_loaded; }

    void applyEvent(const protocol::ObjectEvent& event);

    void restore(const QList<qint64>& ids);
    void purge(const QList<qint64>& ids);
    void empty();

Q_SIGNALS:
    void loadFailed(const steward::Error& error);
    /** An operation ended: \a what ("Restore 3 devices"); \a error is empty when it worked. */
    void finished(const QString& what, const QString& error);

private:
    void fetch(qint64 offset, quint64 generation);
    void insert(const QJsonObject& entry);
    void remove(qint64 id);
    void call(const QByteArray& method, const QString& path, const std::optional<QJsonObject>& body,
              const QString& what);

    net::Transport& m_transport;
    QHash<qint64, QString> m_folderNames;
    quint64 m_generation = 0;
    bool m_loaded = false;
};

} // namespace steward::console::models
