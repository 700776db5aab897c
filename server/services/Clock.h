// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Clock - the server's notion of "now", injectable so tests can move time.
#pragma once

#include <QDateTime>

#include <functional>

namespace steward::server::services {

/** Returns UTC epoch seconds. */
using Clock = std::function<qint64()>;

[[nodiscard]] inline Clock systemClock()
{
    return [] { return QDateTime::currentSecsSinceEpoch(); };
}

} // namespace steward::server::services
