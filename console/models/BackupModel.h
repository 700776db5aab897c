// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// BackupModel - the server's backups, a running one followed until it ends.
#pragma once

#include "console/net/Transport.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <vector>

namespace steward::console::models {

/**
 * GET /api/v1/backups, polled while a backup runs (the server sends no events for it).
 * start(), cancel(), remove() and download() report through finished(what, error) and the
 * download callback, always with the server's own words on failure.
 */
class BackupModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Created, Size, State, CreatedBy, ColumnCount };

    explicit BackupModel(net::Transport& transport, QObject* parent = nullptr);

    void reload();
    void start(const QString& passphrase);
    /** Cancels a running backup or deletes a finished one (the server decides by state). */
    void remove(const QString& name);
    void download(const QString& name,
                  std::function<void(const QByteArray& content, const QString& error)> done);

    [[nodiscard]] QJsonObject backup(int row) const;
    /** The running backup's entry, or an empty object. */
    [[nodiscard]] QJsonObject running() const;
    [[nodiscard]] bool isPolling() const { return m_timer.isActive(); }
    [[nodiscard]] bool isLoaded() const { return m_loaded; }
    void setPollInterval(std::chrono::milliseconds interval) { m_timer.setInterval(interval); }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

Q_SIGNALS:
    void changed();
    void loadFailed(const QString& error);
    /** \a what is "start", "cancel" or "delete"; \a error is empty on success. */
    void finished(const QString& what, const QString& error);

private:
    void apply(const QJsonArray& items);

    net::Transport& m_transport;
    QTimer m_timer;
    std::vector<QJsonObject> m_rows;
    bool m_loaded = false;
    bool m_inFlight = false;
};

} // namespace steward::console::models
