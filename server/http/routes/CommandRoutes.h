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
class CommandService;
}

namespace steward::server::http {

class Router;
struct HttpRequest;

struct CommandRouteContext {
    db::DeviceRepository& devices;
    db::DeviceCommandRepository& commands;
    services::CommandService& service;
    int defaultPageSize = 100;
    int maxPageSize = 1000;
};

/**
 * POST {"kind","args"?,"ttl"?} → 202 with the command (queued, or already sent when the device
 * is online); GET lists the device's commands, newest first, paged. Who may command devices is
 * decided in one place, mayCommandDevices() (superusers until permissions exist).
 */
void addCommandRoutes(Router& router, const CommandRouteContext& context);

/** Whether the request's administrator may send commands to devices and read them. */
[[nodiscard]] bool mayCommandDevices(const HttpRequest& request);

} // namespace steward::server::http
