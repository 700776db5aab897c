// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceCountSampler - records total and online device counts at a fixed interval (issue #6).
#pragma once

#include "common/core/Result.h"
#include "server/db/DeviceCountRepository.h"
#include "server/services/Clock.h"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

namespace steward::server::services {

/**
 * Every interval (and once at start) stores how many devices exist and how many are online;
 * samples older than the retention are pruned as new ones arrive. The dashboard's chart reads
 * them with GET /api/v1/stats/devices.
 */
class DeviceCountSampler : public QObject {
    Q_OBJECT

public:
    static constexpr std::chrono::seconds DefaultInterval{300};
    static constexpr std::chrono::seconds DefaultRetention{90 * 24 * 3600};
    /** At most this many samples per answer (a week at the default interval is 2016). */
    static constexpr qint64 MaxSamples = 5000;

    struct Sources {
        std::function<Result<qint64>()> total;
        std::function<qint64()> online;
    };

    DeviceCountSampler(db::DeviceCountRepository& counts, Sources sources, Clock clock,
                       std::chrono::seconds interval = DefaultInterval,
                       std::chrono::seconds retention = DefaultRetention,
                       QObject* parent = nullptr);

    /** Samples now, then every interval. */
    void start();
    /** Counts, stores and prunes; the stored sample. */
    Result<db::DeviceCount> sampleNow();
    /** Samples at or after \a from, oldest first (the newest MaxSamples). */
    [[nodiscard]] Result<std::vector<db::DeviceCount>> history(qint64 from) const;
    [[nodiscard]] std::chrono::seconds interval() const { return m_interval; }

private:
    db::DeviceCountRepository& m_counts;
    Sources m_sources;
    Clock m_clock;
    std::chrono::seconds m_interval;
    std::chrono::seconds m_retention;
    QTimer m_timer;
};

} // namespace steward::server::services
