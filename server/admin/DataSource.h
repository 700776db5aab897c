// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DataSource - opens the database a settings file describes, with its password, for a command.
#pragma once

#include "server/admin/AdminContext.h"
#include "server/db/Database.h"

#include <memory>

namespace steward::server::admin {

/** Where a PostgreSQL password may come from when the settings have no database/passwordFile. */
enum class PasswordFallback {
    None,               // no password (trust or peer authentication)
    Environment,        // STEWARD_DB_PASSWORD
    EnvironmentOrStdin, // STEWARD_DB_PASSWORD, else a line on standard input
};

/** The connection of \a settings; the password from database/passwordFile or \a fallback. */
[[nodiscard]] Result<db::DatabaseConfig>
databaseConfig(const ServerSettings& settings, SecretSource& secrets, PasswordFallback fallback);

/** Opens \a config; with \a migrate, brings the schema to this build's latest version. */
[[nodiscard]] Result<std::unique_ptr<db::Database>> openDatabase(const db::DatabaseConfig& config,
                                                                 bool migrate);

/** The active data source of the command's settings, opened and migrated. */
[[nodiscard]] Result<std::unique_ptr<db::Database>> openActiveDatabase(AdminContext& context,
                                                                       bool migrate = true);

} // namespace steward::server::admin
