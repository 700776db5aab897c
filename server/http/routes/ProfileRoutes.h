// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ProfileRoutes - /api/v1/parameters, /api/v1/profiles and a device's effective and local config.
#pragma once

namespace steward::server::services {
class ProfileService;
}
namespace steward::settings {
class ParameterRegistry;
}

namespace steward::server::http {

class Router;

/** Any administrator reads; changes are for superusers (refuseUnlessSuperuser). */
void addProfileRoutes(Router& router, services::ProfileService& profiles,
                      const settings::ParameterRegistry& registry);

} // namespace steward::server::http
