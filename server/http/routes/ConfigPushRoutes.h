// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ConfigPushRoutes - the versioned push over REST: a device's configuration state, a push on
// demand, and the ?apply= option of every change that reaches devices' configurations.
#pragma once

#include "common/core/Result.h"
#include "server/db/records/DeviceConfig.h"
#include "server/http/Router.h"

namespace steward::server::services {
class AccessService;
class ConfigPushService;
} // namespace steward::server::services

namespace steward::server::http {

/** "?apply=now" (the default) or "?apply=next-connect"; anything else is InvalidArgument. */
[[nodiscard]] Result<db::PushMode> applyModeOf(const HttpRequest& request);

/** Which devices a change route may reach. */
enum class PushScope {
    ProfileInPath, // the devices the {id} profile reaches, before and after the change
    DeviceInPath,  // the {id} device
    ViewInPath,    // the devices of the {id} view, before and after, if it carries a profile
    Everything,    // every device (folders moved, a profile imported by name)
};

/**
 * \a handler, refused with 400 for a bad ?apply= before anything changes; after a 2xx answer
 * the devices of \a scope are scheduled for recomputation with that mode. Without \a push
 * (a server without the push) \a handler itself.
 */
[[nodiscard]] Handler pushAfter(services::ConfigPushService* push, PushScope scope,
                                Handler handler);

/**
 * GET  /api/v1/devices/{id}/config-state   (Read on the device)
 * POST /api/v1/devices/{id}/config-push    (Write on the device) recompute and send now
 * GET  /api/v1/config-states               (Read on the devices root) counts per state
 */
void addConfigPushRoutes(Router& router, services::ConfigPushService& push,
                         services::AccessService& access);

} // namespace steward::server::http
