// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ScanModel - a network scan for agents, followed as it runs, and register offers to results.
#pragma once

#include "console/net/Transport.h"

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QTimer>

#include <chrono>
#include <vector>

namespace steward::console::models {

/**
 * Starts POST /api/v1/scans and polls GET /api/v1/scans/{id} while the scan runs and while a
 * register offer waits for the agent's answer. The server ends a scan by itself seconds after
 * its last probe; cancel() stops following it (rows stay) and is the only way to stop the
 * polling early. Every server error is passed on verbatim through failed().
 */
class ScanModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Address, HostName, UnitId, Version, Status, ColumnCount };
    enum class State { Idle, Starting, Running, Finished, Cancelled, Failed };

    explicit ScanModel(net::Transport& transport, QObject* parent = nullptr);

    /** \a port 0 lets the server use its configured agent port. */
    void start(const QString& range, int port = 0);
    void cancel();
    /** Reads the scan now; the timer calls it, tests may too. */
    void poll();
    /** Sends result \a row a signed register offer; only for rows canRegister() allows. */
    void registerDevice(int row);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool isBusy() const
    {
        return m_state == State::Starting || m_state == State::Running;
    }
    [[nodiscard]] qint64 scanId() const { return m_scanId; }
    [[nodiscard]] int probes() const { return m_probes; }
    /** One sentence on where the scan is: "Probed 254 addresses, 3 agents answered so far." */
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] bool canRegister(int row) const;
    [[nodiscard]] bool isPolling() const { return m_timer.isActive(); }
    void setPollInterval(std::chrono::milliseconds interval) { m_timer.setInterval(interval); }

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index, int role) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role) const override;

Q_SIGNALS:
    void stateChanged();
    void failed(const QString& message);

private:
    void setState(State state);
    void apply(const QJsonObject& scan);
    void updatePolling();
    [[nodiscard]] static QString statusOf(const QJsonObject& result);

    net::Transport& m_transport;
    QTimer m_timer;
    State m_state = State::Idle;
    qint64 m_scanId = 0;
    int m_probes = 0;
    bool m_inFlight = false;
    quint64 m_generation = 0; // a new start() makes answers to an older scan stale
    std::vector<QJsonObject> m_rows;
};

} // namespace steward::console::models
