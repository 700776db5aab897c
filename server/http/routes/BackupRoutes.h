// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// BackupRoutes - /api/v1/backups: encrypted backups made by the running server.
#pragma once

namespace steward::server::services {
class AccessService;
class BackupService;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

/**
 * A backup holds every table and the server's private keys, so making, downloading and
 * deleting one needs ExportKeys on /Administration, listing them Read there. Backups are
 * always encrypted with a passphrase of at least 12 characters, which is never stored.
 */
void addBackupRoutes(Router& router, services::BackupService& backups,
                     services::AccessService& access);

} // namespace steward::server::http
