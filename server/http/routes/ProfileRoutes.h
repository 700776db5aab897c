// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ProfileRoutes - /api/v1/parameters, /api/v1/profiles and a device's effective and local config.
#pragma once

namespace steward::server::services {
class AccessService;
class ConfigPushService;
class ProfileService;
} // namespace steward::server::services
namespace steward::settings {
class ParameterRegistry;
}

namespace steward::server::http {

class Router;

/**
 * Changes that reach devices' configurations take ?apply=now|next-connect and schedule the
 * devices they reach on \a push (ConfigPushRoutes.h).
 * Any administrator reads profiles; changes need Write (assignments Assign) on the Profiles
 * root; a device's effective and local config need Read (local changes Write) on the device.
 */
void addProfileRoutes(Router& router, services::ProfileService& profiles,
                      const settings::ParameterRegistry& registry, services::AccessService& access,
                      services::ConfigPushService* push = nullptr);

} // namespace steward::server::http
