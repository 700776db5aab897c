// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// JobListModel - the server's jobs with their progress, following job events (docs/jobs.md).
#pragma once

#include "common/protocol/Events.h"
#include "console/net/Transport.h"

#include <QAbstractTableModel>
#include <QJsonObject>

#include <vector>

namespace steward::console::models {

/**
 * GET /api/v1/jobs (newest first) into one list. Live: "job" events insert, update and remove
 * rows and emit jobChanged(), which the progress dialog of a bulk command follows. create()
 * starts a job on devices (POST /api/v1/jobs), cancel() and remove() call the job's routes,
 * removeFinished() deletes every finished or cancelled job; each reports through finished().
 */
class JobListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Kind, State, Progress, Devices, CreatedBy, RunAt, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, ProgressRole, StateRole };

    explicit JobListModel(net::Transport& transport, QObject* parent = nullptr);

    void reload();
    [[nodiscard]] bool isLoaded() const { return m_loaded; }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

    [[nodiscard]] int rowOf(qint64 id) const;
    [[nodiscard]] QJsonObject job(int row) const { return m_rows.at(size_t(row)); }
    /** Whether a job in this state is over (finished or cancelled). */
    [[nodiscard]] static bool isOver(const QString& state);

    void applyEvent(const protocol::ObjectEvent& event);

    /** POST /api/v1/jobs; created() with the job, or finished() with the error. */
    void create(const QString& kind, const QList<qint64>& devices, const QString& name = {});
    /** POST /api/v1/jobs with \a body as it stands (the New job dialog). */
    void createJob(const QJsonObject& body, const QString& what);
    void cancel(qint64 id);
    void remove(qint64 id);
    void removeFinished();
    /** GET /api/v1/jobs/{id}: detailsLoaded() with the job and its devices. */
    void loadDetails(qint64 id);

Q_SIGNALS:
    void loadFailed(const steward::Error& error);
    void created(const QJsonObject& job);
    void jobChanged(const QJsonObject& job);
    void detailsLoaded(const QJsonObject& job);
    /** An operation ended: \a what ("Cancel job 3"); \a error is empty when it worked. */
    void finished(const QString& what, const QString& error);

private:
    void upsert(const QJsonObject& job);
    void erase(qint64 id);

    net::Transport& m_transport;
    std::vector<QJsonObject> m_rows; // newest (highest id) first
    quint64 m_generation = 0;
    bool m_loaded = false;
};

} // namespace steward::console::models
