// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/link/Backoff.h"

#include <QRandomGenerator>

#include <algorithm>

namespace steward::agent {

Backoff::Backoff(BackoffPolicy policy, std::function<double()> random)
    : m_policy(policy), m_random(std::move(random))
{
    if (!m_random) {
        m_random = [] { return QRandomGenerator::global()->generateDouble(); };
    }
}

std::chrono::milliseconds Backoff::ceiling() const
{
    // Doubling stops long before overflow: 2^40 ms is far beyond any sensible cap.
    const int shift = std::min(m_attempt, 40);
    const auto grown = m_policy.initial.count() * (qint64(1) << shift);
    return std::chrono::milliseconds(std::min<qint64>(grown, m_policy.cap.count()));
}

std::chrono::milliseconds Backoff::next()
{
    const auto bound = ceiling();
    ++m_attempt;
    return std::chrono::milliseconds(qint64(m_random() * double(bound.count())));
}

std::chrono::milliseconds jitteredInterval(std::chrono::milliseconds interval,
                                           std::chrono::milliseconds jitter,
                                           const std::function<double()>& random)
{
    const double draw = random ? random() : QRandomGenerator::global()->generateDouble();
    return interval + std::chrono::milliseconds(qint64(draw * double(jitter.count())));
}

} // namespace steward::agent
