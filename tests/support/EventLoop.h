// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// EventLoop - condition waits for tests; tests never sleep.
#pragma once

#include <chrono>
#include <functional>

namespace steward::test {

/** Pumps the event loop until done() is true or the timeout passes. */
[[nodiscard]] bool waitUntil(const std::function<bool()>& done,
                             std::chrono::milliseconds timeout = std::chrono::seconds(10));

} // namespace steward::test
