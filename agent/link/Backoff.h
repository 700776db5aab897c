// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Backoff - exponential reconnect delays with full jitter, so a fleet does not reconnect in step.
#pragma once

#include <chrono>
#include <functional>

namespace steward::agent {

struct BackoffPolicy {
    std::chrono::milliseconds initial{1000};
    std::chrono::milliseconds cap{5 * 60 * 1000};
};

/**
 * The n-th delay (n from 0) is uniform in [0, min(cap, initial · 2^n)] ("full jitter"); reset()
 * after a successful connection starts again at n = 0. \a random returns a value in [0, 1);
 * by default QRandomGenerator.
 */
class Backoff {
public:
    explicit Backoff(BackoffPolicy policy, std::function<double()> random = {});

    [[nodiscard]] std::chrono::milliseconds next();
    /** The upper bound next() will draw from. */
    [[nodiscard]] std::chrono::milliseconds ceiling() const;
    void reset() { m_attempt = 0; }

private:
    BackoffPolicy m_policy;
    std::function<double()> m_random;
    int m_attempt = 0;
};

/**
 * A heartbeat delay: \a interval plus a random 0…\a jitter, so that devices started together
 * do not pulse together. \a random returns a value in [0, 1); by default QRandomGenerator.
 */
[[nodiscard]] std::chrono::milliseconds
jitteredInterval(std::chrono::milliseconds interval, std::chrono::milliseconds jitter,
                 const std::function<double()>& random = {});

} // namespace steward::agent
