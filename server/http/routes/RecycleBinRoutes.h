// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// RecycleBinRoutes - DELETE /api/v1/devices[/{id}] and /api/v1/recycle-bin.
#pragma once

namespace steward::server::services {
class AccessService;
class RecycleBinService;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

/**
 * Deleting, restoring and purging a device need Write on it (the right that renames and moves
 * it); listing the bin shows the devices one may Browse. The bulk forms take {"ids":[...]} and
 * are all or nothing: one refused, unknown (404) or misplaced (409) id changes nothing.
 */
void addRecycleBinRoutes(Router& router, services::RecycleBinService& bin,
                         services::AccessService& access);

} // namespace steward::server::http
