// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AttributeRoutes - /api/v1/attributes and /api/v1/devices/{id}/attributes.
#pragma once

namespace steward::server::services {
class AttributeService;
}

namespace steward::server::http {

class Router;

/**
 * Any administrator reads; changing definitions and values needs a superuser (for now: one
 * check, superuserOnly() in AttributeRoutes.cpp, until permissions exist).
 */
void addAttributeRoutes(Router& router, services::AttributeService& attributes);

} // namespace steward::server::http
