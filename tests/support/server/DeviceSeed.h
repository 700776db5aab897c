// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceSeed - many generated devices written straight through DeviceRepository.
#pragma once

#include "common/core/Result.h"
#include "server/db/DatabaseConfig.h"

namespace steward::test {

/**
 * Inserts \a count devices named "seed-00001"… with unique fake certificate fingerprints and
 * MACs, in one transaction. Works while a ServerApp has the database open. No Catch inside, so
 * benchmarks use it too.
 */
[[nodiscard]] Result<void> seedDevices(const server::db::DatabaseConfig& config, int count);

} // namespace steward::test
