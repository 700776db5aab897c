// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AuditLogModel - the server's audit log, newest first, filtered, loaded page by page.
#pragma once

#include "console/net/Transport.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QTimer>

#include <chrono>
#include <optional>
#include <vector>

namespace steward::console::models {

/** Exact matches, as the server filters; empty fields and an unset time do not filter. */
struct AuditQuery {
    QString actor;
    QString action;
    QString outcome;
    QString object;
    std::optional<qint64> from; // epoch seconds
    bool operator==(const AuditQuery&) const = default;
};

/**
 * GET /api/v1/audit with the query, 200 entries a page: fetchMore() asks for the next page
 * as the view scrolls. While the page is shown, refresh() (a timer, every 10 s by default)
 * reads the first page and puts entries newer than the top one above it, so the list follows
 * without a refresh button and without losing the place.
 */
class AuditLogModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { At, Actor, Action, Object, Outcome, Peer, Details, ColumnCount };
    static constexpr int PageSize = 200;

    explicit AuditLogModel(net::Transport& transport, QObject* parent = nullptr);

    void setQuery(const AuditQuery& query);
    [[nodiscard]] const AuditQuery& query() const { return m_query; }
    void reload();
    void refresh();
    /** Starts or stops following new entries (the page does while it is shown). */
    void setLive(bool live);
    void setRefreshInterval(std::chrono::milliseconds interval) { m_timer.setInterval(interval); }
    [[nodiscard]] qint64 total() const { return m_total; }
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    [[nodiscard]] QJsonObject entry(int row) const;
    /** Every loaded row as CSV (RFC 4180), header first. */
    [[nodiscard]] QByteArray toCsv() const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

Q_SIGNALS:
    void loadFailed(const QString& error);
    void loaded();

private:
    [[nodiscard]] QString path(qint64 offset) const;
    [[nodiscard]] QString cell(const QJsonObject& entry, int column) const;

    net::Transport& m_transport;
    QTimer m_timer;
    AuditQuery m_query;
    std::vector<QJsonObject> m_rows;
    qint64 m_total = 0;
    quint64 m_generation = 0;
    bool m_loaded = false;
    bool m_fetching = false;
    bool m_refreshing = false;
};

} // namespace steward::console::models
