// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StatsRoutes - GET /api/v1/stats/devices: device counts over time (the dashboard chart).
#pragma once

#include "server/services/Clock.h"

namespace steward::server::services {
class AccessService;
class DeviceCountSampler;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

void addStatsRoutes(Router& router, services::DeviceCountSampler& sampler,
                    services::AccessService& access, services::Clock clock);

} // namespace steward::server::http
