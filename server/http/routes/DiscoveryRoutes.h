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
class AccessService;
class AuditLog;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

struct DiscoveryRouteContext {
    discovery::ScanService& scans;
    db::DeviceRepository& devices;
    services::AuditLog& audit;
    discovery::WakeSettings wake;
    services::AccessService* access = nullptr; // required
};

/**
 * Scanning and sending register offers need Write, reading scans Read, on root:devices;
 * waking a device needs Commands on it (docs/access-control.md).
 */
void addDiscoveryRoutes(Router& router, const DiscoveryRouteContext& context);

} // namespace steward::server::http
