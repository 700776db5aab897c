// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AttributeRoutes - /api/v1/attributes and /api/v1/devices/{id}/attributes.
#pragma once

namespace steward::server::services {
class AccessService;
class AttributeService;
} // namespace steward::server::services

namespace steward::server::http {

class Router;

/**
 * Any administrator reads; changing definitions and values needs a superuser (for now: one
 * check, guarded() in AttributeRoutes.cpp: Write on the Devices root for definitions, Read or Write
 * on the device for its values).
 */
void addAttributeRoutes(Router& router, services::AttributeService& attributes,
                        services::AccessService& access);

} // namespace steward::server::http
