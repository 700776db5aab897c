// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ProfileRoutes - /api/v1/parameters, /api/v1/profiles and a device's effective and local config.
#pragma once

namespace steward::server::services {
class AccessService;
class ProfileService;
} // namespace steward::server::services
namespace steward::settings {
class ParameterRegistry;
}

namespace steward::server::http {

class Router;

/**
 * Any administrator reads profiles; changes need Write (assignments Assign) on the Profiles
 * root; a device's effective and local config need Read (local changes Write) on the device.
 */
void addProfileRoutes(Router& router, services::ProfileService& profiles,
                      const settings::ParameterRegistry& registry, services::AccessService& access);

} // namespace steward::server::http
