// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/DeviceCountSampler.h"

#include "server/app/Logging.h"

namespace steward::server::services {

DeviceCountSampler::DeviceCountSampler(db::DeviceCountRepository& counts, Sources sources,
                                       Clock clock, std::chrono::seconds interval,
                                       std::chrono::seconds retention, QObject* parent)
    : QObject(parent), m_counts(counts), m_sources(std::move(sources)), m_clock(std::move(clock)),
      m_interval(interval), m_retention(retention)
{
    m_timer.setInterval(std::chrono::duration_cast<std::chrono::milliseconds>(m_interval));
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (auto sampled = sampleNow(); !sampled) {
            qCWarning(lcServerApp).noquote()
                << QStringLiteral("device counts not sampled: %1").arg(sampled.error().message);
        }
    });
}

void DeviceCountSampler::start()
{
    if (auto sampled = sampleNow(); !sampled) {
        qCWarning(lcServerApp).noquote()
            << QStringLiteral("device counts not sampled: %1").arg(sampled.error().message);
    }
    m_timer.start();
}

Result<db::DeviceCount> DeviceCountSampler::sampleNow()
{
    auto total = m_sources.total();
    if (!total) {
        return total.error();
    }
    const db::DeviceCount sample{m_clock(), *total, m_sources.online()};
    if (auto stored = m_counts.record(sample); !stored) {
        return stored.error();
    }
    if (auto pruned = m_counts.pruneBefore(sample.at - m_retention.count()); !pruned) {
        return pruned.error();
    }
    return sample;
}

Result<std::vector<db::DeviceCount>> DeviceCountSampler::history(qint64 from) const
{
    return m_counts.since(from, MaxSamples);
}

} // namespace steward::server::services
