// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CommandRoutes - /api/v1/devices/{id}/commands: queue a device command and list them.
#pragma once

#include <QtGlobal>

namespace steward::server::db {
class DeviceCommandRepository;
class DeviceRepository;
} // namespace steward::server::db
namespace steward::server::services {
class AccessService;
class CommandService;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

struct CommandRouteContext {
    db::DeviceRepository& devices;
    db::DeviceCommandRepository& commands;
    services::CommandService& service;
    services::AccessService& access;
    int defaultPageSize = 100;
    int maxPageSize = 1000;
};

/**
 * POST {"kind","args"?,"ttl"?} → 202 with the command (queued, or already sent when the device
 * is online), needing the Commands right on the device; GET lists the device's commands,
 * newest first, paged, needing Read on it.
 */
void addCommandRoutes(Router& router, const CommandRouteContext& context);

} // namespace steward::server::http
