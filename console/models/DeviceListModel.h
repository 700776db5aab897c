// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceListModel - the device table, fetched page by page as the view scrolls.
#pragma once

#include "common/protocol/Events.h"
#include "console/net/Transport.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>

#include <optional>
#include <vector>

namespace steward::console::models {

/**
 * Lazy: canFetchMore() is true while rows are missing, fetchMore() asks for the next page
 * (one request in flight at a time), so a view of 100,000 devices only loads what it shows.
 * Live: applyEvent() updates a loaded row in place (online, rename, inventory), appends a new
 * device once the list is loaded to its end (otherwise only the total grows, and the page
 * brings it), and removes a deleted one.
 */
class DeviceListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, State, UnitId, LastIp, LastContact, Product, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, OnlineRole, DeviceRole };
    static constexpr const char* MimeType = "application/x-steward-device-ids";

    explicit DeviceListModel(net::Transport& transport, QObject* parent = nullptr);

    void setPageSize(int size) { m_pageSize = size; }
    /** Devices of one folder (null: all); reloads from the first page. */
    void setFolder(std::optional<qint64> folder);
    [[nodiscard]] std::optional<qint64> folder() const { return m_folder; }
    /** Drops every row and fetches the first page. */
    void reload();

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex& index) const override;
    [[nodiscard]] QStringList mimeTypes() const override;
    [[nodiscard]] QMimeData* mimeData(const QModelIndexList& indexes) const override;

    /** Server-side count (all devices, not only the loaded ones); -1 before the first page. */
    [[nodiscard]] qint64 total() const { return m_total; }
    [[nodiscard]] bool isFetching() const { return m_fetching; }
    [[nodiscard]] int rowOf(qint64 id) const;
    [[nodiscard]] QJsonObject device(int row) const { return m_rows.at(size_t(row)); }

    void applyEvent(const protocol::ObjectEvent& event);

Q_SIGNALS:
    /** A page arrived: \a rows rows after \a elapsedMs milliseconds in flight. */
    void pageLoaded(int rows, qint64 elapsedMs);
    void loadFailed(const steward::Error& error);

private:
    void fetchPage();
    [[nodiscard]] bool belongsHere(const QJsonObject& device) const;

    net::Transport& m_transport;
    std::vector<QJsonObject> m_rows;
    QHash<qint64, int> m_rowById;
    qint64 m_total = -1;
    int m_pageSize = 200;
    bool m_fetching = false;
    quint64 m_generation = 0; // pages of an earlier folder/reload are dropped
    std::optional<qint64> m_folder;
    QElapsedTimer m_inFlight;
};

/** "2026-11-23 07:12" in local time from an ISO 8601 UTC string; "—" for null. */
[[nodiscard]] QString localTime(const QJsonValue& iso);

} // namespace steward::console::models
