// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DataSourceCommands - datasource show, test and copy.
#pragma once

#include "server/admin/AdminContext.h"

namespace steward::server::admin {

/** Prints the kind and connection of the active data source, never its password. */
[[nodiscard]] Result<void> showDataSource(AdminContext& context);

/** Connects, and prints the round-trip latency and the schema version. */
[[nodiscard]] Result<void> testDataSource(AdminContext& context);

/**
 * Copies every row of the active data source into the data source that \a targetConfigPath
 * describes: the target is migrated to the source's schema version, must be empty, and gets
 * everything in one transaction with ids kept; row counts are checked before the commit.
 */
[[nodiscard]] Result<void> copyDataSource(AdminContext& context, const QString& targetConfigPath);

} // namespace steward::server::admin
