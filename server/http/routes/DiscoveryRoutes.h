// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DiscoveryRoutes - /api/v1/scans (scan, results, register offer) and /api/v1/devices/{id}/wake.
#pragma once

#include "server/discovery/WakeOnLan.h"

namespace steward::server::db {
class DeviceRepository;
}
namespace steward::server::discovery {
class ScanService;
}
namespace steward::server::services {
class AuditLog;
}

namespace steward::server::http {

class Router;

struct DiscoveryRouteContext {
    discovery::ScanService& scans;
    db::DeviceRepository& devices;
    services::AuditLog& audit;
    discovery::WakeSettings wake;
};

/** Every route is for superusers until permissions exist (they create tokens, send packets). */
void addDiscoveryRoutes(Router& router, const DiscoveryRouteContext& context);

} // namespace steward::server::http
