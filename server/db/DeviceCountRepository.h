// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceCountRepository - the history of total and online device counts (the dashboard chart).
#pragma once

#include "common/core/Result.h"

#include <vector>

namespace steward::server::db {

class Database;

/** One sample: at (UTC epoch seconds), how many devices existed and how many were online. */
struct DeviceCount {
    qint64 at = 0;
    qint64 total = 0;
    qint64 online = 0;
    friend bool operator==(const DeviceCount&, const DeviceCount&) = default;
};

class DeviceCountRepository {
public:
    explicit DeviceCountRepository(Database& db);

    /** Stores a sample; a second one for the same second replaces the first. */
    [[nodiscard]] Result<void> record(const DeviceCount& sample);
    /** Samples at or after \a from, oldest first, at most \a limit (the newest ones). */
    [[nodiscard]] Result<std::vector<DeviceCount>> since(qint64 from, qint64 limit) const;
    /** Deletes samples older than \a before; how many. */
    [[nodiscard]] Result<qint64> pruneBefore(qint64 before);

private:
    Database& m_db;
};

} // namespace steward::server::db
